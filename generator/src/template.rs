//! Request path templates: `/users/{user-id}/messages/{id}` parsed into
//! segments, their parameters named, and documented example URLs matched
//! back to them to recover parameter values.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathTemplate {
    /// The path's segments; a query string written after it (`?$select=x`)
    /// is not part of the path and is not kept.
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Part {
    Literal(String),
    Param(String),
}

/// A segment as written: `getByPath(path='{path}')`.
impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for part in &self.parts {
            match part {
                Part::Literal(l) => f.write_str(l)?,
                Part::Param(p) => write!(f, "{{{p}}}")?,
            }
        }
        Ok(())
    }
}

/// What a segment is, for telling whether two paths lead to one place:
/// literals compared without case (the docs vary: `/Users`, `/users`) and
/// `delta()` as `delta`; placeholders whatever they are named
/// (`/users/{id}` is `/users/{user-id}`). Navigation merges paths into one
/// tree by it, and the schema finds the GET that answers a path's prefix.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SegmentKey {
    /// A literal segment, lower case, without a trailing `:` or `()`.
    Literal(String),
    /// A key segment: `{id}`.
    Key,
    /// A drive item addressed by its path: the `{path}:` of `root:/{path}:`.
    WithPath,
    /// A segment with arguments (`getByPath(path='{path}')`): its name,
    /// lower case and letters and digits only, and how many placeholders
    /// it has.
    Call(String, usize),
}

impl Segment {
    /// Its literal text, placeholders left out: `getByPath(path='')`.
    pub fn literal(&self) -> String {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Literal(l) => Some(l.as_str()),
                Part::Param(_) => None,
            })
            .collect()
    }

    /// The name a segment with arguments writes before them (`getByPath`),
    /// or, where it writes none before them, its literal text.
    pub fn call_name(&self) -> String {
        let head = match self.parts.first() {
            Some(Part::Literal(l)) => l.split('(').next().unwrap_or(""),
            _ => "",
        };
        if head.trim_matches(|c: char| !c.is_ascii_alphanumeric()).is_empty() {
            self.literal()
        } else {
            head.to_owned()
        }
    }

    /// What this segment is, after `previous` (see [`SegmentKey`]).
    pub fn key(&self, previous: Option<&Segment>) -> SegmentKey {
        let literal = self.literal();
        let params = self.parts.iter().filter(|p| matches!(p, Part::Param(_))).count();
        let after_colon = previous.is_some_and(|p| matches!(p.parts.last(), Some(Part::Literal(l)) if l.ends_with(':')));
        match (params, literal.trim_end_matches(':')) {
            (0, lit) => SegmentKey::Literal(lit.strip_suffix("()").unwrap_or(lit).to_lowercase()),
            (1, "") if after_colon && literal == ":" => SegmentKey::WithPath,
            (1, "") => SegmentKey::Key,
            (n, _) => SegmentKey::Call(self.call_name().chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase(), n),
        }
    }
}

