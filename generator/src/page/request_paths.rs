//! Syntax paths as pages write them, read as the request paths they mean.
//! Each rule is a shape no segment of the API has, so a path that has it
//! was written for a reader, not for a client: an example id where a key
//! goes, a placeholder in the wrong brackets, alternatives left outside
//! their braces, an ellipsis for more levels, values standing in for a
//! function's parameters, words after the path. Each repair is returned
//! to be said where the path is read.

use regex::Regex;
use std::sync::LazyLock;

/// What a repair read a segment as, with the text the page wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Repair {
    /// `/classes/acdefc6b-.../assignments`: an example id where a key goes.
    ExampleId(String),
    /// `/teams/(team-id)/channels`: a placeholder in parentheses.
    Parenthesized(String),
    /// `/users/{user-id} | user-principal-name/chats`: a placeholder's
    /// alternatives, some outside its braces.
    Alternatives(String),
    /// `/childFolders/{id}/.../messages`: an ellipsis for more levels of
    /// what comes before it. The path is read without it (one level).
    Ellipsis(String),
    /// `/domains/contoso.com/serviceConfigurationRecords`: an example host
    /// name where a key goes.
    ExampleHost(String),
}

impl Repair {
    pub(crate) fn code(&self) -> &'static str {
        match self {
            Repair::ExampleId(_) => "path-example-id",
            Repair::Parenthesized(_) => "path-placeholder-parenthesized",
            Repair::Alternatives(_) => "path-placeholder-alternatives",
            Repair::Ellipsis(_) => "path-ellipsis",
            Repair::ExampleHost(_) => "path-example-host",
        }
    }

    pub(crate) fn message(&self) -> String {
        match self {
            Repair::ExampleId(id) => {
                format!("expected a placeholder where the path writes the example id `{id}` (an id names no segment of the API); it is read as one")
            }
            Repair::Parenthesized(s) => format!(
                "expected a placeholder in braces, found `{s}` (a segment of the API never starts with a parenthesis); it is read as the placeholder `{{{}}}`",
                s.trim_matches(['(', ')'])
            ),
            Repair::Alternatives(s) => format!(
                "expected a placeholder's alternatives inside its braces, found `{s}`; it is read as the one placeholder `{}`",
                alternatives(s).unwrap_or_default()
            ),
            Repair::ExampleHost(host) => format!(
                "expected a placeholder where the path writes the example host name `{host}` (a host name is a value, not a segment of the API); it is read as one"
            ),
            Repair::Ellipsis(s) => format!(
                "the path writes `{s}` for more levels of what comes before it, which no request can send; it is read without them (one level)"
            ),
        }
    }
}

static GUID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$").unwrap());

/// A host name: lower-case labels of letters, digits and hyphens joined
/// by dots, the last of letters only (`contoso.com`,
/// `contoso.sharepoint.com`). A type cast has the same shape
/// (`microsoft.graph.user`) and is told apart by its namespace.
static HOST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[\p{Ll}\p{N}](?:[\p{Ll}\p{N}-]*[\p{Ll}\p{N}])?\.)+\p{Ll}{2,}$").unwrap());

/// A name in parentheses and nothing else: `(team-id)`. A function's
/// arguments follow its name (`range(address='A1')`), and a key in
/// parentheses follows its collection (`users('x')`), so a segment that
/// starts with `(` is neither.
static PARENTHESIZED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(\s*([\p{L}_][\p{L}\p{N}_ |.-]*?)\s*\)$").unwrap());

