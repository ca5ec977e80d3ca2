//! "Possible values are: `a`, `b`, `c`." in a description: the members of an
//! enum that may have no page of its own.

/// The values listed after "Possible values are:" (or "Possible values:"),
/// up to the end of that sentence.
pub(super) fn parse(description: &str) -> Vec<String> {
    let lower = description.to_ascii_lowercase();
    let Some(at) = ["possible values are:", "possible values:", "the possible values are:"].iter().find_map(|m| lower.find(m).map(|i| i + m.len()))
    else {
        return Vec::new();
    };
    let rest = &description[at..];
    // The sentence ends at a period followed by a space or the end; a period
    // inside a value (`v1.0`) does not end it.
    let end =
        rest.char_indices().find(|&(i, c)| c == '.' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace)).map_or(rest.len(), |(i, _)| i);
    rest[..end]
        .split([',', ';'])
        .flat_map(|part| part.split(" or ").flat_map(|p| p.split(" and ")))
        .map(|v| v.trim().trim_matches('`').trim().trim_matches('"').trim())
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn listed_values() {
        let cases: &[(&str, &[&str])] = &[
            ("Status. Possible values are: `unknown`, `notApplicable`, `compliant`.", &["unknown", "notApplicable", "compliant"]),
            (
                "Possible values are: unknown , success , fail , scriptError , pending , notApplicable .",
                &["unknown", "success", "fail", "scriptError", "pending", "notApplicable"],
            ),
            ("Possible values are: `a`, `b`, or `unknownFutureValue`. Default is `a`.", &["a", "b", "unknownFutureValue"]),
            ("No values here.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(super::parse(text), *want, "{text}");
        }
    }
}
