//! Bases a page gives another type, and bases its rows imply.
//!
//! Most derived types' pages say what they derive from (the annotation's
//! `baseType`, or "Inherits from X"); some do not, and only their base's
//! page says it, in a Derived types table: `meetingInfo` lists
//! `organizerMeetingInfo` and `tokenMeetingInfo`, whose pages name no base.
//! Without it, a property that takes either (`call.meetingInfo`, "an
//! organizerMeetingInfo or tokenMeetingInfo") had no type to be. The table
//! is on the rendered page too, so every shape of a page gives the base.
//!
//! A derived type's own page outweighs its base's table: where it names
//! another base, it keeps it, and the two are said unless the other base
//! itself derives from the table's type (a table may list a type derived
//! through another, as `teleconferenceDeviceMediaQuality`'s lists the
//! screen-sharing quality, derived through the video quality).

use super::build::{key, source, Builder};
use super::ApiVersion;
use crate::page::PageModel;

/// How many passes settle bases from inherited rows: each pass settles
/// one more level of a chain, and no chain is longer than `base_chain` walks.
const MAX_PASSES: usize = 32;

impl Builder {
    /// Where a page's words name one base and its annotation another, the
    /// words' is kept if the docs define it (the rendered page shows the
    /// words, so every shape reads them; in v1.0 they are right twice of
    /// three), else the annotation's; both are said.
    pub(super) fn settle_base_conflicts(&mut self, models: &[&PageModel]) {
        for m in models {
            let Some(r) = &m.resource else { continue };
            let (Some(said), Some(annotated)) = (&r.base_type, &r.annotated_base) else { continue };
            let version = m.api_version;
            let kept = if self.types.contains_key(&key(version, said)) { said } else { annotated };
            let Some(t) = self.types.get_mut(&key(version, &r.name)).filter(|t| t.base_type.as_ref() == Some(said)) else { continue };
            t.base_type = Some(kept.clone());
            let why = if kept == said { "as the page shows it, and a type the docs define" } else { "as no page defines the type the words name" };
            self.diagnostics.push(source(&m.file, r.line).warning(
                "base-type-conflict",
                format!("the page says {} inherits from {said}, where its annotation's baseType is {annotated}; {kept} is used, {why}", r.name),
            ));
        }
    }

    /// Gives each type a Derived types table names the table's type as its
    /// base, where its own page names none.
    pub(super) fn bases_from_derived_types(&mut self, models: &[&PageModel]) {
        for m in models {
            let Some(r) = &m.resource else { continue };
            let version = m.api_version;
            for (name, line) in &r.derived {
                let at = source(&m.file, *line);
                let Some(own) = self.types.get(&key(version, name)).map(|t| t.base_type.clone()) else {
                    self.diagnostics.push(at.warning(
                        "derived-type-undefined",
                        format!("the Derived types table names `{name}`, which no page defines; nothing is derived from `{}` by it", r.name),
                    ));
                    continue;
                };
                let warning = match own {
                    None if self.descends(version, &r.name, name) => {
                        Some(format!("the Derived types table names `{name}`, which `{}` itself derives from; it is not made its base", r.name))
                    }
                    None => {
                        if let Some(t) = self.types.get_mut(&key(version, name)) {
                            t.base_type = Some(r.name.clone());
                        }
                        None
                    }
                    Some(own) if self.descends(version, &own, &r.name) => None,
                    Some(own) => Some(format!(
                        "the Derived types table names `{name}` as derived from `{}`, but its own page gives `{own}`; it keeps its page's base",
                        r.name
                    )),
                };
                if let Some(message) = warning {
                    self.diagnostics.push(at.warning("derived-type-base-conflict", message));
                }
            }
        }
    }

    /// Gives a type whose page names no base the one its properties' rows
    /// say they are inherited from ("Inherited from domainDnsRecord"):
    /// the Markdown's annotation names the base, but a copied page does
    /// not show annotations, and the rows are what it shows. Of several
    /// (`id` from `entity`, the rest from `educationOrganization`), the
    /// one that derives from all the others; a name no page defines is no
    /// base.
    pub(super) fn bases_from_inherited_rows(&mut self, models: &[&PageModel]) {
        // Whose rows name a base and its base (`entity` and
        // `educationOrganization`) is settled once the base's own page is:
        // again until nothing changes, in any page order.
        for _ in 0..MAX_PASSES {
            if !self.inherited_rows_pass(models) {
                break;
            }
        }
    }