/// Reads a syntax path's segments as the placeholders they mean (see
/// [`Repair`]); the path, and what was repaired, in order. `namespace` is
/// the page's (`microsoft.graph`): a qualified name in it is a cast.
pub(crate) fn placeholders(path: &str, namespace: &str) -> (String, Vec<Repair>) {
    // A cast's qualifier is the namespace, a namespace under it, or one
    // it is under (`microsoft.graph.user` on a `microsoft.graph.callRecords`
    // page), of two labels at least.
    let namespace = namespace.to_lowercase();
    let is_cast = |segment: &str| {
        let qualifier = segment.rsplit_once('.').map_or("", |(q, _)| q).to_lowercase();
        qualifier == namespace
            || qualifier.starts_with(&format!("{namespace}."))
            || (qualifier.contains('.') && namespace.starts_with(&format!("{qualifier}.")))
    };
    let mut repairs = Vec::new();
    let mut segments: Vec<String> = Vec::new();
    let mut previous = "";
    for segment in path.split('/') {
        // `.` and `..` are a path's own; three dots or more are prose.
        if segment == "…" || (segment.len() >= 3 && segment.chars().all(|c| c == '.')) {
            repairs.push(Repair::Ellipsis(segment.to_owned()));
            continue;
        }
        // An id or a host is named after the collection before it.
        let key = || format!("{{{}-id}}", if previous.is_empty() { "key" } else { previous });
        segments.push(if GUID.is_match(segment) {
            repairs.push(Repair::ExampleId(segment.to_owned()));
            key()
        } else if HOST.is_match(segment) && !is_cast(segment) && !previous.is_empty() {
            repairs.push(Repair::ExampleHost(segment.to_owned()));
            key()
        } else if let Some(c) = PARENTHESIZED.captures(segment) {
            repairs.push(Repair::Parenthesized(segment.to_owned()));
            format!("{{{}}}", &c[1])
        } else if let Some(joined) = alternatives(segment) {
            repairs.push(Repair::Alternatives(segment.to_owned()));
            joined
        } else {
            segment.to_owned()
        });
        previous = segment;
    }
    (segments.join("/"), repairs)
}

/// `{user-id} | user-principal-name` → `{user-id | user-principal-name}`:
/// a segment that opens with a placeholder and goes on with `|` outside
/// braces is one placeholder whose alternatives are each part. None for a
/// segment of another shape.
fn alternatives(segment: &str) -> Option<String> {
    if !segment.starts_with('{') {
        return None;
    }
    let mut depth = 0usize;
    let mut parts = vec![String::new()];
    let mut outside_bar = false;
    for c in segment.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.checked_sub(1)?,
            '|' if depth == 0 => {
                outside_bar = true;
                parts.push(String::new());
            }
            _ => parts.last_mut()?.push(c),
        }
    }
    let names: Vec<&str> = parts.iter().flat_map(|p| p.split('|')).map(str::trim).collect();
    let named = names.iter().all(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.')));
    (outside_bar && depth == 0 && named).then(|| format!("{{{}}}", names.join(" | ")))
}

/// A path whose last segment calls a function with values where its
/// arguments go (`reminderView(startDateTime=startDateTime-value)`,
/// `columnsAfter(count=n)`, `image(width=640)`), every one of them a
/// parameter the page's table declares: the values stand in for the
/// caller's (the client writes the parameters after the name, from the
/// call's fields), so the path is the function's name alone. None where
/// the segment writes a placeholder, or an argument the page does not
/// declare (then the value is part of the path as written). With the bare
/// path, the declared parameters it writes (their indexes in `declared`),
/// in the order it writes them.
pub(crate) fn without_stand_in_arguments(path: &str, declared: &[&str]) -> Option<(String, Vec<usize>)> {
    let (head, last) = path.rsplit_once('/')?;
    let open = last.find('(')?;
    let (name, args) = (&last[..open], last[open + 1..].strip_suffix(')')?);
    if name.is_empty() || args.contains(['{', '<', '(', ')']) {
        return None;
    }
    let keys: Vec<&str> = args.split(',').map(|a| a.split_once('=').map(|(k, _)| k.trim())).collect::<Option<_>>()?;
    let same = |a: &str, b: &str| {
        a.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .eq(b.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase))
    };
    let written: Vec<usize> = keys.iter().map(|k| declared.iter().position(|d| !k.is_empty() && same(k, d))).collect::<Option<_>>()?;
    (!written.is_empty()).then(|| (format!("{head}/{name}"), written))
}

