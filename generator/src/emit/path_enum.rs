//! An operation's request paths → one enum, a variant per documented path
//! holding that path's parameters. The operation is one struct whatever the
//! number of its paths (002's PATCH has 10), and the choice of path is a
//! value the caller makes.

use super::naming::{pascal_case, snake_case, Scope};
use crate::schema::DocumentedPath;
use crate::template::{Part, PathTemplate};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// One path's variant: its name and its parameters' fields, in order.
#[derive(Clone, Debug)]
pub struct PathVariant {
    pub name: String,
    pub template: String,
    /// (placeholder as written, Rust field name).
    pub params: Vec<(String, String)>,
    /// The path writes its function's arguments itself (`getX(a='{a}')`).
    pub inline_args: bool,
}

/// The literal segments of a path (no placeholders), type casts without
/// their `microsoft.graph.` namespace.
pub(super) fn literals(template: &PathTemplate) -> Vec<String> {
    template
        .segments
        .iter()
        .filter_map(|s| {
            let text: Option<String> = s
                .parts
                .iter()
                .map(|p| match p {
                    Part::Literal(l) => Some(l.as_str()),
                    Part::Param(_) => None,
                })
                .collect();
            text.map(|t| t.trim_start_matches("microsoft.graph.").to_owned())
        })
        .collect()
}

/// Names each path by the literal segments that tell it from the others:
/// what every path starts and ends with is dropped, so `/me/events/{id}`
/// and `/users/{id}/events/{id}` are `Me` and `Users`. A path with nothing
/// of its own (the plain one beside longer ones) is named by the last
/// segment they all start with; the only path, by its first segment.
pub fn variants(paths: &[DocumentedPath]) -> Vec<PathVariant> {
    let templates: Vec<&PathTemplate> = paths.iter().map(|p| &p.template).collect();
    let lits: Vec<Vec<String>> = templates.iter().map(|t| literals(t)).collect();
    let shortest = lits.iter().map(Vec::len).min().unwrap_or(0);
    let shared = |i: &dyn Fn(&Vec<String>) -> Option<&String>| lits.iter().all(|l| i(l) == i(&lits[0]));
    let prefix = (0..shortest).take_while(|&k| shared(&|l| l.get(k))).count();
    let suffix = (0..shortest - prefix).take_while(|&k| shared(&|l| l.get(l.len() - 1 - k))).count();
    let mut scope = Scope::default();
    templates
        .iter()
        .zip(&lits)
        .map(|(template, lits)| {
            let telling = &lits[prefix..lits.len() - suffix];
            let plain = if paths.len() > 1 && prefix > 0 { lits.get(prefix - 1) } else { lits.first() };
            let words = if telling.is_empty() { plain.cloned().unwrap_or_else(|| "root".to_owned()) } else { telling.join(" ") };
            let mut fields = Scope::default();
            PathVariant {
                name: scope.claim(&[pascal_case(&words)]),
                template: template.path(),
                params: template.params().map(|p| (p.to_owned(), fields.claim(&[field_name(p)]))).collect(),
                inline_args: template.has_inline_args(),
            }
        })
        .collect()
}

/// A placeholder's field: `{id | userPrincipalName}` takes either, so it
/// is `id_or_user_principal_name`.
fn field_name(placeholder: &str) -> String {
    snake_case(&placeholder.split('|').map(str::trim).collect::<Vec<_>>().join(" or "))
}

/// The enum and its `to_path`, which fills the chosen template.
pub fn emit(ident: &str, operation: &str, variants: &[PathVariant]) -> TokenStream {
    let ident = format_ident!("{}", ident);
    let doc = format!(" The request paths of [`{operation}`]: the docs give the operation on each.");
    let decls = variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        let doc = format!(" `{}`", v.template);
        if v.params.is_empty() {
            return quote!(#[doc = #doc] #name,);
        }
        let fields = v.params.iter().map(|(p, f)| {
            let field = format_ident!("{}", f);
            let doc = format!(" The `{{{p}}}` of the path.");
            quote!(#[doc = #doc] #field: String,)
        });
        quote!(#[doc = #doc] #name { #(#fields)* },)
    });
    let arms = variants.iter().map(|v| {
        let name = format_ident!("{}", v.name);
        let template = &v.template;
        let fields: Vec<_> = v.params.iter().map(|(_, f)| format_ident!("{}", f)).collect();
        if fields.is_empty() {
            quote!(Self::#name => Ok(#template.to_owned()),)
        } else {
            quote!(Self::#name { #(#fields),* } => crate::runtime::fill_path(#template, &[#(#fields),*]),)
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #(#decls)*
        }

        impl #ident {
            /// The path with its parameters filled in, percent-encoded; an
            /// error for a value that would name another resource.
            pub fn to_path(&self) -> Result<String, crate::runtime::Error> {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(paths: &[&str]) -> Vec<String> {
        variants(&paths.iter().map(|p| DocumentedPath::new(p)).collect::<Vec<_>>()).into_iter().map(|v| v.name).collect()
    }

    #[test]
    fn variants_are_named_by_what_tells_the_paths_apart() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["/users/{id}"], &["Users"]),
            (&["/users/{id}/events/{eventId}"], &["Users"]),
            (&["/a/things/{id}/statuses/{sid}", "/a/things/{id}/root/statuses/{sid}"], &["Things", "Root"]),
            (&["/me/events/{id}", "/users/{id}/events/{id}", "/groups/{id}/events/{id}"], &["Me", "Users", "Groups"]),
            (&["/me/calendar/events", "/me/calendars/{id}/events", "/users/{id}/calendar/events"], &["MeCalendar", "MeCalendars", "UsersCalendar"]),
            (
                &[
                    "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.windows10GeneralConfiguration/userStatuses/{sid}",
                    "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.iosGeneralDeviceConfiguration/userStatuses/{sid}",
                ],
                &["Windows10GeneralConfiguration", "IosGeneralDeviceConfiguration"],
            ),
            // Only the parameters differ: the first segment, numbered.
            (&["/users/{id}", "/users/{userPrincipalName}"], &["Users", "Users2"]),
            (&["/", "/me"], &["Root", "Me"]),
            (&["/me/drive/root:/{path}:/content", "/drives/{id}/root:/{path}:/content"], &["MeDrive", "Drives"]),
        ];
        for (paths, expected) in cases {
            assert_eq!(names(paths), *expected, "{paths:?}");
        }
    }

    #[test]
    fn fields_are_the_placeholders_in_order() {
        let v = &variants(&[DocumentedPath::new("/users/{user-id}/events/{eventId}")])[0];
        assert_eq!(v.params, [("user-id".to_owned(), "user_id".to_owned()), ("eventId".to_owned(), "event_id".to_owned())]);
        assert_eq!(v.template, "/users/{user-id}/events/{eventId}");
        let v = &variants(&[DocumentedPath::new("/users/{id | userPrincipalName}/events/{id}")])[0];
        assert_eq!(v.params, [("id | userPrincipalName".to_owned(), "id_or_user_principal_name".to_owned()), ("id".to_owned(), "id".to_owned())]);
    }
}