    /// One pass of `bases_from_inherited_rows`: whether it gave a base.
    fn inherited_rows_pass(&mut self, models: &[&PageModel]) -> bool {
        let mut changed = false;
        for m in models {
            let Some(r) = m.resource.as_ref().filter(|r| !r.inherited_from.is_empty()) else { continue };
            let version = m.api_version;
            if self.types.get(&key(version, &r.name)).is_none_or(|t| t.base_type.is_some()) {
                continue;
            }
            let known: Vec<&String> =
                r.inherited_from.iter().filter(|n| key(version, n) != key(version, &r.name) && self.types.contains_key(&key(version, n))).collect();
            let nearest = known.iter().find(|n| known.iter().all(|other| self.descends(version, n, other)));
            if let Some(base) = nearest.filter(|b| !self.descends(version, b, &r.name)) {
                let base = (*base).clone();
                if let Some(t) = self.types.get_mut(&key(version, &r.name)) {
                    t.base_type = Some(base);
                    changed = true;
                }
            }
        }
        changed
    }

    /// Whether type `name` is `ancestor` or derives from it, by the bases
    /// known so far.
    fn descends(&self, version: ApiVersion, name: &str, ancestor: &str) -> bool {
        let target = key(version, ancestor);
        self.base_chain(version, name).any(|t| key(version, &t.qualified()) == target)
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{codes, resource, schema};
    use crate::schema::Schema;

    /// A base's page: its one property and a Derived types table of these
    /// rows' first cells.
    fn base_page(name: &str, inherits: Option<&str>, derived: &[&str]) -> String {
        let mut page = resource(name, inherits, &[("kind", "String")]);
        page.push_str("\n## Derived types\n\n| Type | Description |\n|:---|:---|\n");
        for d in derived {
            page.push_str(&format!("| {d} | Один из них. |\n"));
        }
        page
    }

    fn base_of<'a>(s: &'a Schema, name: &str) -> Option<&'a str> {
        s.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("{name} is a type")).base_type.as_deref()
    }

    #[test]
    fn a_derived_types_table_gives_a_base_where_the_derived_page_gives_none() {
        let s = schema(&[
            (
                "resources/meetinginfo.md",
                base_page(
                    "meetingInfo",
                    None,
                    &[
                        "[organizerMeetingInfo](./organizermeetinginfo.md)",
                        "tokenMeetingInfo",
                        "[réunionInfo](réunion.md)",
                        "[screenInfo](screeninfo.md)",
                        "[otherInfo](otherinfo.md)",
                        "ghostInfo",
                        "string",
                    ],
                ),
            ),
            ("resources/organizermeetinginfo.md", resource("organizerMeetingInfo", None, &[("organizer", "String")])),
            ("resources/tokenmeetinginfo.md", resource("tokenMeetingInfo", None, &[("token", "String")])),
            // Derived through another type the table also lists: no conflict.
            ("resources/videoinfo.md", resource("videoInfo", Some("meetingInfo"), &[("codec", "String")])),
            ("resources/screeninfo.md", resource("screenInfo", Some("videoInfo"), &[("dpi", "Int32")])),
            // Its own page names another base: kept, and said.
            ("resources/otherinfo.md", resource("otherInfo", Some("entity"), &[("x", "String")])),
            ("resources/entity.md", resource("entity", None, &[("id", "String")])),
        ]);
        let cases = [
            ("organizerMeetingInfo", Some("microsoft.graph.meetingInfo")),
            ("tokenMeetingInfo", Some("microsoft.graph.meetingInfo")),
            ("screenInfo", Some("microsoft.graph.videoInfo")),
            ("otherInfo", Some("microsoft.graph.entity")),
            ("meetingInfo", None),
        ];
        for (name, want) in cases {
            assert_eq!(base_of(&s, name), want, "{name}");
        }
        // `réunionInfo` is no name (not ASCII), `string` no structured type:
        // each row said where it stands (by line); `ghostInfo` no page
        // defines.
        let said: Vec<(&str, &str)> = s
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("derived-type"))
            .map(|d| (d.code, d.message.split(['`', '"']).nth(1).unwrap_or("")))
            .collect();
        assert_eq!(
            said,
            [
                ("derived-type-unreadable", "réunionInfo"),
                ("derived-type-base-conflict", "microsoft.graph.otherInfo"),
                ("derived-type-undefined", "microsoft.graph.ghostInfo"),
                ("derived-type-unreadable", "string"),
            ],
            "{:?}",
            s.diagnostics
        );
    }

    /// A resource page without a stated base, each row `(name, description)`.
    fn rows_page(name: &str, rows: &[(&str, &str)]) -> String {
        let mut page = resource(name, None, &[]);
        for (p, d) in rows {
            page.push_str(&format!("|{p}|String|{d}|\n"));
        }
        page
    }

    #[test]
    fn where_the_words_and_the_annotation_name_other_bases_the_words_win_if_a_page_defines_theirs() {
        // (the words, the annotation's baseType, the base kept, whether a conflict is said)
        let cases = [
            ("Inherits from [directoryObject](directoryobject.md).", Some("microsoft.graph.entity"), Some("microsoft.graph.directoryObject"), true),
            ("This type inherits from [directoryObject](x.md), ünï.", Some("entity"), Some("microsoft.graph.directoryObject"), true),
            // Words that name no type the docs define: the annotation's.
            (
                "Its settings inherit from the tenant. It inherits from parentFolder.",
                Some("microsoft.graph.entity"),
                Some("microsoft.graph.entity"),
                true,
            ),
            // The same base spelt otherwise: the annotation's spelling, nothing said.
            (
                "Inherits from [DirectoryObject](directoryobject.md).",
                Some("microsoft.graph.directoryObject"),
                Some("microsoft.graph.directoryObject"),
                false,
            ),
            ("Une personne, 人.", Some("microsoft.graph.entity"), Some("microsoft.graph.entity"), false),
            ("Inherits from [entity](entity.md).", None, Some("microsoft.graph.entity"), false),
        ];
        for (words, annotated, want, conflict) in cases {
            let annotation = annotated.map_or_else(String::new, |b| format!(", \"baseType\": \"{b}\""));
            let page = format!(
                "{}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.orgContact\"{annotation} }} -->\n```json\n{{ \"mail\": \"String\" }}\n```\n",
                resource("orgContact", None, &[("mail", "String")])
                    .replacen("Namespace: microsoft.graph\n\n", &format!("Namespace: microsoft.graph\n\n{words}\n\n"), 1)
            );
            let s = schema(&[
                ("resources/orgcontact.md", page),
                ("resources/directoryobject.md", resource("directoryObject", Some("entity"), &[("deletedDateTime", "DateTimeOffset")])),
                ("resources/entity.md", resource("entity", None, &[("id", "String")])),
            ]);
            assert_eq!(
                (base_of(&s, "orgContact"), codes(&s).contains(&"base-type-conflict")),
                (want, conflict),
                "{words} {annotated:?}: {:?}",
                s.diagnostics
            );
        }
    }

    #[test]
    fn rows_inherited_from_a_type_give_the_nearest_as_the_base() {
        let s = schema(&[
            ("resources/entity.md", rows_page("entity", &[("id", "The id.")])),
            // Before its base's page, which settles its base later.
            (
                "resources/educationschool.md",
                rows_page(
                    "educationSchool",
                    &[("id", "Inherited from [entity](entity.md)."), ("displayName", "Inherited from **educationOrganization**. Nom, 名前.")],
                ),
            ),
            ("resources/educationorganization.md", rows_page("educationOrganization", &[("id", "Inherited from entity.")])),
            // Words that name no type, and the type itself, are no base.
            ("resources/licence.md", rows_page("licence", &[("state", "Inherited from a group."), ("self", "inherited from licence")])),
            // A base the page states outweighs its rows.
            (
                "resources/stated.md",
                resource("stated", Some("educationOrganization"), &[("id", "String")]).replace("|The id. é 日本語 🙂|", "|Inherited from entity.|"),
            ),
        ]);
        let cases = [
            ("educationSchool", Some("microsoft.graph.educationOrganization")),
            ("educationOrganization", Some("microsoft.graph.entity")),
            ("licence", None),
            ("stated", Some("microsoft.graph.educationOrganization")),
            ("entity", None),
        ];
        for (name, want) in cases {
            assert_eq!(base_of(&s, name), want, "{name}: {:?}", s.diagnostics);
        }
    }

    #[test]
    fn a_table_naming_the_types_own_base_makes_no_cycle() {
        // `a` derives from `b` by its own page; `b`'s table lists `a` (fine)
        // and `a`'s table lists `b` (a cycle: said, not taken).
        let s = schema(&[("resources/a.md", base_page("a", Some("b"), &["b"])), ("resources/b.md", base_page("b", None, &["a"]))]);
        assert_eq!((base_of(&s, "a"), base_of(&s, "b")), (Some("microsoft.graph.b"), None));
        assert_eq!(
            codes(&s).iter().filter(|c| c.starts_with("derived-type")).collect::<Vec<_>>(),
            [&"derived-type-base-conflict"],
            "{:?}",
            s.diagnostics
        );
    }
}