/// An example's path that is a documented path followed by a type cast
/// (`/groups/{id}/members/microsoft.graph.user`, on a page documenting
/// `/groups/{id}/members`): the documented path with the cast, which the
/// example documents; None for any other path. A cast is a qualified name
/// in the page's namespace (`microsoft.graph.` and a name), as the
/// example writes it.
pub(crate) fn example_cast(example_path: &str, documented: &[&crate::template::PathTemplate], namespace: &str) -> Option<String> {
    let path = example_path.split('?').next().unwrap_or("").trim_end_matches('/');
    let (head, last) = path.rsplit_once('/')?;
    let (ns, name) = last.rsplit_once('.')?;
    let is_name = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !ns.eq_ignore_ascii_case(namespace) || !is_name {
        return None;
    }
    let base = documented.iter().find(|t| t.match_path(head).is_some())?;
    Some(format!("{}/{last}", base.path()))
}

/// An example's path that calls a documented `/users/{key}/...` path
/// through `/me` (`/me/ownedDevices`, on a page documenting
/// `/users/{id}/ownedDevices`): that path under `/me`, which the example
/// documents; None for any other path. The docs define `/me` as
/// `/users/{signed-in user's id}`, so the pair of the example and that
/// definition states the path; the other direction is no alias (`/me`
/// reaches one user, `/users/{id}` any).
pub(crate) fn example_me_alias(example_path: &str, documented: &[&crate::template::PathTemplate]) -> Option<String> {
    let path = example_path.split('?').next().unwrap_or("").trim_end_matches('/');
    let after_me = path.get(..3).is_some_and(|head| head.eq_ignore_ascii_case("/me")) && matches!(path.as_bytes().get(3), None | Some(b'/'));
    if !after_me {
        return None;
    }
    documented.iter().find_map(|t| {
        let written = t.path();
        let rest = written.strip_prefix("/users/")?;
        let (key, rest) = rest.split_once('/').map_or((rest, ""), |(k, r)| (k, r));
        if !(key.starts_with('{') && key.ends_with('}')) {
            return None;
        }
        let alias = if rest.is_empty() { "/me".to_owned() } else { format!("/me/{rest}") };
        crate::template::PathTemplate::parse(&alias).match_path(path).map(|_| alias)
    })
}

/// The collection an example's path counts (`/users/$count` → `/users`),
/// without its query; None for a path that counts nothing.
pub(crate) fn counted_collection(example_path: &str) -> Option<&str> {
    let path = example_path.split('?').next().unwrap_or("").trim_end_matches('/');
    let (head, last) = path.rsplit_once('/')?;
    (last.eq_ignore_ascii_case("$count") && !head.is_empty()).then_some(head)
}

/// The query parameters a request path asks the caller for: each pair of
/// its query whose value is one placeholder (`?startDateTime={start}`),
/// by name as written. OData's own options (`$top={n}`) are the query
/// builder's, and a value the docs write out (`includeHiddenFolders=true`,
/// `$filter=id eq '{id}'`) is an example of one, not a parameter.
pub(crate) fn placeholder_query(path: &str) -> Vec<&str> {
    let Some((_, query)) = path.split_once('?') else { return Vec::new() };
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(name, value)| {
            let value = value.trim();
            let whole = value.len() > 2 && value.starts_with('{') && value.ends_with('}') && !value[1..value.len() - 1].contains(['{', '}']);
            let named = name.chars().next().is_some_and(|c| c.is_alphabetic()) && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            whole && named
        })
        .map(|(name, _)| name)
        .collect()
}

