//! Permissions as data: what each operation's page documents, and the
//! least-privileged scopes that cover a set of operations.
//!
//! This file has no dependencies: graphgen itself includes it (`graphgen
//! permissions` answers the same question for a corpus), so the generator
//! and the generated crate answer alike.

/// Which permissions a page documents for an operation, per permission
/// type, least privileged first. `None` where the docs do not say (no
/// table, or no row): unknown, not "none". An empty list is the docs'
/// "Not supported".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permissions {
    pub delegated_work: Option<&'static [&'static str]>,
    pub delegated_personal: Option<&'static [&'static str]>,
    pub application: Option<&'static [&'static str]>,
    /// Where the page gives them per resource the operation acts on (a
    /// subscription's, an attachment's, an extension's): which apply
    /// depends on the resource a call names; see `for_resource`.
    pub by_resource: &'static [ResourcePermissions],
}

/// The permissions a page gives for one resource (a row of its table per
/// resource), in the table's order, which says no order of privilege.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourcePermissions {
    /// As the page names it (`event`, `user calendar`, `callRecord
    /// (/communications/callRecords)`).
    pub resource: &'static str,
    /// The request paths the page lists for this case, where it does
    /// (`/users/{userId}/cloudLicensing/usageRights/{usageRightId}/assignments`).
    pub paths: &'static [&'static str],
    pub delegated_work: Option<&'static [&'static str]>,
    pub delegated_personal: Option<&'static [&'static str]>,
    pub application: Option<&'static [&'static str]>,
}

impl ResourcePermissions {
    /// Whether this case lists a path that takes `path` (as called, or as
    /// documented).
    pub fn lists(&self, path: &str) -> bool {
        self.paths.iter().any(|template| path_takes(template, path.trim()))
    }

    /// This case's, as an operation's own (to count with `needed`).
    pub fn permissions(&self) -> Permissions {
        Permissions {
            delegated_work: self.delegated_work,
            delegated_personal: self.delegated_personal,
            application: self.application,
            by_resource: &[],
        }
    }
}

/// A permission type (the rows of the docs' permissions tables).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PermissionType {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    Application,
}

impl PermissionType {
    pub const ALL: [PermissionType; 3] = [PermissionType::DelegatedWork, PermissionType::DelegatedPersonal, PermissionType::Application];

    pub fn as_str(self) -> &'static str {
        match self {
            PermissionType::DelegatedWork => "Delegated (work or school account)",
            PermissionType::DelegatedPersonal => "Delegated (personal Microsoft account)",
            PermissionType::Application => "Application",
        }
    }
}

impl Permissions {
    /// What graphgen says of an operation it has no page for (one written
    /// by hand): unknown for every type, never "none".
    pub const UNKNOWN: Permissions = Permissions { delegated_work: None, delegated_personal: None, application: None, by_resource: &[] };

    /// The permissions of one type: `None` where the docs do not say.
    pub fn of(&self, kind: PermissionType) -> Option<&'static [&'static str]> {
        match kind {
            PermissionType::DelegatedWork => self.delegated_work,
            PermissionType::DelegatedPersonal => self.delegated_personal,
            PermissionType::Application => self.application,
        }
    }

    /// The permissions the page gives for a call on `resource`, a row of
    /// its table per resource (or a table per case): the first whose name
    /// is `resource` (in any case), begins with it and a space (`callRecord`
    /// finds `callRecord (/communications/callRecords)`), or ends with a
    /// space and it (`chat` finds `Permissions for chat`; `other users`,
    /// `Permissions acting on other users`); or, given a path, the first
    /// whose paths take it (`/groups/42/things` is
    /// `/groups/{groupId}/things`).
    pub fn for_resource(&self, resource: &str) -> Option<Permissions> {
        let wanted = resource.trim().to_lowercase();
        let named = |r: &&ResourcePermissions| {
            let name = r.resource.trim().to_lowercase();
            !wanted.is_empty()
                && (name == wanted
                    || name.strip_prefix(&wanted).is_some_and(|rest| rest.starts_with(' '))
                    || name.strip_suffix(&wanted).is_some_and(|rest| rest.ends_with(' '))
                    || r.lists(resource))
        };
        self.by_resource.iter().find(named).map(ResourcePermissions::permissions)
    }

    /// The permissions of a call on `path` (the request path it sends,
    /// `/users/42/chats/19:a/messages`): those of the case whose listed
    /// paths take it, where the page lists each case's paths (today's
    /// template does); else these, cases and all, for the caller to choose
    /// with `for_resource` (no case is guessed from its name).
    pub fn for_call(&self, path: &str) -> Permissions {
        self.by_resource.iter().find(|r| r.lists(path)).map_or(*self, ResourcePermissions::permissions)
    }

    /// Whether the page gives permissions per resource only: none of the
    /// operation's own, and a table per resource.
    pub fn only_by_resource(&self) -> bool {
        self.delegated_work.is_none() && self.delegated_personal.is_none() && self.application.is_none() && !self.by_resource.is_empty()
    }
}

