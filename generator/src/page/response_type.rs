//! The type a Response section's sentence names: "returns a `200 OK`
//! response code and the requested [timeOff](..) object in the response
//! body". The name is the word before the kind of thing returned
//! (`object`, `entity`, `resource`), whatever words stand between "and"
//! and it ("the requested", "a collection of one", "an instance of");
//! where no kind is written ("a Stream in the response body"), it is the
//! first word after the articles, and the phrase's last.

/// Words that stand where a type's name goes but name none: "no
/// content", "the updated object", "one of the following requested
/// objects" (which lists several).
const NO_TYPE: [&str; 16] =
    ["no", "empty", "updated", "object", "objects", "json", "the", "a", "an", "requested", "following", "new", "created", "one", "of", "collection"];

/// What joins alternatives: "a [user] or [group] object".
const JOINS: [&str; 3] = ["or", "and/or", "and"];

/// What makes a collection before "of": "a collection of", "a list of".
const SEQUENCES: [&str; 3] = ["collection", "list", "array"];

/// The kinds that say several are returned.
const PLURAL_KINDS: [&str; 4] = ["objects", "entities", "resources", "items"];

/// The kinds of thing a sentence says is returned, after the type's name.
const KINDS: [&str; 8] = ["object", "objects", "entity", "entities", "resource", "resources", "item", "items"];