/// A query the docs write with values the caller gives, which a request
/// must send to do what its page says (`$expand=singleValueExtendedProperties($filter=id eq '{id}')`
/// reads the property; without it the same path reads the message).
/// A query's (name, value) pairs, percent-decoded.
pub type QueryPairs = Vec<(String, String)>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTemplate {
    /// The query as sent, percent-decoded, each placeholder as written.
    pub text: String,
    /// Its placeholders in the order written, each once.
    pub placeholders: Vec<String>,
}

impl QueryTemplate {
    /// The values an example's query gives a path's query template, one per
    /// placeholder in the order first written, and the example's pairs that
    /// hold them; None where a pair of the template is missing or does not
    /// fit it. Inside quotes a `'` is written `''`; a URL's segment is
    /// percent-encoded: the values are the plain ones.
    pub fn values_in(template: &str, query: &[(String, String)]) -> Option<(Vec<String>, QueryPairs)> {
        let mut names: Vec<&str> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let mut pairs = Vec::new();
        for pair in template.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let given = query.iter().find(|(k, _)| k == key)?;
            let pieces: Vec<&str> = value.split(['{', '}']).collect();
            let pattern: String =
                pieces.iter().enumerate().map(|(i, piece)| if i % 2 == 0 { regex::escape(piece) } else { "(.*?)".to_owned() }).collect();
            let captures = regex::Regex::new(&format!("^{pattern}$")).ok()?.captures(&given.1)?;
            for (n, i) in (1..pieces.len()).step_by(2).enumerate() {
                let text = captures.get(n + 1)?.as_str();
                let plain = if pieces[i - 1].ends_with('\'') {
                    text.replace("''", "'")
                } else {
                    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
                };
                match names.iter().position(|p| *p == pieces[i]) {
                    Some(at) if values[at] != plain => return None,
                    Some(_) => {}
                    None => {
                        names.push(pieces[i]);
                        values.push(plain);
                    }
                }
            }
            pairs.push(given.clone());
        }
        (!values.iter().any(String::is_empty)).then_some((values, pairs))
    }
}

/// The query template of a request path: its query less the pairs
/// `placeholder_query` asks for (the operation's own parameters), where
/// every placeholder left stands where a value goes: an OData string
/// (`id eq '{id}'`) or a whole segment of a URL (`$id=https://…/users/{id}`).
/// None where none is left, or where one stands elsewhere: a property's
/// name (`$filter={property} eq '{value}'`) or one of a list
/// (`$select=id,{property_1},{property_n}`) illustrates the option rather
/// than asking for a value.
pub(crate) fn query_template(path: &str) -> Option<QueryTemplate> {
    let (_, query) = path.split_once('?')?;
    let asked = placeholder_query(path);
    let decoded = percent_encoding::percent_decode_str(query).decode_utf8().ok()?;
    let pairs: Vec<&str> = decoded
        .split('&')
        .filter(|pair| !pair.trim().is_empty() && !asked.iter().any(|a| pair.split_once('=').is_some_and(|(k, _)| k == *a)))
        .collect();
    let mut placeholders: Vec<String> = Vec::new();
    for pair in &pairs {
        let (name, value) = pair.split_once('=')?;
        if name.is_empty() || name.contains(['{', '}', ' ', '(']) {
            return None;
        }
        let mut at = 0;
        while let Some(open) = value[at..].find('{').map(|o| at + o) {
            let close = open + value[open..].find('}')?;
            let (before, inner, after) = (&value[..open], &value[open + 1..close], &value[close + 1..]);
            let quoted = before.ends_with('\'') && after.starts_with('\'');
            let segment = value.starts_with("http") && before.ends_with('/') && (after.is_empty() || after.starts_with('/'));
            if !(quoted || segment) || inner.trim().is_empty() || inner.contains('{') {
                return None;
            }
            if !placeholders.iter().any(|p| p == inner) {
                placeholders.push(inner.to_owned());
            }
            at = close + 1;
        }
    }
    (!placeholders.is_empty()).then(|| QueryTemplate { text: pairs.join("&"), placeholders })
}

