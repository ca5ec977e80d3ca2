//! Every operation's request paths → a test in the generated crate that
//! builds the request on each documented path, with values holding what
//! breaks URLs (`/ ? # % space ' é 日 🙂`), and compares its path with the
//! documented template filled here, segment by segment and apart from the
//! runtime: a path parameter never spills into another segment, a function
//! is called once, and no placeholder is left as literal text.

use super::example_tests::SEGMENT;
use super::naming::{Name, OperationNames};
use crate::schema::{ApiVersion, ParameterDef, TypeKind};
use crate::template::{Part, PathTemplate};
use percent_encoding::utf8_percent_encode;
use proc_macro2::TokenStream;
use quote::quote;

/// What each path and string argument is set to.
pub(super) const SAMPLE: &str = "x/y?z#1%2 3'é日🙂";
/// What each argument of another type (`Edm.Int32`, ...) is set to.
const RAW_SAMPLE: &str = "7";

/// The path the server must see for one variant: the template's literals
/// as written, each placeholder the sample encoded (its `'` doubled inside
/// quotes), then the function's arguments where the path does not write
/// them.
pub(super) fn expected(version: ApiVersion, template: &PathTemplate, url_fields: &[(Name, &ParameterDef)]) -> String {
    let mut out = format!("/{}", version.as_str());
    let mut quoted = template.quoted_params().into_iter();
    for segment in &template.segments {
        out.push('/');
        for part in &segment.parts {
            match part {
                Part::Literal(l) => out.push_str(l),
                Part::Param(_) => {
                    let value = if quoted.next().unwrap_or(false) { SAMPLE.replace('\'', "''") } else { SAMPLE.to_owned() };
                    out.extend(utf8_percent_encode(&value, SEGMENT));
                }
            }
        }
    }
    if !url_fields.is_empty() && !template.has_inline_args() {
        let args: Vec<String> = url_fields
            .iter()
            .map(|(_, p)| match p.quoted {
                true => format!("{}='{}'", p.name, utf8_percent_encode(&SAMPLE.replace('\'', "''"), SEGMENT)),
                false => format!("{}={}", p.name, utf8_percent_encode(RAW_SAMPLE, SEGMENT)),
            })
            .collect();
        out.push_str(&format!("({})", args.join(",")));
    }
    out
}

/// The pairs a path's query template must send, filled here apart from
/// the runtime: each placeholder's value (`value` of its name), its `'`
/// doubled inside quotes, percent-encoded as a URL's segment.
pub(super) fn expected_query(template: &str, value: impl Fn(&str) -> String) -> Vec<(String, String)> {
    template
        .split('&')
        .map(|pair| {
            let (key, text) = pair.split_once('=').unwrap_or((pair, ""));
            let pieces: Vec<&str> = text.split(['{', '}']).collect();
            // Between braces (odd pieces) a placeholder; the rest literal.
            let filled: String = pieces
                .iter()
                .enumerate()
                .map(|(i, piece)| match i % 2 {
                    0 => (*piece).to_owned(),
                    _ if pieces[i - 1].ends_with('\'') => value(piece).replace('\'', "''"),
                    _ => utf8_percent_encode(&value(piece), SEGMENT).to_string(),
                })
                .collect();
            (key.to_owned(), filled)
        })
        .collect()
}