/// The types a Response section's text names (as written: one, or the
/// alternatives of "a [user] or [group] object") and whether it is a
/// collection; None where it names none.
pub(super) fn named(text: &str) -> Option<(Vec<String>, bool)> {
    const LEAD: &str = "response code and ";
    let at = text.to_ascii_lowercase().find(LEAD)? + LEAD.len();
    let rest = &text[at..];
    // The phrase ends where the sentence or the "in the response body" does.
    let end = [". ", ".\n", " in the response", "\n"].iter().filter_map(|e| rest.find(e)).min().unwrap_or(rest.len());
    let words: Vec<&str> = rest[..end].split_whitespace().map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '(' | ')'))).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let is = |i: usize, w: &str| lower.get(i).is_some_and(|l| l == w);
    let (name_at, mut collection) = match lower.iter().take(8).position(|w| KINDS.contains(&w.as_str())) {
        // "a String collection object": the name before "collection".
        Some(k) if k >= 2 && is(k - 1, "collection") => (k - 2, true),
        Some(k) if k >= 1 => (k - 1, false),
        _ => {
            // No kind written: the first word after articles and adjectives.
            let first = lower.iter().position(|w| {
                let w = w.as_str();
                !(["a", "an", "the", "updated", "new", "created", "requested", "of"].contains(&w) || SEQUENCES.contains(&w))
            })?;
            // Then the name ends the phrase ("a Stream in the response
            // body", "a String collection"): words after it are a clause
            // ("does not return anything", "a link to ... in the header").
            let collection = is(first + 1, "collection");
            if first + 1 + usize::from(collection) != words.len() {
                return None;
            }
            (first, collection)
        }
    };
    // "a collection of [user] objects", "a list of ...".
    collection |= (0..name_at).any(|i| SEQUENCES.contains(&lower[i].as_str()) && is(i + 1, "of"));
    // "the requested [session] objects": a plural kind is several.
    collection |= lower.get(name_at + 1).is_some_and(|k| PLURAL_KINDS.contains(&k.as_str()));
    // A type's name is a (qualified) identifier: not `Operation-Location`.
    let is_name = |i: usize| {
        let name = words[i];
        name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && !NO_TYPE.contains(&lower[i].as_str())
    };
    if name_at >= words.len() || !is_name(name_at) {
        return None;
    }
    // "a [user] or [group] object", "[user] and/or [group] objects": the
    // alternatives, in the order written.
    let mut names = vec![words[name_at].to_owned()];
    let mut at = name_at;
    while at >= 2 && JOINS.contains(&lower[at - 1].as_str()) && is_name(at - 2) {
        at -= 2;
        names.insert(0, words[at].to_owned());
    }
    // "... of one [x] or ..." where what comes before the alternatives is
    // no name: a sentence the rule does not read.
    if at >= 1 && JOINS.contains(&lower[at - 1].as_str()) {
        return None;
    }
    Some((names, collection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_the_word_before_what_is_returned() {
        // (the sentence, the type it names and whether a collection)
        let cases: [(&str, Option<(&str, bool)>); 31] = [
            ("returns a 200 OK response code and a user object in the response body.", Some(("user", false))),
            // A plural kind is several, with or without "collection of".
            ("returns a 200 OK response code and the requested timeOffRequest objects in the response body.", Some(("timeOffRequest", true))),
            ("returns a 200 OK response code and all openShift objects in the team in the response body.", Some(("openShift", true))),
            ("returns a 200 OK response code and the requested session entities in the response body.", Some(("session", true))),
            (
                "returns a 200 OK response code and the requested conditionalAccessPolicy object in the response body.",
                Some(("conditionalAccessPolicy", false)),
            ),
            ("returns a 200 OK response code and a collection of one organization object in the response body.", Some(("organization", true))),
            ("returns a 200 OK response code and an instance of chat object in the response body.", Some(("chat", false))),
            ("returns a 201 Created response code and the new page object in the response body.", Some(("page", false))),
            ("returns a 200 OK response code and a collection of directoryObject objects in the response body.", Some(("directoryObject", true))),
            ("returns a 200 OK response code and a String collection object in the response body.", Some(("String", true))),
            ("returns a 200 OK response code and a String collection in the response body.", Some(("String", true))),
            ("returns a 200 OK response code and a Stream in the response body.", Some(("Stream", false))),
            ("returns a 201 Created response code and a new chatMessage object in the response body.", Some(("chatMessage", false))),
            ("returns a 200 OK response code and one of the following requested objects in the response body:", None),
            ("returns a 200 OK response code and the updated object in the response body.", None),
            ("returns a 204 No Content response code and no content.", None),
            ("returns a 200 OK response code and an empty response body.", None),
            ("returns a 200 OK response code and a JSON object in the response body.", None),
            ("renvoie un code de réponse 200 OK. Response code and a list of événement objects, 日本.", None),
            ("returns a 200 OK response code and a list of microsoft.graph.event resources", Some(("microsoft.graph.event", true))),
            ("returns a 200 OK response code and a list of shared items in the response body.", Some(("shared", true))),
            ("returns a 202 Accepted response code and a target group object in the response body.", Some(("group", false))),
            ("returns a 200 OK response code and a user or group object in the response body.", Some(("user group", false))),
            ("returns a 200 OK response code and a collection of user and/or group objects in the response body.", Some(("user group", true))),
            ("returns a 201 Created response code and a new a or countryNamedLocation object.", None),
            ("returns a 202 Accepted response code and an Operation-Location header. Poll the endpoint.", None),
            ("returns a 204 No Content response code and does not return anything in the response body.", None),
            ("returns a 204 No Content response code and a response body.", None),
            ("returns a 202 Accepted response code and a link to the associated printerCreateOperation in the Operation-Location header.", None),
            ("returns a 201 Created response code and a Location header that provides a URL path to the newly created member object.", None),
            ("returns a 200 OK response code and a list of trending items in the response body.", Some(("trending", true))),
        ];
        for (text, want) in cases {
            assert_eq!(named(text), want.map(|(n, c)| (n.split(' ').map(str::to_owned).collect::<Vec<_>>(), c)), "{text}");
        }
    }

    #[test]
    fn no_sentence_is_read_past_its_end() {
        for text in ["response code and", "response code and ", "RESPONSE CODE AND é", "response code and a", "x response code and the object"] {
            assert_eq!(named(text), None, "{text:?}");
        }
    }
}