/// Whether a documented path (`/users/{id}/things`) takes `path`: the
/// same segments, a placeholder taking any one (not empty), literal
/// segments compared without case, as Graph compares them.
fn path_takes(template: &str, path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let (mut template, mut path) = (template.trim_matches('/').split('/'), path.trim_matches('/').split('/'));
    loop {
        match (template.next(), path.next()) {
            (None, None) => return true,
            (Some(t), Some(p)) if segment_takes(t, p) => {}
            _ => return false,
        }
    }
}

/// Whether a template's segment (`messages`, `{id}`, `getByPath(path='{path}')`)
/// takes a segment as called: its literal bytes in order (ASCII case
/// aside), each placeholder standing for at least one byte. A wildcard
/// match (a placeholder is one byte, then any), in time linear in the
/// segment's length times the template's, without recursion.
fn segment_takes(template: &str, segment: &str) -> bool {
    #[derive(Clone, Copy)]
    enum Token {
        Byte(u8),
        One,
        Any,
    }
    let mut tokens = Vec::new();
    let mut rest = template.as_bytes();
    // Once no `}` follows, none will: each `{` is not searched past it again.
    let mut closes = true;
    while let Some(&b) = rest.first() {
        let close = (closes && b == b'{').then(|| rest.iter().position(|&c| c == b'}')).flatten();
        closes &= b != b'{' || close.is_some();
        match close {
            Some(close) => {
                tokens.extend([Token::One, Token::Any]);
                rest = &rest[close + 1..];
            }
            _ => {
                tokens.push(Token::Byte(b));
                rest = &rest[1..];
            }
        }
    }
    let segment = segment.as_bytes();
    let (mut t, mut s) = (0, 0);
    // The last `Any` seen, and where in the segment it was tried.
    let mut resume: Option<(usize, usize)> = None;
    while s < segment.len() {
        match tokens.get(t) {
            Some(Token::Byte(b)) if b.eq_ignore_ascii_case(&segment[s]) => (t, s) = (t + 1, s + 1),
            Some(Token::One) => (t, s) = (t + 1, s + 1),
            Some(Token::Any) => {
                resume = Some((t, s));
                t += 1;
            }
            _ => match resume {
                Some((any, from)) => {
                    resume = Some((any, from + 1));
                    (t, s) = (any + 1, from + 1);
                }
                None => return false,
            },
        }
    }
    tokens[t..].iter().all(|token| matches!(token, Token::Any))
}

/// What a set of operations needs of one permission type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Needed<'a> {
    /// Scopes that together allow every operation whose permissions are
    /// known and supported: each operation's least privileged one, unless
    /// a scope already chosen allows it.
    pub scopes: Vec<&'a str>,
    /// Operations whose docs do not say (by the name given with them).
    pub unknown: Vec<&'a str>,
    /// Operations the docs say this permission type cannot call.
    pub unsupported: Vec<&'a str>,
    /// Operations whose docs give permissions per resource only: what
    /// they need depends on the resource called. Give such an operation
    /// as `permissions.for_resource(..)` to have it counted.
    pub by_resource: Vec<&'a str>,
}

/// The least-privileged scopes of `kind` that allow every operation in
/// `operations` (a name, and its permissions).
pub fn needed<'a>(operations: &[(&'a str, Permissions)], kind: PermissionType) -> Needed<'a> {
    let (by_resource, own): (Vec<_>, Vec<_>) = operations.iter().partition(|(_, p)| p.only_by_resource());
    let mut out = least_privileged(own.iter().map(|(name, p)| (*name, p.of(kind))));
    out.by_resource = by_resource.iter().map(|(name, _)| *name).collect();
    out.by_resource.sort_unstable();
    out
}