/// The test of one operation's paths; None when its body type has no
/// default value to build it with (an enum).
pub(super) fn test(
    version: ApiVersion,
    operations: &TokenStream,
    names: &OperationNames,
    body_kind: Option<Option<TypeKind>>,
) -> Option<TokenStream> {
    if body_kind == Some(Some(TypeKind::Enum)) {
        return None;
    }
    let (ident, path_enum, url_fields) = (&names.primary, &names.path_enum, &names.url_fields);
    let url_values: Vec<&str> = url_fields.iter().map(|(_, p)| if p.quoted { SAMPLE } else { RAW_SAMPLE }).collect();
    // The query's parameters are sent as given, whatever their type.
    let query_values = names.query_fields.iter().map(|_| quote!(SAMPLE));
    let body = body_kind.is_some().then(|| quote!(Default::default()));
    let checks = names.variants.iter().zip(&names.op.paths).map(|(variant, documented)| {
        let name = &variant.name;
        let fields: Vec<_> = variant.params.iter().map(|(_, f)| f).chain(variant.query_fields()).collect();
        let template_pairs = variant.query_template.as_ref().map(|(q, _)| expected_query(q, |_| SAMPLE.to_owned()));
        let path = if fields.is_empty() {
            quote!(#operations #path_enum::#name)
        } else {
            quote!(#operations #path_enum::#name { #(#fields: SAMPLE.to_owned()),* })
        };
        let want = expected(version, &documented.template, url_fields);
        let sent: Vec<(String, String)> = template_pairs
            .unwrap_or_default()
            .into_iter()
            .chain(names.query_fields.iter().map(|(_, q)| (q.name.clone(), SAMPLE.to_owned())))
            .collect();
        let query_values = query_values.clone();
        let call = quote!(#operations #ident::new(#path, #(#url_values,)* #(#query_values,)* #body));
        if sent.is_empty() {
            quote!(check(#call, #want);)
        } else {
            let (keys, values): (Vec<_>, Vec<_>) = sent.iter().map(|(k, v)| (k, v)).unzip();
            quote!(check_query(#call, #want, &[#((#keys, #values)),*]);)
        }
    });
    let test = &names.tests.paths;
    Some(quote! {
        #[test]
        fn #test() {
            #(#checks)*
        }
    })
}

/// The helpers the path tests share, in the test crate's root.
pub(super) fn helpers(krate: &Name) -> TokenStream {
    quote! {
        /// What every path and string argument is set to in the path tests.
        const SAMPLE: &str = #SAMPLE;

        /// The operation's request path, below the API version, is `want`.
        fn check<O: #krate::runtime::Operation>(operation: O, want: &str) {
            let request = operation.request().expect("the sample values make a request");
            let got = format!("/{}{}", request.api_version.as_str(), request.path);
            assert_eq!(got.split('/').collect::<Vec<_>>(), want.split('/').collect::<Vec<_>>(), "the request path differs from the documented template");
        }

        /// As `check`, and the query carries each of `pairs`. (Not every
        /// crate has such an operation.)
        #[allow(dead_code)]
        fn check_query<O: #krate::runtime::Operation>(operation: O, want: &str, pairs: &[(&str, &str)]) {
            let query = operation.request().expect("the sample values make a request").query;
            check(operation, want);
            for (key, value) in pairs {
                assert!(query.iter().any(|(k, v)| k == key && v == value), "the query {query:?} does not send `{key}={value}`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::naming::Scope;

    fn param(name: &str, ty: &str) -> ParameterDef {
        ParameterDef {
            name: name.to_owned(),
            type_name: ty.to_owned(),
            resolved: None,
            quoted: ty == "Edm.String",
            collection: false,
            one_of: Vec::new(),
            description: String::new(),
            optional: false,
        }
    }

    #[test]
    fn expected_paths_keep_the_templates_segments() {
        let enc = "x%2Fy%3Fz%231%252%203%27%C3%A9%E6%97%A5%F0%9F%99%82";
        let doubled = "x%2Fy%3Fz%231%252%203%27%27%C3%A9%E6%97%A5%F0%9F%99%82";
        let cases: Vec<(&str, Vec<ParameterDef>, String)> = vec![
            ("/users/{id}/events", vec![], format!("/v1.0/users/{enc}/events")),
            ("/reports/getX(period='{period_value}')", vec![param("period", "Edm.String")], format!("/v1.0/reports/getX(period='{doubled}')")),
            (
                "/reports/getX",
                vec![param("period", "Edm.String"), param("top", "Edm.Int32")],
                format!("/v1.0/reports/getX(period='{doubled}',top=7)"),
            ),
            ("/range(address=<address>)/format", vec![], format!("/v1.0/range(address={enc})/format")),
        ];
        for (template, params, want) in cases {
            let mut scope = Scope::default();
            let fields: Vec<(Name, &ParameterDef)> = params.iter().map(|p| (scope.claim(std::slice::from_ref(&p.name)), p)).collect();
            assert_eq!(expected(ApiVersion::V1_0, &PathTemplate::parse(template), &fields), want, "{template}");
        }
    }
}