/// Whether a request line's target is a path and nothing else: no space
/// outside a placeholder's braces, a function's parentheses or a quoted
/// value (`/users/{id | userPrincipalName}` is one;
/// `to branding/localizations to create a new one` is a sentence).
pub(crate) fn is_path(target: &str) -> bool {
    // A query's values may hold spaces (`$filter=a eq 'b'`), and so may a
    // placeholder's alternatives written outside its braces (`{id} | name`,
    // which `placeholders` mends): neither makes the target prose.
    let path = target.split('?').next().unwrap_or("");
    let path: String = path.split('|').map(str::trim).collect::<Vec<_>>().join("|");
    // A placeholder's name is prose (`{identifiant de l'équipe}`): inside
    // braces, quotes are letters.
    let (mut braces, mut other, mut quoted) = (0i32, 0i32, false);
    for c in path.chars() {
        match c {
            '{' => braces += 1,
            '}' => braces -= 1,
            _ if braces > 0 => {}
            '\'' => quoted = !quoted,
            '(' | '<' if !quoted => other += 1,
            ')' | '>' if !quoted => other -= 1,
            c if c.is_whitespace() && other <= 0 && !quoted => return false,
            _ => {}
        }
    }
    !path.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_asks_for_what_it_writes_as_one_placeholder() {
        // (path, the parameters it asks for)
        let cases: [(&str, &[&str]); 10] = [
            ("/me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}", &["startDateTime", "endDateTime"]),
            ("/drive/items/{item-id}/content?format={format}", &["format"]),
            ("/sites?search={query}", &["search"]),
            ("/me/mailFolders?includeHiddenFolders=true", &[]),
            ("/users?$top={n}", &[]),
            ("/me/messages/{id}?$expand=extensions($filter=id eq '{id}')", &[]),
            ("/appCatalogs/teamsApps?requiresReview:{Boolean}", &[]),
            ("/événements?début={début}&x={a}{b}", &["début"]),
            ("/users/{id}", &[]),
            ("/x?=&a={}&b= {b} ", &["b"]),
        ];
        for (path, want) in cases {
            assert_eq!(placeholder_query(path), want, "{path}");
        }
    }

    #[test]
    fn a_query_with_values_to_give_is_a_template() {
        // (path, the query as sent, its placeholders; None: not sent)
        type Case = (&'static str, Option<(&'static str, &'static [&'static str])>);
        let cases: [Case; 13] = [
            (
                "/me/messages/{id}?$expand=singleValueExtendedProperties($filter=id eq '{id_value}')",
                Some(("$expand=singleValueExtendedProperties($filter=id eq '{id_value}')", &["id_value"])),
            ),
            (
                "/me/events?$filter=Extensions/any(f:f/id eq '{extensionId}')&$expand=Extensions($filter=id eq '{extensionId}')",
                Some(("$filter=Extensions/any(f:f/id eq '{extensionId}')&$expand=Extensions($filter=id eq '{extensionId}')", &["extensionId"])),
            ),
            // The docs' own percent-encoding is read.
            ("/me/onlineMeetings?$filter=JoinWebUrl%20eq%20'{joinWebUrl}'", Some(("$filter=JoinWebUrl eq '{joinWebUrl}'", &["joinWebUrl"]))),
            (
                "/groups/{id}/owners/$ref?$id=https://graph.microsoft.com/v1.0/users/{user-id}",
                Some(("$id=https://graph.microsoft.com/v1.0/users/{user-id}", &["user-id"])),
            ),
            // Non-ASCII names and values.
            ("/équipes?$filter=nom eq '{nom-é}'&$top=5", Some(("$filter=nom eq '{nom-é}'&$top=5", &["nom-é"]))),
            // The operation's own parameters are not the template's.
            ("/me/calendarView?startDateTime={start}&$filter=x eq '{x}'", Some(("$filter=x eq '{x}'", &["x"]))),
            ("/me/calendarView?startDateTime={start}&endDateTime={end}", None),
            // Illustrations: a property's name, a list, a literal query.
            ("/security/secureScores?$filter={property} eq '{property-value}'", None),
            ("/me/messages/{id}?$expand=extensions($filter=id eq '{id}')&$select=id,{property_1},{property_n}", None),
            ("/me/mailFolders?includeHiddenFolders=true", None),
            ("/appCatalogs/teamsApps?requiresReview:{Boolean}", None),
            // Broken: an unclosed brace, invalid percent-encoding.
            ("/x?$filter=a eq '{b'", None),
            ("/x?$filter=a eq '%FF{b}'", None),
        ];
        for (path, want) in cases {
            let got = query_template(path).map(|t| (t.text, t.placeholders));
            let want = want.map(|(text, names)| (text.to_owned(), names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>()));
            assert_eq!(got, want, "{path}");
        }
    }

    #[test]
    fn a_target_with_words_after_it_is_no_path() {
        let cases = [
            ("/users/{id | userPrincipalName}/messages", true),
            ("/me/drive/root/search(q='{search text}')", true),
            ("/range(address=<address one>)", true),
            ("https://graph.microsoft.com/v1.0/me", true),
            ("/groupes/{identifiant de l'équipe}", true),
            ("to branding/localizations to create a new localization.", false),
            ("/users/{id} (deprecated)", false),
            ("/users/{id}\tx", false),
            ("/x/{l'id}/y z", false),
            ("/security/alerts?$filter={property} eq '{property-value}'&$top=5", true),
            ("/users/{user-id} | user-principal-name/chats", true),
            ("/users/{id} | x y/chats", false),
            ("", false),
        ];
        for (target, want) in cases {
            assert_eq!(is_path(target), want, "{target:?}");
        }
    }

    #[test]
    fn segments_written_for_a_reader_are_read_as_placeholders() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments",
                "/education/classes/{classes-id}/assignments",
                &["path-example-id"],
            ),
            (
                "/a/CF6005FC-9E13-44A2-A6AC-A53322006454/b/cf6005fc-9e13-44a2-a6ac-a53322006454",
                "/a/{a-id}/b/{b-id}",
                &["path-example-id", "path-example-id"],
            ),
            ("/users/{id}/messages", "/users/{id}/messages", &[]),
            // Not a GUID: a name, or an id of another shape the rule cannot tell from one.
            ("/me/mailFolders/inbox/messageRules/AQAAAJ5dZqA=", "/me/mailFolders/inbox/messageRules/AQAAAJ5dZqA=", &[]),
            ("/x/acdefc6b-2dc6-4e71-b1e9-6d9810ab179", "/x/acdefc6b-2dc6-4e71-b1e9-6d9810ab179", &[]),
            ("/teams/(team-id)/channels/{channel-id}", "/teams/{team-id}/channels/{channel-id}", &["path-placeholder-parenthesized"]),
            ("/équipes/( équipe-id )/x", "/équipes/{équipe-id}/x", &["path-placeholder-parenthesized"]),
            // A function's arguments and a key in parentheses follow a name.
            ("/users('{id}')/range(address='A1')", "/users('{id}')/range(address='A1')", &[]),
            ("/a/()/b/(x='1')", "/a/()/b/(x='1')", &[]),
            ("/users/{user-id} | user-principal-name/chats", "/users/{user-id | user-principal-name}/chats", &["path-placeholder-alternatives"]),
            ("/users/{id}|{userPrincipalName}/x", "/users/{id | userPrincipalName}/x", &["path-placeholder-alternatives"]),
            ("/users/{id | userPrincipalName}/x", "/users/{id | userPrincipalName}/x", &[]),
            ("/users/{id} | /x", "/users/{id} | /x", &[]),
            ("/a/{b}|c('d')", "/a/{b}|c('d')", &[]),
            ("/a/{b}}|c", "/a/{b}}|c", &[]),
            ("/me/mailFolders/{id}/childFolders/{id}/.../messages/{id}", "/me/mailFolders/{id}/childFolders/{id}/messages/{id}", &["path-ellipsis"]),
            ("/dossiers/{id}/…/éléments", "/dossiers/{id}/éléments", &["path-ellipsis"]),
            ("/a/..../b", "/a/b", &["path-ellipsis"]),
            ("/a/../b", "/a/../b", &[]),
            ("/a/./b", "/a/./b", &[]),
            ("/domains/contoso.com/serviceConfigurationRecords", "/domains/{domains-id}/serviceConfigurationRecords", &["path-example-host"]),
            ("/sites/contoso.sharepoint.com", "/sites/{sites-id}", &["path-example-host"]),
            ("/domaines/société-1.exemple.fr", "/domaines/{domaines-id}", &["path-example-host"]),
            // A cast in the page's namespace, a file name, an extension's name, a version: no host.
            ("/groups/{id}/members/microsoft.graph.user", "/groups/{id}/members/microsoft.graph.user", &[]),
            ("/users/Microsoft.Graph.user", "/users/Microsoft.Graph.user", &[]),
            ("/me/drive/root:/book.xlsx:/content", "/me/drive/root:/book.xlsx:/content", &[]),
            ("/me/extensions/Com.Contoso.Referral", "/me/extensions/Com.Contoso.Referral", &[]),
            ("/a/v1.0", "/a/v1.0", &[]),
            ("/users/microsoft.graph.user/x", "/users/microsoft.graph.user/x", &[]),
            ("/a/b-.com", "/a/b-.com", &[]),
            ("contoso.com/x", "contoso.com/x", &[]),
        ];
        for (path, want, codes) in cases {
            let (got, repairs) = placeholders(path, "microsoft.graph");
            assert_eq!((got.as_str(), repairs.iter().map(Repair::code).collect::<Vec<_>>()), (*want, codes.to_vec()), "{path}");
            assert!(repairs.iter().all(|r| !r.message().is_empty()));
        }
        // On a page of a namespace under another, a cast to the outer one's type is a cast.
        for (namespace, path, want) in [
            ("microsoft.graph.callRecords", "/x/microsoft.graph.user", "/x/microsoft.graph.user"),
            ("microsoft.graph", "/x/microsoft.graph.callrecords.session", "/x/microsoft.graph.callrecords.session"),
            ("microsoft.graph", "/x/graph.user", "/x/{x-id}"),
        ] {
            assert_eq!(placeholders(path, namespace).0, want, "{namespace} {path}");
        }
    }

    #[test]
    fn a_cast_of_a_documented_path_is_a_path() {
        use crate::template::PathTemplate;
        let members = PathTemplate::parse("/groups/{id}/members");
        let users = PathTemplate::parse("/users");
        let documented = [&members, &users];
        let cases = [
            ("/groups/abc/members/microsoft.graph.user", Some("/groups/{id}/members/microsoft.graph.user")),
            ("/groups/{id}/Members/microsoft.graph.group?$count=true&$select=id", Some("/groups/{id}/members/microsoft.graph.group")),
            ("/users/Microsoft.Graph.user/", Some("/users/Microsoft.Graph.user")),
            ("/users/microsoft.graph.gérant", Some("/users/microsoft.graph.gérant")),
            // Not a cast, not after a documented path, or more after it.
            ("/users/microsoft.graph.", None),
            ("/users/microsoft.graphuser", None),
            ("/users/microsoft.graph.user/$count", None),
            ("/users/contoso.com", None),
            ("/groups/{id}/owners/microsoft.graph.user", None),
            ("/users/microsoft.graph.a-b", None),
            ("microsoft.graph.user", None),
            ("", None),
        ];
        for (path, want) in cases {
            assert_eq!(example_cast(path, &documented, "microsoft.graph").as_deref(), want, "{path}");
        }
    }

    #[test]
    fn a_documented_users_path_called_through_me_is_a_path() {
        use crate::template::PathTemplate;
        let owned = PathTemplate::parse("/users/{id | userPrincipalName}/ownedDevices");
        let user = PathTemplate::parse("/users/{id}");
        let message = PathTemplate::parse("/users/{user-id}/messages/{message-id}/extensions/{extension-id}");
        let literal = PathTemplate::parse("/users/delta/x");
        let groups = PathTemplate::parse("/groups/{id}/members");
        let documented = [&owned, &user, &message, &literal, &groups];
        let cases = [
            ("/me/ownedDevices", Some("/me/ownedDevices")),
            ("/Me/OwnedDevices?$select=id", Some("/me/ownedDevices")),
            ("/me", Some("/me")),
            ("/me/", Some("/me")),
            ("/me/messages/AAMkAGE1M2==/extensions/Com.Contoso.Référence", Some("/me/messages/{message-id}/extensions/{extension-id}")),
            // Not through /me, not documented under /users/{key}, or another direction.
            ("/me/x", None),
            ("/members/ownedDevices", None),
            ("/meetings", None),
            ("/users/{id}/ownedDevices", None),
            ("/me/members", None),
            ("/me/ownedDevices/extra", None),
            ("", None),
        ];
        for (path, want) in cases {
            assert_eq!(example_me_alias(path, &documented).as_deref(), want, "{path}");
        }
    }

    #[test]
    fn a_count_names_the_collection_it_counts() {
        let cases = [
            ("/users/$count", Some("/users")),
            ("/groups/{id}/members/microsoft.graph.user/$count?$filter=x eq 'é'", Some("/groups/{id}/members/microsoft.graph.user")),
            ("/users/$Count/", Some("/users")),
            // Not a count, or a count of nothing.
            ("/users", None),
            ("/users/$count/x", None),
            ("/users/count", None),
            ("/users?$count=true", None),
            ("/$count", None),
            ("", None),
        ];
        for (path, want) in cases {
            assert_eq!(counted_collection(path), want, "{path}");
        }
    }

    #[test]
    fn values_standing_in_for_declared_parameters_are_dropped() {
        // (the path, the declared parameters, the bare path and those it writes)
        type Bare<'a> = Option<(&'a str, &'a [usize])>;
        let cases: &[(&str, &[&str], Bare)] = &[
            (
                "/users/{id}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)",
                &["startDateTime", "endDateTime"],
                Some(("/users/{id}/reminderView", &[0, 1])),
            ),
            ("/range/columnsAfter(count=n)", &["count"], Some(("/range/columnsAfter", &[0]))),
            // The parameters it writes, in its order.
            (
                "/charts/{name}/image(width=640,height=480,fittingMode='fit')",
                &["height", "width", "fittingMode"],
                Some(("/charts/{name}/image", &[1, 0, 2])),
            ),
            ("/charts/{name}/image(width=640)", &["height", "width", "fittingMode"], Some(("/charts/{name}/image", &[1]))),
            ("/x/getY(start_date='2017-01-01')", &["startDate"], Some(("/x/getY", &[0]))),
            ("/x/fünf(größe=1)", &["größe"], Some(("/x/fünf", &[0]))),
            // Not declared: the value is the path's.
            ("/definitions/filterByCurrentUser(on='reviewer')", &[], None),
            ("/x/f(a=1,b=2)", &["a"], None),
            // A placeholder: the path writes the argument.
            ("/reports/getX(period='{period}')", &["period"], None),
            ("/range(address=<address>)", &["address"], None),
            ("/x/f()", &["a"], None),
            ("/x/f(a)", &["a"], None),
            ("/x/f(a=1", &["a"], None),
            ("/x/(a=1)", &["a"], None),
            ("f(a=1)", &["a"], None),
        ];
        for (path, declared, want) in cases {
            let got = without_stand_in_arguments(path, declared);
            assert_eq!(got.as_ref().map(|(p, w)| (p.as_str(), w.as_slice())), *want, "{path}");
        }
    }
}
