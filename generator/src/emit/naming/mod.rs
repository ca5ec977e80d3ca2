//! Rust names for wire names: case conversion, keywords, names that are not
//! identifiers at all, and a scope that resolves collisions the same way
//! every run. A `Name` comes only from a scope, and the names table
//! (`table`) claims every name of the crate before anything is emitted:
//! emitters look names up and never make one.

pub(crate) mod nav;
mod operations;
mod table;

pub(super) use operations::OperationNames;
pub(super) use table::{AnyNames, CrateNames, Names, TypeNames, PARTS};

use std::collections::{BTreeMap, BTreeSet};

/// Words of a wire name: split at non-alphanumerics, at lower→upper, and
/// before the last capital of an acronym (`macOSWired` → mac, OS, Wired).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                p.is_ascii_lowercase() || p.is_ascii_digit() || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
    "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "gen",
];

/// Makes a name a valid identifier: a leading digit gets a prefix, a
/// keyword a trailing `_`, an empty name a placeholder.
fn sanitize(name: String, empty: &str, digit_prefix: &str) -> String {
    let name = if name.is_empty() { empty.to_owned() } else { name };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) { format!("{digit_prefix}{name}") } else { name };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Whether cargo takes `name` as a package name and Rust its `-` → `_`
/// form as a crate identifier: ASCII letters, digits, `-` and `_`,
/// starting with a letter, at most 64 characters, not a keyword.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    let valid_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let starts_with_letter = name.starts_with(|c: char| c.is_ascii_alphabetic());
    if !valid_chars || !starts_with_letter || name.len() > 64 {
        return Err(format!(
            "expected a package name of ASCII letters, digits, `-` and `_`, starting with a letter, at most 64 characters; found {name:?}"
        ));
    }
    if KEYWORDS.contains(&name.replace('-', "_").as_str()) {
        return Err(format!("expected a package name that is not a Rust keyword; found {name:?}"));
    }
    Ok(())
}

pub(super) fn snake_case(name: &str) -> String {
    let joined = words(name).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_");
    sanitize(joined, "field", "_")
}

pub(super) fn pascal_case(name: &str) -> String {
    let joined: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().map(|c| c.to_ascii_uppercase()).into_iter();
            first.chain(cs.map(|c| c.to_ascii_lowercase())).collect::<String>()
        })
        .collect();
    sanitize(joined, "Value", "V")
}

/// The longest file stem the crate's modules take. File systems refuse
/// names over 255 bytes; the docs can call a type anything.
const MAX_MODULE_NAME: usize = 100;

/// A module (and so file) name for a Rust name: its snake case, or, when
/// that is longer than a file system takes, its start and a stable hash of
/// the whole (FNV-1a), so two long names still get two files.
pub(super) fn module_name(name: &str) -> String {
    use std::hash::Hasher;
    let snake = snake_case(name);
    if snake.len() <= MAX_MODULE_NAME {
        return snake;
    }
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(snake.as_bytes());
    // snake case is ASCII, so any byte index is a character boundary.
    format!("{}_{:016x}", snake[..MAX_MODULE_NAME - 17].trim_end_matches('_'), hasher.finish())
}

/// A Rust identifier of the generated crate, claimed in a `Scope` (the
/// only way to make one), so it is valid, not a keyword and unique where
/// it was claimed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Name(String);

impl Name {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl quote::ToTokens for Name {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        tokens.extend(std::iter::once(proc_macro2::TokenTree::Ident(proc_macro2::Ident::new(&self.0, proc_macro2::Span::call_site()))));
    }
}

/// The names taken in one namespace (a module's types, a struct's fields).
/// The first claimant of a name keeps it; later ones get the first free
/// `name2`, `name3`..., so the same claims in the same order give the same
/// names.
#[derive(Default)]
pub(super) struct Scope {
    taken: BTreeSet<String>,
    /// Per base name, the number below which every numbered form is
    /// taken: a page of 40,000 rows named alike costs one step each, not a
    /// walk from `name2` every time.
    next_number: BTreeMap<String, u64>,
}