/// The least-privileged scopes that allow every operation, given each
/// one's permissions of one type (least privileged first; `None` where
/// unknown, empty where unsupported). Operations with the fewest choices
/// choose first, so a scope one must have serves the others where it can;
/// each choice is the least privileged that serves. The same operations
/// give the same answer in any order.
pub fn least_privileged<'a>(operations: impl IntoIterator<Item = (&'a str, Option<&'a [&'a str]>)>) -> Needed<'a> {
    let mut out = Needed::default();
    let mut known: Vec<(&'a str, &'a [&'a str])> = Vec::new();
    for (name, list) in operations {
        match list {
            None => out.unknown.push(name),
            Some([]) => out.unsupported.push(name),
            Some(list) => known.push((name, list)),
        }
    }
    known.sort_by(|a, b| (a.1.len(), a.1, a.0).cmp(&(b.1.len(), b.1, b.0)));
    for (_, list) in known {
        if !list.iter().any(|s| out.scopes.contains(s)) {
            out.scopes.push(list[0]);
        }
    }
    out.scopes.sort_unstable();
    out.unknown.sort_unstable();
    out.unsupported.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn work(list: &'static [&'static str]) -> Permissions {
        Permissions { delegated_work: Some(list), delegated_personal: None, application: Some(&[]), by_resource: &[] }
    }

    /// Operations, and the scopes they need.
    type Case<'a> = (&'a [(&'a str, Permissions)], &'a [&'a str]);

    #[test]
    fn the_least_privileged_scopes_that_cover_every_operation() {
        let cases: &[Case] = &[
            // Each operation's least privileged scope.
            (&[("a", work(&["User.Read", "User.ReadWrite"])), ("b", work(&["Mail.Read"]))], &["Mail.Read", "User.Read"]),
            // One that must be had serves another that allows it too.
            (&[("a", work(&["User.Read", "User.ReadWrite"])), ("b", work(&["User.ReadWrite"]))], &["User.ReadWrite"]),
            (&[("b", work(&["User.ReadWrite"])), ("a", work(&["User.Read", "User.ReadWrite"]))], &["User.ReadWrite"]),
            // Shared scopes once.
            (&[("a", work(&["Group.Read.All"])), ("b", work(&["Group.Read.All", "Group.ReadWrite.All"]))], &["Group.Read.All"]),
            (&[], &[]),
        ];
        for (operations, want) in cases {
            assert_eq!(needed(operations, PermissionType::DelegatedWork).scopes, *want, "{operations:?}");
        }
    }

    #[test]
    fn unknown_is_not_none() {
        let ops =
            [("a", work(&["User.Read"])), ("b", Permissions { delegated_work: None, delegated_personal: None, application: None, by_resource: &[] })];
        let work_needs = needed(&ops, PermissionType::DelegatedWork);
        assert_eq!((work_needs.scopes, work_needs.unknown), (vec!["User.Read"], vec!["b"]));
        let app = needed(&ops, PermissionType::Application);
        assert_eq!((app.scopes.len(), app.unsupported, app.unknown), (0, vec!["a"], vec!["b"]));
    }

    #[test]
    fn permissions_per_resource_are_needed_per_resource() {
        const ROWS: &[ResourcePermissions] = &[
            ResourcePermissions {
                resource: "callRecord (/communications/callRecords)",
                paths: &[],
                delegated_work: Some(&[]),
                delegated_personal: Some(&[]),
                application: Some(&["CallRecords.Read.All"]),
            },
            ResourcePermissions {
                resource: "événement",
                paths: &[],
                delegated_work: Some(&["Calendars.Read"]),
                delegated_personal: None,
                application: None,
            },
            ResourcePermissions {
                resource: "Permissions for chat",
                paths: &["/chats/{chat-id}/messages", "/users/{user-id}/chats/{chat-id}/messages"],
                delegated_work: Some(&[]),
                delegated_personal: None,
                application: Some(&["Chat.Read.All"]),
            },
        ];
        let subscribe = Permissions { delegated_work: None, delegated_personal: None, application: None, by_resource: ROWS };
        // (resource asked for, its application permissions, if a row names it)
        let cases: [(&str, Option<Option<&[&str]>>); 14] = [
            ("callRecord", Some(Some(&["CallRecords.Read.All"]))),
            // A table per case, named by its heading: its last words find it.
            ("chat", Some(Some(&["Chat.Read.All"]))),
            ("PERMISSIONS FOR CHAT", Some(Some(&["Chat.Read.All"]))),
            ("for chat", Some(Some(&["Chat.Read.All"]))),
            ("hat", None),
            // A path its case lists, as documented or as called.
            ("/chats/{chat-id}/messages", Some(Some(&["Chat.Read.All"]))),
            ("/Users/é42/chats/19:a@thread.v2/messages?$top=5", Some(Some(&["Chat.Read.All"]))),
            ("/users/42/chats/messages", None),
            ("/chats//messages", None),
            ("CALLRECORD (/communications/callRecords)", Some(Some(&["CallRecords.Read.All"]))),
            ("ÉVÉNEMENT", Some(None)),
            ("événement", Some(None)),
            ("call", None),
            ("", None),
        ];
        for (resource, want) in cases {
            assert_eq!(subscribe.for_resource(resource).map(|p| p.application), want, "{resource}");
        }
        // Unknown as a whole: said apart from the unknown, and counted once
        // its resource is chosen.
        let needs = needed(&[("subscribe", subscribe), ("a", work(&["User.Read"]))], PermissionType::Application);
        assert_eq!((needs.by_resource, needs.unknown, needs.unsupported), (vec!["subscribe"], vec![], vec!["a"]));
        let chosen = subscribe.for_resource("callRecord").expect("a row for callRecord");
        assert_eq!(needed(&[("subscribe", chosen)], PermissionType::Application).scopes, vec!["CallRecords.Read.All"]);
    }

    #[test]
    fn a_call_has_the_permissions_of_the_case_that_lists_its_path() {
        const CASES: &[ResourcePermissions] = &[
            ResourcePermissions {
                resource: "Permissions for a user's assignments",
                paths: &["/users/{userId}/cloudLicensing/usageRights/{usageRightId}/assignments"],
                delegated_work: Some(&["User.Read"]),
                delegated_personal: Some(&[]),
                application: Some(&["User.Read.All"]),
            },
            ResourcePermissions {
                resource: "Permissions for a group's",
                paths: &["/groups/{groupId}/drive/root:/{item-path}:/content", "/groups/{groupId}/drive/items/getByPath(path='{path}')"],
                delegated_work: Some(&["Group.Read.All"]),
                delegated_personal: None,
                application: Some(&[]),
            },
            // A case that lists no path is chosen by name only.
            ResourcePermissions {
                resource: "Permissions for chat",
                paths: &[],
                delegated_work: Some(&["Chat.Read"]),
                delegated_personal: None,
                application: None,
            },
        ];
        let op = Permissions { delegated_work: None, delegated_personal: None, application: None, by_resource: CASES };
        // (the path called, its delegated (work) permissions, or `None` where no case lists it)
        let cases: [(&str, Option<&[&str]>); 14] = [
            ("/users/42/cloudLicensing/usageRights/7/assignments", Some(&["User.Read"])),
            ("/USERS/ünïcödé%40x.com/CloudLicensing/usageRights/7/assignments/?$top=1", Some(&["User.Read"])),
            ("  /users/42/cloudLicensing/usageRights/7/assignments  ", Some(&["User.Read"])),
            // A placeholder takes a segment, not none and not two.
            ("/users//cloudLicensing/usageRights/7/assignments", None),
            ("/users/42/43/cloudLicensing/usageRights/7/assignments", None),
            ("/users/42/cloudLicensing/usageRights/7", None),
            // Placeholders inside a segment stand for one byte or more.
            ("/groups/g/drive/root:/report.txt:/content", Some(&["Group.Read.All"])),
            ("/groups/g/drive/root::/content", None),
            ("/groups/g/drive/items/getByPath(path='a%2Fb.txt')", Some(&["Group.Read.All"])),
            ("/groups/g/drive/items/getByPath(path='')", None),
            ("/groups/g/drive/items/getByPath(path='x'", None),
            // No case by name from a path: the chat case lists none.
            ("/chats/19:a/messages", None),
            ("", None),
            ("/", None),
        ];
        for (path, want) in cases {
            let got = op.for_call(path);
            match want {
                Some(work) => assert_eq!((got.delegated_work, got.by_resource.len()), (Some(work), 0), "{path}"),
                None => assert_eq!(got, op, "{path}"),
            }
        }
        // Without cases, or with one but none listing the path, a call
        // has the operation's own.
        assert_eq!(work(&["User.Read"]).for_call("/me"), work(&["User.Read"]));
        assert_eq!(Permissions::UNKNOWN.for_call("/me"), Permissions::UNKNOWN);
    }

    #[test]
    fn template_segments_match_without_blowing_up() {
        // (template segment, segment called, whether it takes it)
        let cases = [
            ("{id}", "42", true),
            ("{id}", "", false),
            ("{a}{b}", "x", false),
            ("{a}{b}", "xy", true),
            ("x{a}y{b}z", "XaYbZ", true),
            ("x{a}y{b}z", "xyz", false),
            ("{", "{", true),
            ("{unclosed", "{UNCLOSED", true),
            ("}{", "}{", true),
            ("é{id}", "é1", true),
            ("é{id}", "e1", false),
        ];
        for (template, segment, want) in cases {
            assert_eq!(segment_takes(template, segment), want, "{template} {segment}");
        }
        // Many placeholders against a long segment that almost matches: a
        // backtracking matcher would not end.
        let template = "{a}".repeat(40) + "z";
        let segment = "y".repeat(100_000);
        assert!(!segment_takes(&template, &segment));
        assert!(segment_takes(&template, &(segment + "z")));
        assert!(!segment_takes(&"{".repeat(100_000), &"{".repeat(99_999)));
    }
}
