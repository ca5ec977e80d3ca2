//! An operation → one struct implementing `runtime::Operation`, its
//! request paths an enum (`path_enum`), and the struct of an action's
//! parameters when the body is one.

use super::model_struct::{doc_lines, field_tokens};
use super::naming::{Names, OperationNames};
use super::path_enum;
use super::rust_type::{self, Paths};
use super::Context;
use crate::schema::{self, is_redirect, OperationDef, RequestBodyDef};
use crate::schema::{ApiVersion, Method};
use proc_macro2::TokenStream;
use quote::quote;

/// How an operation's response body is read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum OutputKind {
    Empty,
    Bytes,
    Json,
    /// JSON, or nothing: an update or action documented with a body that
    /// the service may answer with 204 or an empty 200 (`None`).
    OptionalJson,
}

pub(super) fn output(op: &OperationDef, names: &Names, paths: &Paths) -> (TokenStream, OutputKind) {
    // 204 No Content has no body, whatever an example shows; but where the
    // docs name what the operation answers beside it (an update that
    // answers the updated object when asked to, `Prefer:
    // return=representation`: "204 No Content ... or 200 OK and the
    // updated plannerTask"), that is read when it comes, not dropped.
    if op.response.status == 204 {
        return match json_output(op, names, paths, false) {
            (ty, OutputKind::Json) if op.response.type_name.is_some() => (quote!(Option<#ty>), OutputKind::OptionalJson),
            _ => (quote!(()), OutputKind::Empty),
        };
    }
    let documented_json = op.examples.iter().any(|e| e.response.as_ref().is_some_and(|r| r.body.is_some() && r.status != 204));
    let (ty, kind) = json_output(op, names, paths, documented_json);
    // A read answers with its value; anything else may answer with none.
    match kind {
        OutputKind::Json if op.method != Method::Get => (quote!(Option<#ty>), OutputKind::OptionalJson),
        _ => (ty, kind),
    }
}

/// A content body's doc: the media types the docs' examples send it with,
/// which tell a caller what to give (`text/plain` for a message in MIME).
fn content_doc(op: &OperationDef) -> String {
    let mut media: Vec<&str> = Vec::new();
    for request in op.examples.iter().filter_map(|e| e.request.as_ref()) {
        if let Some(m) = schema::content_type(&request.headers).filter(|m| !m.is_empty() && !media.contains(m)) {
            media.push(m);
        }
    }
    let listed = media.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    match media.len() {
        0 => "The request body: bytes, with their media type.".to_owned(),
        _ => format!("The request body: bytes, with their media type (the docs' examples send {listed})."),
    }
}

/// Whether the body is content of its own media type (a stream), not JSON.
pub(super) fn takes_content(op: &OperationDef) -> bool {
    op.request_body.as_ref().is_some_and(RequestBodyDef::is_stream)
}

fn json_output(op: &OperationDef, names: &Names, paths: &Paths, documented_json: bool) -> (TokenStream, OutputKind) {
    let runtime = &paths.runtime;
    match op.response.type_name.as_deref() {
        Some(schema::STREAM) => (quote!(Vec<u8>), OutputKind::Bytes),
        Some(t) => {
            let element = rust_type::element(names, t, op.response.resolved, paths);
            if op.response.collection {
                (quote!(#runtime Collection<#element>), OutputKind::Json)
            } else if t.starts_with("Edm.") {
                (quote!(#runtime PrimitiveValue<#element>), OutputKind::Json)
            } else {
                (element, OutputKind::Json)
            }
        }
        None if documented_json => (quote!(serde_json::Value), OutputKind::Json),
        None => (quote!(()), OutputKind::Empty),
    }
}

/// The body field's type, if the operation takes a body.
pub(super) fn body_type(names: &Names, op_names: &OperationNames, paths: &Paths) -> Option<TokenStream> {
    let body = op_names.op.request_body.as_ref()?;
    if takes_content(op_names.op) {
        let runtime = &paths.runtime;
        return Some(quote!(#runtime Content));
    }
    Some(match (&body.type_name, &op_names.body) {
        (Some(t), _) => {
            let element = rust_type::element(names, t, body.resolved, paths);
            if body.collection {
                quote!(Vec<#element>)
            } else {
                element
            }
        }
        (None, Some((ident, _))) => {
            let operations = &paths.operations;
            let sent = op_names.body_wrapper.as_ref().map_or(ident, |(wrapper, _, _)| wrapper);
            quote!(#operations #sent)
        }
        (None, None) => quote!(serde_json::Value),
    })
}

/// The runtime's method: the schema's methods are the ones it can send,
/// and each is sent as written (HEAD and OPTIONS were once sent as GET).
fn method_ident(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(crate::runtime::Method::Get),
        Method::Post => quote!(crate::runtime::Method::Post),
        Method::Put => quote!(crate::runtime::Method::Put),
        Method::Patch => quote!(crate::runtime::Method::Patch),
        Method::Delete => quote!(crate::runtime::Method::Delete),
        Method::Head => quote!(crate::runtime::Method::Head),
        Method::Options => quote!(crate::runtime::Method::Options),
    }
}

/// The permissions its page documents, as data (`runtime::needed` reads them).
fn permissions_const(p: &crate::schema::Permissions) -> TokenStream {
    let list = |l: &Option<Vec<String>>| match l {
        Some(names) => quote!(Some(&[#(#names),*])),
        None => quote!(None),
    };
    let (work, personal, application) = (list(&p.delegated_work), list(&p.delegated_personal), list(&p.application));
    let rows = p.by_resource.iter().map(|r| {
        let (resource, work, personal, application) = (&r.resource, list(&r.delegated_work), list(&r.delegated_personal), list(&r.application));
        let paths = &r.paths;
        quote! {
            crate::runtime::ResourcePermissions {
                resource: #resource,
                paths: &[#(#paths),*],
                delegated_work: #work,
                delegated_personal: #personal,
                application: #application,
            }
        }
    });
    let doc = if p.only_by_resource() {
        " The permissions its page documents per resource or case the call acts on (`by_resource`, each as the page names it; `for_resource` finds one): which apply depends on the call, so the operation's own are `None`."
    } else if p.least_privileged_first {
        " The permissions its page documents, least privileged first; `None` where the docs do not say, empty where they say it is not supported."
    } else {
        " The permissions its page documents, in the page's order (it does not say which is least privileged); `None` where the docs do not say."
    };
    quote! {
        #[doc = #doc]
        pub const PERMISSIONS: crate::runtime::Permissions = crate::runtime::Permissions {
            delegated_work: #work,
            delegated_personal: #personal,
            application: #application,
            by_resource: &[#(#rows),*],
        };
    }
}

/// Whether the client sends a header the page lists itself: the token,
/// and JSON's `Accept` and `Content-Type` (a JSON body's; `Content` sends
/// its own media type).
fn sent_by_the_client(name: &str, description: &str) -> bool {
    let json = description.trim_start_matches(['`', '"', '*', ' ']).get(..16).is_some_and(|d| d.eq_ignore_ascii_case("application/json"));
    match name.trim().to_ascii_lowercase().as_str() {
        "authorization" => true,
        "accept" | "content-type" => json,
        _ => false,
    }
}

fn op_doc(op: &OperationDef) -> String {
    let mut doc = op.name.clone();
    if let Some(d) = &op.description {
        doc.push_str(&format!("\n\n{d}"));
    }
    match op.paths.as_slice() {
        [path] => doc.push_str(&format!("\n\n`{} {path}`", op.method)),
        paths => {
            doc.push_str(&format!("\n\n`{}` on any of its request paths:", op.method));
            for p in paths {
                doc.push_str(&format!("\n- `{p}`"));
            }
        }
    }
    // Those the call does not ask for: a caller sets them by name.
    let optional: Vec<_> = op.query_parameters.iter().filter(|q| !q.required).collect();
    if !optional.is_empty() {
        doc.push_str("\n\nQuery parameters its page lists, set with the query options (`param`):");
        for q in optional {
            let ty = q.type_name.as_deref().map_or_else(String::new, |t| format!(" ({t})"));
            doc.push_str(&format!("\n- `{}`{ty}: {}", q.name, q.description));
        }
    }
    let headers: Vec<_> = op.request_headers.iter().filter(|h| !sent_by_the_client(&h.name, &h.description)).collect();
    if !headers.is_empty() {
        doc.push_str("\n\nRequest headers its page lists, set with `Call::header`:");
        for h in headers {
            doc.push_str(&format!("\n- `{}`: {}", h.name.trim(), h.description.trim()));
        }
    }
    let perms = |list: &Option<Vec<String>>| match list.as_deref() {
        None => "unknown (the docs do not say)".to_owned(),
        Some([]) => "not supported".to_owned(),
        Some(list) => list.join(", "),
    };
    if !op.permissions.only_by_resource() {
        doc.push_str(&format!(
            "\n\nPermissions:\n- Delegated (work or school account): {}\n- Delegated (personal Microsoft account): {}\n- Application: {}",
            perms(&op.permissions.delegated_work),
            perms(&op.permissions.delegated_personal),
            perms(&op.permissions.application)
        ));
    }
    if !op.permissions.by_resource.is_empty() {
        doc.push_str("\n\nPermissions per resource or case (`PERMISSIONS.for_resource(..)`), as delegated (work or school account) / delegated (personal Microsoft account) / application:");
        for r in &op.permissions.by_resource {
            let (work, personal, application) = (perms(&r.delegated_work), perms(&r.delegated_personal), perms(&r.application));
            doc.push_str(&format!("\n- {}: {work} / {personal} / {application}", r.resource));
        }
    }
    doc.push_str(&format!("\n\nDocumented response: `{}`. Source: `{}`.", op.response.status, op.source));
    if is_redirect(op.response.status) {
        doc.push_str(
            "\n\nThe client follows the redirect (without the token, to another origin): the output is the content it leads to, whole; `Call::download` streams it.",
        );
    }
    doc
}

pub(super) fn emit(cx: &Context, op_names: &OperationNames) -> TokenStream {
    let (op, names) = (op_names.op, cx.names);
    let version_mod = &names.module;
    let paths = Paths::inside(quote!(crate::#version_mod::models::));
    let api_version = match op.api_version {
        ApiVersion::Beta => quote!(crate::runtime::ApiVersion::Beta),
        ApiVersion::V1_0 => quote!(crate::runtime::ApiVersion::V1_0),
    };
    let body_struct = op_names.body.as_ref().map(|(ident, params)| {
        let fields = params.iter().map(|(field, p)| {
            let ty = rust_type::property(names, &p.type_name, p.resolved, p.collection, &paths);
            field_tokens(field, &p.description, &ty, None)
        });
        let doc = match &op_names.body_wrapper {
            Some((_, _, w)) => format!(
                " The parameters of {}: {} the body holds under `{}`.",
                op.name,
                if w.collection { "each object of the list" } else { "the object" },
                w.name
            ),
            None => format!(" The parameters of {}.", op.name),
        };
        let json = super::model_struct::json_impls(ident, params.iter().map(|(field, p)| (p.name.as_str(), field, None)));
        let wrapper = op_names.body_wrapper.as_ref().map(|(wrapper, field, w)| {
            let ty = if w.collection { quote!(Vec<#ident>) } else { quote!(#ident) };
            let doc = format!(" The body of {}: its parameters under `{}`, as the docs' examples send them.", op.name, w.name);
            let field_doc = format!(" The parameters{}.", if w.collection { ", one object per item" } else { "" });
            let json = super::model_struct::json_impls(wrapper, [(w.name.as_str(), field, None)]);
            quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq)]
                pub struct #wrapper {
                    #[doc = #field_doc]
                    pub #field: Field<#ty>,
                    /// Properties the docs do not list.
                    pub additional_properties: crate::runtime::AdditionalProperties,
                }

                #json
            }
        });
        quote! {
            use crate::runtime::Field;

            #wrapper

            #[doc = #doc]
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #ident {
                #(#fields)*
                /// Parameters the docs do not list.
                pub additional_properties: crate::runtime::AdditionalProperties,
            }

            #json
        }
    });
    let (output, kind) = output(op, names, &paths);
    let decode = match kind {
        OutputKind::Empty => quote!(crate::runtime::empty_response(response)),
        OutputKind::Bytes => quote!(crate::runtime::bytes_response(response)),
        OutputKind::Json => quote!(crate::runtime::json_response(response)),
        OutputKind::OptionalJson => quote!(crate::runtime::optional_json_response(response)),
    };
    let method = method_ident(op.method);
    let ident = &op_names.primary;
    let path_enum_ident = &op_names.path_enum;
    let path_enum = path_enum::emit(op_names);
    let url_fields = &op_names.url_fields;
    let url_idents: Vec<_> = url_fields.iter().map(|(f, _)| f).collect();
    let url_docs = url_fields.iter().map(|(_, p)| format!(" Function parameter `{}` ({}). {}", p.name, p.type_name, p.description));
    let url_args = url_fields.iter().map(|(f, p)| {
        let wire = &p.name;
        if p.quoted {
            quote!((#wire, crate::runtime::FunctionArg::String(&self.#f)))
        } else {
            quote!((#wire, crate::runtime::FunctionArg::Raw(&self.#f)))
        }
    });
    // Appended on the paths that do not write the arguments themselves.
    let push_args = (!url_fields.is_empty()).then(|| {
        let append = quote!(path.push_str(&crate::runtime::function_args(&[#(#url_args),*])););
        let inline: Vec<_> = op_names.variants.iter().filter(|v| v.inline_args).map(|v| &v.name).collect();
        if inline.is_empty() {
            append
        } else {
            quote!(if !matches!(self.path, #(#path_enum_ident::#inline { .. })|*) { #append })
        }
    });
    let mutable = push_args.as_ref().map(|_| quote!(mut));
    let body_ty = body_type(names, op_names, &paths);
    let content = takes_content(op);
    let (body_field, body_arg) = match &body_ty {
        Some(ty) if !content => (
            quote!(/// The request body.
 pub body: #ty,),
            quote!(Some(&self.body)),
        ),
        Some(ty) => {
            let doc = doc_lines(&content_doc(op));
            (quote!(#doc pub body: #ty,), quote!(None::<&()>))
        }
        None => (quote!(), quote!(None::<&()>)),
    };
    // `new`: what a call needs (path, arguments, body), the query options
    // left to the `query` builder.
    let (body_param, body_init) = match &body_ty {
        Some(ty) => (quote!(body: #ty), quote!(body,)),
        None => (quote!(), quote!()),
    };
    let query_fields = &op_names.query_fields;
    let query_idents: Vec<_> = query_fields.iter().map(|(f, _)| f).collect();
    let query_docs = query_fields.iter().map(|(_, q)| {
        let ty = q.type_name.as_deref().map_or_else(|| "type not documented".to_owned(), str::to_owned);
        format!(" Query parameter `{}` ({ty}), sent with every request; empty, it is not sent. {}", q.name, q.description)
    });
    let query_wire = query_fields.iter().map(|(_, q)| &q.name);
    let url_params = url_idents.iter().chain(&query_idents).map(|f| quote!(#f: impl Into<String>));
    let url_inits = url_idents.iter().chain(&query_idents).map(|f| quote!(#f: #f.into(),));
    let sends_template = op_names.variants.iter().any(|v| v.query_template.is_some());
    let build = if sends_template {
        // The path's query first, then the operation's parameters.
        let own = (!query_fields.is_empty()).then(|| quote!(.chain([#((#query_wire, self.#query_idents.as_str())),*])));
        quote! {
            let sent = self.path.to_query()?;
            let parameters: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())) #own .collect();
            crate::runtime::query_request_with(#method, #api_version, path, &parameters, &self.query, #body_arg)
        }
    } else if query_fields.is_empty() {
        quote!(crate::runtime::query_request(#method, #api_version, path, &self.query, #body_arg))
    } else {
        quote!(crate::runtime::query_request_with(#method, #api_version, path, &[#((#query_wire, self.#query_idents.as_str())),*], &self.query, #body_arg))
    };
    // Content goes in as it is, with its own media type.
    let build = match (content, sends_template) {
        (true, true) => quote!(crate::runtime::with_content({ #build }, &self.body)),
        (true, false) => quote!(crate::runtime::with_content(#build, &self.body)),
        (false, _) => build,
    };
    let doc = doc_lines(&op_doc(op));
    let permissions = permissions_const(&op.permissions);
    // A call picks its case by the path it sends only where the page lists
    // each case's paths; else it has the operation's, cases and all.
    let call_permissions = if op.permissions.by_resource.iter().any(|r| !r.paths.is_empty()) {
        quote!(match self.path.to_path() {
            Ok(path) => Self::PERMISSIONS.for_call(&path),
            Err(_) => Self::PERMISSIONS,
        })
    } else {
        quote!(Self::PERMISSIONS)
    };
    quote! {
        #body_struct

        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident {
            /// Which request path to call, with its parameters.
            pub path: #path_enum_ident,
            #(#[doc = #url_docs] pub #url_idents: String,)*
            #(#[doc = #query_docs] pub #query_idents: String,)*
            #body_field
            /// OData query options (`$select`, `$filter`, `$top`, ...).
            pub query: crate::runtime::Query,
        }

        impl #ident {
            /// The operation on `path`, without query options.
            #[inline]
            pub fn new(path: #path_enum_ident, #(#url_params,)* #body_param) -> Self {
                Self { path, #(#url_inits)* #body_init query: crate::runtime::Query::new() }
            }

            #permissions

            /// With these query options.
            #[inline]
            pub fn with_query(mut self, query: crate::runtime::Query) -> Self {
                self.query = query;
                self
            }
        }

        impl crate::runtime::Operation for #ident {
            type Output = #output;

            #[inline]
            fn request(&self) -> Result<crate::runtime::Request, crate::runtime::Error> {
                let #mutable path = self.path.to_path()?;
                #push_args
                #build
            }

            #[inline]
            fn response(&self, response: crate::runtime::Response) -> Result<Self::Output, crate::runtime::Error> {
                #decode
            }

            #[inline]
            fn permissions(&self) -> crate::runtime::Permissions {
                #call_permissions
            }
        }

        impl crate::runtime::Queryable for #ident {
            #[inline]
            fn query_mut(&mut self) -> &mut crate::runtime::Query {
                &mut self.query
            }
        }

        #path_enum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headers_the_client_sends_itself_are_not_listed() {
        // (name, description, whether the client sends it)
        let cases = [
            ("Authorization", "Bearer {token}. Required.", true),
            (" authorization ", "", true),
            ("Accept", "application/json", true),
            ("Content-Type", "application/json. Required.", true),
            ("Content-type", "Application/JSON; charset=utf-8", true),
            ("Content-Type", "`application/json`. Required.", true),
            ("Accept", "**\"application/json\"**", true),
            ("Content-Type", "text/plain. Required.", false),
            ("Content-Type", "image/jpeg — l'image", false),
            ("Accept", "application/js", false),
            ("ConsistencyLevel", "eventual. Requis, 必須.", false),
            ("Prefer", "application/json", false),
        ];
        for (name, description, want) in cases {
            assert_eq!(sent_by_the_client(name, description), want, "{name}: {description}");
        }
    }

    #[test]
    fn a_documented_redirect_answers_what_it_leads_to() {
        // (the status the page documents, the output, whether the example
        // is a client test): a redirect is followed, its content is bytes.
        let cases = [
            ("302 Found", "type Output = Vec<u8>;", true),
            ("303 See Other", "type Output = Vec<u8>;", true),
            ("307 Temporary Redirect", "type Output = Vec<u8>;", true),
            // Not a redirect: no `Location` to follow.
            ("304 Not Modified", "type Output = crate::v1_0::models::Thing;", false),
            // The page names a thing beside its 204: read if it comes.
            ("204 No Content", "type Output = Option<crate::v1_0::models::Thing>;", true),
            ("200 OK", "type Output = crate::v1_0::models::Thing;", true),
        ];
        for (status, want, tested) in cases {
            let code = &status[..3];
            let mut page = crate::fixtures::get("/things/{id}/content", "thing", r#"{"id": "é"}"#).replace("v1.0/things/{id}", "v1.0/things/1");
            if code != "200" {
                page = page.replace("`200 OK` response code", &format!("`{status}` response code")).replace(
                    "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": \"é\"}",
                    &format!("HTTP/1.1 {status}\nLocation: https://files.example/é?sig=1"),
                );
            }
            let files = crate::fixtures::emitted(&[
                ("resources/thing.md", &crate::fixtures::resource("thing", None, &[("id", "String")])),
                ("api/thing-content.md", &page),
            ]);
            let op = crate::fixtures::file(&files, "src/v1_0/operations/get_thing.rs");
            assert!(op.contains(want), "{status}: expected {want} in\n{op}");
            assert_eq!(op.contains("The client follows the redirect"), want.contains("u8"), "{status}");
            let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs");
            assert_eq!(tests.contains(&format!("&[], {code}u16,")), tested, "{status}:\n{tests}");
        }
    }

    #[test]
    fn a_204_beside_a_named_object_reads_the_object_when_it_comes() {
        // (the Response section, the output): an update that answers the
        // updated object when asked (`Prefer: return=representation`) is
        // read as `Some`, a plain 204 as `None`; one that names nothing
        // answers nothing.
        let cases = [
            (
                "If successful, this method returns `204 No Content` response and empty content. If the request specifies `Prefer` header with `return=representation` preference, then this method returns a `200 OK` response code and updated [thing](../resources/thing.md) object in the response body. Élan.",
                "type Output = Option<crate::v1_0::models::Thing>;",
            ),
            ("If successful, this method returns a `204 No Content` response code.", "type Output = ();"),
        ];
        for (response, want) in cases {
            let mut page = crate::fixtures::front("Update thing", "apiPageType");
            page.push_str(&format!(
                "## HTTP request\n```http\nPATCH /things/{{id}}\n```\n\n## Request body\nIn the request body, supply a JSON representation of the thing object.\n\n## Response\n{response}\n"
            ));
            let files = crate::fixtures::emitted(&[
                ("resources/thing.md", &crate::fixtures::resource("thing", None, &[("id", "String")])),
                ("api/thing-update.md", &page),
            ]);
            let op = crate::fixtures::file(&files, "src/v1_0/operations/update_thing.rs");
            assert!(op.contains(want), "{response}: expected {want} in\n{op}");
            let read = if want.contains("Option") { "optional_json_response(response)" } else { "empty_response(response)" };
            assert!(op.contains(read), "{response}: expected {read} in\n{op}");
        }
    }

    /// The operations' file names (`get_thing`), in the order emitted.
    fn operation_files(files: &[crate::OutputFile]) -> Vec<&str> {
        files.iter().filter_map(|f| f.path.strip_suffix(".rs")?.rsplit_once("/operations/").map(|(_, n)| n)).filter(|n| *n != "mod").collect()
    }

    #[test]
    fn a_raw_value_is_read_as_bytes() {
        // (the request paths, the operations emitted with their outputs):
        // `/$value` alone is bytes; beside the entity's paths it is an
        // operation of its own.
        let thing = "type Output = crate::v1_0::models::Thing;";
        // (operation file, output)
        type Emitted<'a> = &'a [(&'a str, &'a str)];
        let cases: [(&[&str], Emitted); 4] = [
            (&["/things/{id}/$value"], &[("get_thing", "type Output = Vec<u8>;")]),
            (&["/things/{id}", "/things/é/{id}/$value"], &[("get_thing", thing), ("get_thing_raw_value", "type Output = Vec<u8>;")]),
            (&["/things/{id}/$values"], &[("get_thing", thing)]),
            (&["/things/{id}"], &[("get_thing", thing)]),
        ];
        for (paths, ops) in cases {
            let page = crate::fixtures::get(paths[0], "thing", r#"{"id": "é"}"#).replacen(
                &format!("GET {}\n```", paths[0]),
                &format!("{}\n```", paths.iter().map(|p| format!("GET {p}")).collect::<Vec<_>>().join("\n")),
                1,
            );
            let files = crate::fixtures::emitted(&[
                ("resources/thing.md", &crate::fixtures::resource("thing", None, &[("id", "String")])),
                ("api/thing-value.md", &page),
            ]);
            let emitted = operation_files(&files);
            assert_eq!(emitted, ops.iter().map(|(n, _)| *n).collect::<Vec<_>>(), "{paths:?}");
            for (name, want) in ops {
                let op = crate::fixtures::file(&files, &format!("src/v1_0/operations/{name}.rs"));
                assert!(op.contains(want), "{paths:?}: expected {want} in\n{op}");
            }
        }
    }

    #[test]
    fn a_body_the_docs_show_only_as_other_content_is_content() {
        // (the example request's headers and body, whether the body is
        // content): a media type other than JSON, with a body, is; JSON, or
        // no body, or no media type, is not.
        let cases = [
            ("Content-Type: image/jpeg", "Binary data for the image é", true),
            (
                "Content-type: multipart/form-data; boundary=MyPart日本",
                "--MyPart日本\nContent-Disposition: form-data; name=\"Presentation\"\n\n<html/>\n--MyPart日本--",
                true,
            ),
            ("CONTENT-TYPE: text/plain", "RnJvbTogQWxleCBXaWxiZXIg", true),
            ("Content-Type: application/json; charset=utf-8", "{\"name\": \"é\"}", false),
            ("Content-Type: application/merge-patch+json", "{\"name\": \"é\"}", false),
            ("Content-Type: image/png", "", false),
            ("Accept: image/png", "Binary data", false),
        ];
        for (headers, body, is_content) in cases {
            let mut page = crate::fixtures::front("Upload thing", "apiPageType");
            page.push_str("## HTTP request\n```http\nPUT /things/{id}/content\n```\n\n## Response\nIf successful, this method returns a `204 No Content` response code.\n\n");
            page.push_str(&format!("## Example\n### Request\n```http\nPUT https://graph.microsoft.com/v1.0/things/1/content\n{headers}\n\n{body}\n```\n\n### Response\n```http\nHTTP/1.1 204 No Content\n```\n"));
            let files = crate::fixtures::emitted(&[("api/thing-upload.md", &page)]);
            let op = crate::fixtures::file(&files, "src/v1_0/operations/upload_thing.rs");
            assert_eq!(op.contains("pub body: crate::runtime::Content,"), is_content, "{headers}:\n{op}");
            if is_content {
                // The doc names the media type the example sends.
                let media = headers.split_once(": ").unwrap().1;
                assert!(op.contains(&format!("the docs' examples send `{media}`")), "{headers}:\n{op}");
            }
            assert_eq!(op.contains("crate::runtime::with_content("), is_content, "{headers}");
            if is_content {
                // The example test sends the documented bytes with their media type.
                let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs");
                let media = headers.split_once(": ").unwrap().1;
                let tests = tests.replace("( ", "(").replace(", )", ")");
                assert!(tests.contains(&format!("graph_client::runtime::Content::new(request_body, {media:?})")), "{headers}:\n{tests}");
            }
        }
    }

    #[test]
    fn content_beside_a_json_body_is_an_operation_of_its_own() {
        // (the second example's headers and body, the operations emitted
        // with their bodies): a JSON-typed action whose example also sends
        // MIME gets a content operation on the same path, with that example;
        // JSON under another media type, or no body, is not content.
        let json = "pub body: SendThingBody,";
        let content = "pub body: crate::runtime::Content,";
        type Emitted<'a> = &'a [(&'a str, &'a str)];
        let cases: [(&str, &str, Emitted); 5] = [
            ("Content-type: text/plain", "RnJvbTogw6kg5pel5pys", &[("send_thing", json), ("send_thing_content", content)]),
            // On a path the operation does not document: another resource's.
            ("Content-type: image/jpeg", "<bytes of an image, é>", &[("send_thing", json)]),
            (
                "Content-Type: message/rfc822",
                "From: é <é@example.com>\nSubject: 日本\n\nbody",
                &[("send_thing", json), ("send_thing_content", content)],
            ),
            ("Content-type: text/plain", "{\"note\": \"é\"}", &[("send_thing", json)]),
            ("Content-type: text/plain", "", &[("send_thing", json)]),
        ];
        for (headers, body, ops) in cases {
            let mut page = crate::fixtures::front("Send thing", "apiPageType");
            page.push_str("## HTTP request\n```http\nPOST /things/{id}/send\n```\n\n## Request body\n|Parameter|Type|Description|\n|:---|:---|:---|\n|note|String|A note, é.|\n\n");
            page.push_str("## Response\nIf successful, this method returns a `202 Accepted` response code.\n\n");
            page.push_str("## Examples\n### Request\n```http\nPOST https://graph.microsoft.com/v1.0/things/1/send\nContent-Type: application/json\n\n{\"note\": \"é\"}\n```\n\n### Response\n```http\nHTTP/1.1 202 Accepted\n```\n\n");
            let url = if headers.contains("image") { "things/2/send/logo" } else { "things/2/send" };
            page.push_str(&format!("### Request\n```http\nPOST https://graph.microsoft.com/v1.0/{url}\n{headers}\n\n{body}\n```\n\n### Response\n```http\nHTTP/1.1 202 Accepted\n```\n"));
            let files = crate::fixtures::emitted(&[("api/thing-send.md", &page)]);
            let emitted = operation_files(&files);
            assert_eq!(emitted, ops.iter().map(|(n, _)| *n).collect::<Vec<_>>(), "{headers} {body}");
            for (name, want) in ops {
                let op = crate::fixtures::file(&files, &format!("src/v1_0/operations/{name}.rs"));
                assert!(op.contains(want), "{headers}: expected {want} in\n{op}");
                assert!(op.contains("`/things/{id}/send`"), "{name}: the same path\n{op}");
            }
            // Each example is tested on its own operation: the JSON one on
            // `send_thing`, the content on `send_thing_content`.
            let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs").replace("( ", "(").replace(", )", ")");
            let media = headers.split_once(": ").unwrap().1;
            assert_eq!(
                tests.contains(&format!("graph_client::runtime::Content::new(request_body, {media:?})")),
                ops.len() == 2,
                "{headers}:\n{tests}"
            );
            assert!(tests.contains("SendThingBody"), "{headers}:\n{tests}");
            // Fluent: `things().by_id(id).send().post(body)` and, beside it,
            // `.post_content(content)`.
            let nav: String = files.iter().filter(|f| f.path.contains("/nav/")).map(|f| f.contents.as_str()).collect();
            assert!(nav.contains("pub fn post("), "{headers}:\n{nav}");
            assert_eq!(nav.contains("pub fn post_content("), ops.len() == 2, "{headers}:\n{nav}");
        }
    }

    #[test]
    fn parameters_held_under_a_name_are_sent_there() {
        // (the examples' wrapper, the struct sent and its field's type)
        let cases = [
            (r#"{"passwordCredential": {"displayName": "é 日本"}}"#, "pub password_credential: Field<ThingActPasswordCredential>,"),
            (r#"{"value": [{"displayName": "é"}, {"size": 2}]}"#, "pub value: Field<Vec<ThingActValue>>,"),
        ];
        for (body, field) in cases {
            let page = crate::fixtures::action(
                "/things/{id}/act",
                &[("displayName", "String"), ("size", "Int32")],
                &[
                    ("https://graph.microsoft.com/v1.0/things/1/act", body),
                    ("https://bot.contoso.com/api/calls", r#"{"value": [{"changeType": "x"}]}"#),
                ],
            );
            let files = crate::fixtures::emitted(&[("api/thing-act.md", &page)]);
            let op = crate::fixtures::file(&files, "src/v1_0/operations/thing_act.rs");
            assert!(op.contains("pub struct ThingActBody {"), "{op}");
            assert!(op.contains(field), "{field}\n{op}");
            assert!(op.contains("pub display_name: Field<String>,") && op.contains("pub size: Field<i32>,"), "{op}");
            assert!(op.contains("pub body: ThingActBody,"), "{op}");
            // The documented body reads back as the struct sent; the bot's
            // notification is not the operation's and is not read.
            let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs").replace("< ", "<");
            assert!(tests.contains("assert_round_trip::<graph_client::v1_0::operations::ThingActBody,"), "{tests}");
            assert_eq!(tests.matches("assert_round_trip::<").count(), 1, "{tests}");
        }
    }

    #[test]
    fn function_arguments_are_quoted_as_odata_writes_their_type() {
        // (parameter type, written in quotes): strings, GUIDs and enum
        // members are; numbers, booleans and dates are not.
        let function = |ty: &str| {
            let table =
                format!("## Function parameters\n|Parameter|Type|Description|\n|:---|:---|:---|\n|size|{ty}|The size (größe). é|\n\n## Response");
            crate::fixtures::get("/things/getRows", "thing", r#"{"id": "1"}"#).replacen("## Response", &table, 1)
        };
        for (ty, quoted) in [("String", true), ("Guid", true), ("sizeKind", true), ("Int32", false), ("Boolean", false), ("DateTimeOffset", false)] {
            let files = crate::fixtures::emitted(&[
                ("resources/thing.md", &crate::fixtures::resource("thing", None, &[("id", "String")])),
                ("resources/sizekind.md", &crate::fixtures::enumeration("sizeKind", &["small", "large"])),
                ("api/thing-getrows.md", &function(ty)),
            ]);
            let op = crate::fixtures::file(&files, "src/v1_0/operations/get_thing.rs");
            let want = if quoted { "FunctionArg::String(&self.size)" } else { "FunctionArg::Raw(&self.size)" };
            assert!(op.contains(want), "{ty}: expected {want} in\n{op}");
        }
    }

    #[test]
    fn query_parameters_the_paths_write_are_arguments_and_are_sent() {
        let path = "/things/{id}/view?startDateTime={start_datetime}&endDateTime={end_datetime}";
        let page = crate::fixtures::get(path, "thing", r#"{"value": [{"id": "1"}]}"#)
            .replace("a [thing](../resources/thing.md) object", "a collection of [thing](../resources/thing.md) objects")
            .replace(
                &format!("https://graph.microsoft.com/v1.0{path}"),
                "https://graph.microsoft.com/v1.0/things/1/view?$top=2&startdatetime=2021-01-01T00:00:00%2B01:00&endDateTime=é",
            );
        let files = crate::fixtures::emitted(&[
            ("resources/thing.md", &crate::fixtures::resource("thing", None, &[("id", "String")])),
            ("api/thing-view.md", &page),
        ]);
        let op = crate::fixtures::file(&files, "src/v1_0/operations/get_thing.rs");
        let nav = crate::fixtures::file(&files, "src/v1_0/nav/things.rs");
        let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs");
        // As printed, without the layout (and the commas it adds).
        let flat = |s: &str| s.split_whitespace().collect::<String>().replace(",)", ")").replace(",]", "]").replace(",}", "}");
        for (text, want) in [
            (&op, "pub start_date_time: String,"),
            (&op, "pub fn new(path: GetThingPath, start_date_time: impl Into<String>, end_date_time: impl Into<String>) -> Self"),
            (
                &op,
                r#"query_request_with(crate::runtime::Method::Get, crate::runtime::ApiVersion::V1_0, path, &[("startDateTime", self.start_date_time.as_str()), ("endDateTime", self.end_date_time.as_str())], &self.query, None::<&()>)"#,
            ),
            (&nav, "pub fn get(&self, start_date_time: impl Into<String>, end_date_time: impl Into<String>)"),
            (&nav, "GET /things/{id}/view?startDateTime={start_date_time}&endDateTime={end_date_time}`"),
            // The example's values, its name spelled as the paths spell it.
            (&tests, r#"GetThingPath::Things { id: "1".to_owned() }, "2021-01-01T00:00:00+01:00", "é",)"#),
            (&tests, r#"&[("startDateTime", "2021-01-01T00:00:00+01:00"), ("endDateTime", "é"), ("$top", "2")]"#),
            (&tests, r#".with_query(vec![("$top".to_owned(), "2".to_owned())].into())"#),
        ] {
            assert!(flat(text).contains(&flat(want)), "expected {want:?} in\n{text}");
        }
        // What is sent is no longer said to be unsent.
        assert!(!op.contains("which is not sent") && !nav.contains("which is not sent"), "{op}");
    }

    #[test]
    fn every_method_is_sent_as_written() {
        for (method, variant) in Method::ALL.into_iter().zip(["Get", "Post", "Put", "Patch", "Delete", "Head", "Options"]) {
            assert_eq!(method_ident(method).to_string().replace(' ', ""), format!("crate::runtime::Method::{variant}"));
        }
    }
}