impl Scope {
    pub(super) fn with_reserved(names: &[&str]) -> Self {
        Scope { taken: names.iter().map(|s| s.to_string()).collect(), next_number: BTreeMap::new() }
    }

    /// Claims the first free name among `candidates`, then numbered forms
    /// of the first candidate. Candidates come from `snake_case`,
    /// `pascal_case` or `module_name` (or are joined from their output), so
    /// they are identifiers.
    pub(super) fn claim(&mut self, candidates: &[String]) -> Name {
        Name(self.claim_text(candidates))
    }

    fn claim_text(&mut self, candidates: &[String]) -> String {
        for c in candidates {
            if self.taken.insert(c.clone()) {
                return c.clone();
            }
        }
        let base = candidates.first().cloned().unwrap_or_else(|| "item".to_owned());
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let next = self.next_number.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}{sep}{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion() {
        let cases = [
            ("deviceComplianceDeviceStatus", "device_compliance_device_status", "DeviceComplianceDeviceStatus"),
            ("userPrincipalName", "user_principal_name", "UserPrincipalName"),
            ("macOSWiredNetworkConfiguration", "mac_os_wired_network_configuration", "MacOsWiredNetworkConfiguration"),
            ("iPhoneAndIPod", "i_phone_and_i_pod", "IPhoneAndIPod"),
            ("v8_0", "v8_0", "V80"),
            ("@odata.type", "odata_type", "OdataType"),
            ("type", "type_", "Type"),
            ("self", "self_", "Self_"),
            ("3dModel", "_3d_model", "V3dModel"),
            ("windows10XSCEPCertificateProfile", "windows10_xscep_certificate_profile", "Windows10XscepCertificateProfile"),
            ("", "field", "Value"),
            ("request-id", "request_id", "RequestId"),
            ("ÄÖ", "field", "Value"),
        ];
        for (wire, snake, pascal) in cases {
            assert_eq!(snake_case(wire), snake, "snake {wire:?}");
            assert_eq!(pascal_case(wire), pascal, "pascal {wire:?}");
        }
    }

    #[test]
    fn crate_names_cargo_takes() {
        for ok in ["graph-client", "my_client2", "G"] {
            assert_eq!(check_crate_name(ok), Ok(()), "{ok}");
        }
        for bad in ["", "2fa", "-x", "graph client", "grâph", "a/b", "self", "fn", "my.client", &"a".repeat(65)] {
            assert!(check_crate_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn module_names_are_bounded_and_distinct() {
        assert_eq!(module_name("DeviceCompliancePolicy"), "device_compliance_policy");
        let long_a = "A".to_string() + &"VeryLong".repeat(40);
        let long_b = "B".to_string() + &"VeryLong".repeat(40);
        let (a, b) = (module_name(&long_a), module_name(&long_b));
        assert!(a.len() <= MAX_MODULE_NAME && b.len() <= MAX_MODULE_NAME, "{a} {b}");
        assert_ne!(a, b);
        assert_eq!(a, module_name(&long_a), "stable");
        assert!(syn::parse_str::<syn::Ident>(&a).is_ok(), "{a}");
    }

    #[test]
    fn scope_resolves_collisions_in_claim_order() {
        let mut scope = Scope::with_reserved(&["additional_properties"]);
        assert_eq!(scope.claim(&["odata_type".into()]), "odata_type");
        assert_eq!(scope.claim(&["odata_type".into()]), "odata_type2");
        assert_eq!(scope.claim(&["additional_properties".into()]), "additional_properties2");
        assert_eq!(scope.claim(&["assign".into(), "mobile_app_assign".into()]), "assign");
        assert_eq!(scope.claim(&["assign".into(), "mobile_app_assign".into()]), "mobile_app_assign");
        assert_eq!(scope.claim(&["v8".into()]), "v8");
        assert_eq!(scope.claim(&["v8".into()]), "v8_2");
        assert_eq!(scope.claim(&["row3".into()]), "row3");
        let rows: Vec<String> = (0..5).map(|_| scope.claim(&["row".into()]).0).collect();
        assert_eq!(rows, ["row", "row2", "row4", "row5", "row6"], "a name claimed as it is is skipped");
    }
}