impl PathTemplate {
    /// Parses a request path (leading `/` optional). An unclosed `{` is a
    /// literal, so no path fails to parse.
    pub fn parse(path: &str) -> Self {
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let segments = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).map(parse_segment).collect();
        PathTemplate { segments }
    }

    /// Each segment's key, in order: two paths with the same keys lead to
    /// one place (`/users/{usersId}` and `/Users/{id}`).
    pub fn keys(&self) -> Vec<SegmentKey> {
        let segments = &self.segments;
        segments.iter().enumerate().map(|(i, s)| s.key(i.checked_sub(1).map(|p| &segments[p]))).collect()
    }

    /// The path as the runtime fills it: `/a/{b}/c`, no query, no empty
    /// segments (a documented trailing `/` is not part of the resource).
    pub fn path(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for segment in &self.segments {
            // Writing to a String cannot fail.
            let _ = write!(out, "/{segment}");
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    /// Whether the last segment calls a function with its arguments
    /// written in the template (`getX(period='{period}')`): the operation's
    /// function parameters are then these placeholders, not added again.
    pub fn has_inline_args(&self) -> bool {
        self.segments.last().is_some_and(|s| s.parts.iter().any(|p| matches!(p, Part::Literal(l) if l.contains('('))))
    }

    /// For each parameter in order, whether it stands inside single quotes
    /// (`(period='{period}')`), where a `'` in its value is written `''`.
    pub fn quoted_params(&self) -> Vec<bool> {
        let mut out = Vec::new();
        for segment in &self.segments {
            for (i, part) in segment.parts.iter().enumerate() {
                if let Part::Param(_) = part {
                    let before = i.checked_sub(1).and_then(|b| segment.parts.get(b));
                    let after = segment.parts.get(i + 1);
                    let quoted = matches!(before, Some(Part::Literal(l)) if l.ends_with('\''))
                        && matches!(after, Some(Part::Literal(l)) if l.starts_with('\''));
                    out.push(quoted);
                }
            }
        }
        out
    }

    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().flat_map(|s| s.parts.iter()).filter_map(|p| match p {
            Part::Param(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// Matches a concrete path (from an example URL, host and version
    /// removed) against this template; on success, the value of each
    /// parameter in order. A literal segment also matches the same segment
    /// with function arguments (`getX` ~ `getX(a='b')`).
    pub fn match_path(&self, path: &str) -> Option<Vec<String>> {
        let path = path.split('?').next().unwrap_or("");
        let concrete: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        if concrete.len() != self.segments.len() {
            return None;
        }
        let mut values = Vec::new();
        for (segment, text) in self.segments.iter().zip(concrete) {
            match_segment(&segment.parts, text, &mut values)?;
        }
        Some(values)
    }
}

/// A segment's parts: `{name}` is a placeholder, and so is `<name>`, which
/// some pages write (`range(address=<address>)`).
fn parse_segment(text: &str) -> Segment {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '<']) {
        let closing = if rest[open..].starts_with('{') { '}' } else { '>' };
        let Some(close) = rest[open..].find(closing).map(|c| open + c) else { break };
        if open > 0 {
            parts.push(Part::Literal(rest[..open].to_owned()));
        }
        parts.push(Part::Param(rest[open + 1..close].trim().to_owned()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest.to_owned()));
    }
    Segment { parts }
}

fn match_segment(parts: &[Part], text: &str, values: &mut Vec<String>) -> Option<()> {
    match parts {
        [] => text.is_empty().then_some(()),
        [Part::Literal(lit)] => {
            // `get` never slices inside a character of the example's text.
            let matches = text.eq_ignore_ascii_case(lit)
                || (text.get(..lit.len()).is_some_and(|head| head.eq_ignore_ascii_case(lit)) && text[lit.len()..].starts_with('('));
            matches.then_some(())
        }
        [Part::Literal(lit), rest @ ..] => {
            let head = text.get(..lit.len())?;
            head.eq_ignore_ascii_case(lit).then_some(())?;
            match_segment(rest, &text[lit.len()..], values)
        }
        [Part::Param(_)] => {
            values.push(text.to_owned());
            Some(())
        }
        [Part::Param(_), Part::Literal(lit), rest @ ..] => {
            let at = text.find(lit.as_str())?;
            values.push(text[..at].to_owned());
            match_segment(rest, &text[at + lit.len()..], values)
        }
        [Part::Param(_), Part::Param(_), ..] => None,
    }
}

/// Splits an example URL into its API version (if it names one) and path:
/// `https://graph.microsoft.com/beta/me` → (Some("beta"), "/me").
pub(crate) fn split_url(url: &str) -> (Option<&str>, &str) {
    let without_scheme = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let path = match without_scheme {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    };
    // Some examples write `V1.0`; the host's path is not case-sensitive there.
    for version in ["v1.0", "beta"] {
        let head = path.strip_prefix('/').and_then(|p| p.get(..version.len())).filter(|h| h.eq_ignore_ascii_case(version));
        if let Some(rest) = head.map(|h| &path[1 + h.len()..]) {
            if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                return (Some(version), if rest.is_empty() { "/" } else { rest });
            }
        }
    }
    (None, path)
}

/// Graph's hosts: the global service and its national clouds.
const GRAPH_HOSTS: [&str; 5] =
    ["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn", "graph.microsoft.de"];

/// Whether an example URL is another service's: absolute, on a host that is
/// none of Graph's, and naming no API version. Pages show what Graph sends
/// a call's bot (`POST https://bot.contoso.com/api/calls`) and what an
/// upload session's URL takes beside the operation's own requests; those
/// are not the operation's request. A mistyped Graph URL (`/v1/`) is
/// still Graph's.
pub(crate) fn goes_elsewhere(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("").split(':').next().unwrap_or("").to_ascii_lowercase();
    let graph = GRAPH_HOSTS.contains(&host.as_str()) || host.ends_with(".graph.microsoft.com");
    !graph && split_url(url).0.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_params() {
        let t = PathTemplate::parse("/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicyId}/deviceStatuses/{id}?$select=x");
        assert_eq!(t.params().collect::<Vec<_>>(), ["deviceCompliancePolicyId", "id"]);
        assert_eq!(t.segments.len(), 5, "the query is not a segment");
        assert_eq!(t.segments[4].parts, [Part::Param("id".into())]);
        let t = PathTemplate::parse("/workbook/range(address='{address}')");
        assert_eq!(t.segments[1].parts, [Part::Literal("range(address='".into()), Part::Param("address".into()), Part::Literal("')".into())]);
    }

    #[test]
    fn angle_bracket_placeholders_and_inline_arguments() {
        let t = PathTemplate::parse("/me/drive/items/{id}/workbook/worksheets/{id|name}/range(<address>)/format");
        assert_eq!(t.params().collect::<Vec<_>>(), ["id", "id|name", "address"]);
        assert_eq!(t.path(), "/me/drive/items/{id}/workbook/worksheets/{id|name}/range({address})/format");
        let cases = [
            ("/reports/getOffice365GroupsActivityFileCounts(period='{period_value}')", true, vec![true]),
            ("/reports/getEmailActivityUserDetail(date={date_value})", true, vec![false]),
            ("/reports/getX", false, vec![]),
            ("/users/{id}/x(a='{a}',b={b})", true, vec![false, true, false]),
            ("/a('{id}')/b", false, vec![true]),
        ];
        for (path, inline, quoted) in cases {
            let t = PathTemplate::parse(path);
            assert_eq!((t.has_inline_args(), t.quoted_params()), (inline, quoted), "{path}");
        }
    }

    #[test]
    fn paths_lead_to_one_place_whatever_their_placeholders_and_case() {
        let key = |p: &str| PathTemplate::parse(p).keys();
        // (a, b, one place)
        let cases = [
            ("/users/{usersId}", "/Users/{id | userPrincipalName}", true),
            ("/users?$expand=manager", "/users", true),
            ("/Élèves/{id}/日本", "/élèves/{x}/日本", true),
            ("/users/{id}/delta()", "/users/{id}/delta", true),
            ("/a/f(x='{x}')", "/a/f(y='{y}')", true),
            ("/items/{id}/getByPath(path='{p}')", "/items/{id}/getbypath(path={q})", true),
            ("/drives/{id}/root:/{path}:", "/drives/{x}/root:/{y}:", true),
            ("/users/{id}", "/users/{id}/events", false),
            ("/drives/{id}/root:/{path}:", "/drives/{id}/root/{path}", false),
            ("/a/f(x='{x}')", "/a/f(x='{x}',y='{y}')", false),
            ("/", "/users", false),
        ];
        for (a, b, one) in cases {
            assert_eq!(key(a) == key(b), one, "{a} {b}");
        }
    }

    #[test]
    fn match_example_paths() {
        let cases: &[(&str, &str, Option<&[&str]>)] = &[
            ("/users/{id}/messages/{message-id}", "/users/abc/messages/m1", Some(&["abc", "m1"])),
            ("/users/{id}", "/users/{id}", Some(&["{id}"])),
            ("/users/{id}", "/groups/1", None),
            ("/users/{id}", "/users/1/x", None),
            ("/auditEvents/getAuditActivityTypes", "/auditEvents/getAuditActivityTypes(category='x')", Some(&[])),
            ("/range(address='{address}')", "/range(address='A1:B2')", Some(&["A1:B2"])),
            ("/users('{id}')", "/users('me@x.com')", Some(&["me@x.com"])),
            ("/a/getX", "/a/ge€X(b=1)", None),
            ("/a/get€", "/a/get€(b=1)", Some(&[])),
            ("/a/x{id}", "/a/€1", None),
        ];
        for (template, path, want) in cases {
            let got = PathTemplate::parse(template).match_path(path);
            assert_eq!(got.as_deref().map(|v| v.iter().map(String::as_str).collect::<Vec<_>>()), want.map(|w| w.to_vec()), "{template} ~ {path}");
        }
    }

    #[test]
    fn paths_render_without_query_or_trailing_slash() {
        assert_eq!(PathTemplate::parse("/identity/apiConnectors/").path(), "/identity/apiConnectors");
        assert_eq!(PathTemplate::parse("users/{id}?$select=a").path(), "/users/{id}");
        assert_eq!(PathTemplate::parse("/").path(), "/");
    }

    #[test]
    fn urls_split_into_version_and_path() {
        assert_eq!(split_url("https://graph.microsoft.com/beta/me/events"), (Some("beta"), "/me/events"));
        assert_eq!(split_url("https://graph.microsoft.com/v1.0/users?$top=1"), (Some("v1.0"), "/users?$top=1"));
        assert_eq!(split_url("/users/{id}"), (None, "/users/{id}"));
        assert_eq!(split_url("https://graph.microsoft.com/v1.0"), (Some("v1.0"), "/"));
        assert_eq!(split_url("https://graph.microsoft.com/V1.0/teams/{id}"), (Some("v1.0"), "/teams/{id}"));
        assert_eq!(split_url("https://graph.microsoft.com/Beta?x=1"), (Some("beta"), "?x=1"));
        assert_eq!(split_url("https://graph.microsoft.com/v1.00/x"), (None, "/v1.00/x"));
        assert_eq!(split_url("https://graph.microsoft.com/vé"), (None, "/vé"));
        assert_eq!(split_url("/betamax/x"), (None, "/betamax/x"));
    }

    #[test]
    fn urls_of_other_services_are_told_apart() {
        let cases = [
            ("https://bot.contoso.com/api/calls", true),
            ("https://sn3302.up.1drv.com/up/fe6987415ace7X4e1eF866337", true),
            ("https://abcWorkforceIntegration.com/Contoso/{apiVersion}/team/{teamId}/read", true),
            ("http://file.location/recording.wav", true),
            ("https://bücher.example/ruf?x=1", true),
            // Graph's, in any cloud, mistyped or not.
            ("https://graph.microsoft.com/v1.0/me", false),
            ("https://GRAPH.microsoft.com/v1/me", false),
            ("https://graph.microsoft.us:443/beta/users", false),
            ("https://canary.graph.microsoft.com/v1/me", false),
            ("https://microsoftgraph.chinacloudapi.cn/v1.0/me", false),
            // Another host that names a version is taken as Graph's, mistyped.
            ("https://graph.microsoft.con/v1.0/me", false),
            // Relative URLs are Graph's.
            ("/me/drive", false),
            ("me/drive", false),
            ("", false),
            ("https://", true),
        ];
        for (url, elsewhere) in cases {
            assert_eq!(goes_elsewhere(url), elsewhere, "{url}");
        }
    }
}
