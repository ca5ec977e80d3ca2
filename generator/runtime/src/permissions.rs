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
                    || r.paths.iter().any(|path| path_takes(path, resource.trim())))
        };
        self.by_resource.iter().find(named).map(|r| Permissions {
            delegated_work: r.delegated_work,
            delegated_personal: r.delegated_personal,
            application: r.application,
            by_resource: &[],
        })
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
            (Some(t), Some(p)) if t.starts_with('{') && t.ends_with('}') && !p.is_empty() => {}
            (Some(t), Some(p)) if t.eq_ignore_ascii_case(p) => {}
            _ => return false,
        }
    }
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
}
