//! The documented examples → tests in the generated crate: every JSON body
//! round-trips through its type, and the client, against a local HTTP
//! server that expects the documented request, sends it and returns the
//! documented response as the typed value.

use super::naming::{Name, OperationNames};
use super::operation::{body_type, output, takes_content, OutputKind};
use super::rust_type::Paths;
use super::Context;
use crate::diagnostics::Diagnostic;
use crate::schema::{is_redirect, Source};
use crate::schema::{ApiVersion, DocumentedPath};
use crate::schema::{ExampleDef, OperationDef, ParameterDef};
use crate::template::{split_url, Part, PathTemplate};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use proc_macro2::TokenStream;
use quote::quote;

/// What the runtime encodes in a path segment (`runtime::fill_path`); the
/// expected paths here are computed independently, so a test fails if the
/// runtime's encoding drifts from what Graph's paths need.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The test crate's root: the helpers every test uses, and a module per
/// workload compiled under that workload's feature.
pub(super) fn main(krate: &Name, modules: &[(&Name, TokenStream)]) -> TokenStream {
    let path_helpers = super::path_tests::helpers(krate);
    let mods = modules.iter().map(|(m, cfg)| quote!(#cfg mod #m;));
    quote! {
        //! The documented examples, as tests: one module per workload.

        // With one workload enabled, the helpers may have no test to serve.
        #![allow(dead_code, unused_imports)]

        use #krate::runtime::testing::{assert_round_trip, json_equivalent};
        use wiremock::{matchers, Mock, MockServer, ResponseTemplate};

        /// Matches a request whose body is the documented one: the same
        /// bytes (content), or equivalent JSON.
        struct DocumentedBody(String);

        impl wiremock::Match for DocumentedBody {
            fn matches(&self, request: &wiremock::Request) -> bool {
                request.body == self.0.as_bytes()
                    || match (serde_json::from_str::<serde_json::Value>(&self.0), serde_json::from_slice::<serde_json::Value>(&request.body)) {
                        (Ok(documented), Ok(sent)) => json_equivalent(&documented, &sent),
                        _ => false,
                    }
            }
        }

        /// A server on localhost that expects exactly the documented request
        /// once, and answers with the documented response.
        async fn serve(method: &str, path: &str, body: Option<&str>, query: &[(&str, &str)], status: u16, answer: Option<(&str, &str)>) -> MockServer {
            let server = MockServer::start().await;
            let mut mock = Mock::given(matchers::method(method)).and(matchers::path(path)).and(matchers::header("authorization", "Bearer test-token"));
            if let Some(body) = body {
                mock = mock.and(DocumentedBody(body.to_owned()));
            }
            for (key, value) in query {
                mock = mock.and(matchers::query_param(*key, *value));
            }
            let answering = |status: u16| match answer {
                Some((body, content_type)) => ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
                None => ResponseTemplate::new(status),
            };
            if (300..400).contains(&status) {
                // A redirect, to the answer on the same server: the client follows it.
                let location = format!("{}/graphgen-redirected", server.uri());
                mock.respond_with(ResponseTemplate::new(status).insert_header("location", location.as_str())).expect(1).mount(&server).await;
                Mock::given(matchers::method("GET")).and(matchers::path("/graphgen-redirected")).respond_with(answering(200)).expect(1).mount(&server).await;
            } else {
                mock.respond_with(answering(status)).expect(1).mount(&server).await;
            }
            server
        }

        #path_helpers

        fn client(server: &MockServer) -> #krate::runtime::Client {
            #krate::runtime::Client::new(#krate::runtime::Cloud::Custom(server.uri()), "test-token")
        }

        fn assert_same_json<T: serde::Serialize>(output: &T, documented: &str) {
            let expected: serde_json::Value = serde_json::from_str(documented).unwrap();
            let actual = serde_json::to_value(output).unwrap();
            assert!(json_equivalent(&expected, &actual), "the client's value differs from the documented response\nexpected: {expected:#}\nactual:   {actual:#}");
        }

        #(#mods)*
    }
}

/// What every test of one module shares.
struct Module<'a> {
    version: ApiVersion,
    krate: &'a Name,
    module: &'a Name,
    paths: Paths,
    /// `krate::v1_0::operations::`.
    operations: TokenStream,
}

/// One operation as its tests see it, worked out once however many
/// examples it has (a page of 40,000 examples is not 40,000 looks at all).
struct Tested<'a> {
    op: &'a OperationDef,
    names: &'a OperationNames<'a>,
    body: Option<TokenStream>,
    output: (TokenStream, OutputKind),
    templates: Vec<&'a PathTemplate>,
}

/// The tests of one workload's operations.
pub(super) fn module(cx: &Context, ops: &[&OperationNames]) -> (TokenStream, Vec<Diagnostic>) {
    let (krate, module, version) = (cx.krate, &cx.names.module, cx.names.version);
    let m = Module { version, operations: quote!(#krate::#module::operations::), paths: Paths::outside(krate, module), module, krate };
    let mut tests = Vec::new();
    let mut diagnostics = Vec::new();
    for op_names in ops {
        let op = op_names.op;
        let tested = Tested {
            op,
            names: op_names,
            body: body_type(cx.names, op_names, &m.paths),
            output: output(op, cx.names, &m.paths),
            templates: op.paths.iter().map(|p| &p.template).collect(),
        };
        let body_kind = op.request_body.as_ref().map(|b| b.resolved.filter(|_| !b.collection).and_then(|id| cx.names.get(id)).map(|t| t.def.kind));
        tests.extend(super::path_tests::test(version, &m.operations, op_names, body_kind));
        for (ex, names) in op.examples.iter().zip(&op_names.tests.examples) {
            // Another service's exchange is not the operation's (the schema said so).
            if ex.goes_elsewhere() {
                continue;
            }
            tests.extend(round_trips(&tested, ex, names));
            match client_test(&m, &tested, ex, &names[2]) {
                Ok(Some(t)) => tests.push(t),
                Ok(None) => {}
                Err(message) => diagnostics.push(ex.source.warning("example-untestable", message)),
            }
        }
    }
    let tokens = quote! {
        use super::*;

        #(#tests)*
    };
    (tokens, diagnostics)
}

/// The round trips of an example's bodies, named `names[0]` (request) and `names[1]` (response).
fn round_trips(t: &Tested, ex: &ExampleDef, names: &[Name; 3]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    // Content is bytes: no JSON to read back.
    if let (Some(req), Some(ty), false) = (&ex.request, &t.body, takes_content(t.op)) {
        if let Some(body) = req.body.as_ref().filter(|_| req.fits_type) {
            out.push(round_trip_test(&names[0], ty, body, &ex.source));
        }
    }
    if let (Some(resp), (ty, OutputKind::Json | OutputKind::OptionalJson)) = (&ex.response, &t.output) {
        if let Some(body) = resp.body.as_ref().filter(|_| (200..300).contains(&resp.status) && resp.fits_type) {
            out.push(round_trip_test(&names[1], ty, body, &ex.source));
        }
    }
    out
}

/// A test that the documented body deserializes as `ty` and serializes back.
fn round_trip_test(name: &Name, ty: &TokenStream, body: &serde_json::Value, source: &Source) -> TokenStream {
    let json = serde_json::to_string_pretty(body).expect("JSON values serialize");
    let doc = format!(" {source}");
    quote! {
        #[doc = #doc]
        #[test]
        fn #name() {
            assert_round_trip::<#ty>(#json);
        }
    }
}

/// The values of a function call segment's arguments: `f(a='x',b=1)`.
fn function_arg_values(segment: &str) -> Vec<(String, String)> {
    let Some(open) = segment.find('(') else { return Vec::new() };
    let inner = segment[open + 1..].trim_end_matches(')');
    inner.split(',').filter_map(|pair| pair.split_once('=')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect()
}

/// A quoted argument's value as an example writes it: `'x'` is `x` (`''`
/// inside is `'`), and so is an enum member written with its type
/// (`microsoft.graph.timeZoneStandard'Iana'`), which the operation writes
/// `'Iana'`, as Kiota's SDKs do.
fn quoted_value(raw: &str) -> String {
    let typed = raw.find('\'').filter(|&at| {
        let prefix = &raw[..at];
        prefix.contains('.') && prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    });
    let raw = typed.map_or(raw, |at| &raw[at..]);
    raw.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).unwrap_or(raw).replace("''", "'")
}

/// The path the server must see, computed apart from the runtime: the
/// template with the example's values percent-encoded, then the function
/// arguments as `runtime::function_args` writes them. Also returns the
/// argument values the operation's fields take, unquoted.
fn expected_path(
    version: ApiVersion,
    template: &PathTemplate,
    values: &[String],
    url_params: &[(Name, &ParameterDef)],
    last_segment: &str,
) -> (String, Vec<String>) {
    let mut expected = format!("/{}", version.as_str());
    let mut values = values.iter().zip(template.quoted_params());
    for segment in &template.segments {
        expected.push('/');
        for part in &segment.parts {
            match part {
                Part::Literal(l) => expected.push_str(l),
                Part::Param(_) => {
                    let (value, quoted) = values.next().map_or((String::new(), false), |(v, q)| (v.clone(), q));
                    let value = if quoted { value.replace('\'', "''") } else { value };
                    expected.extend(utf8_percent_encode(&value, SEGMENT));
                }
            }
        }
    }
    // A path that writes its function's arguments has them already (the
    // operation's argument fields, there for its other paths, stay empty).
    if url_params.is_empty() || template.has_inline_args() {
        return (expected, vec![String::new(); url_params.len()]);
    }
    let args = function_arg_values(last_segment);
    let mut rendered = Vec::new();
    let mut url_values = Vec::new();
    for (_, p) in url_params {
        let raw = args.iter().find(|(k, _)| k == &p.name).map(|(_, v)| v.clone()).unwrap_or_default();
        let quoted = p.quoted;
        let value = if quoted { quoted_value(&raw) } else { raw.clone() };
        url_values.push(value.clone());
        // An argument the example does not give is not sent.
        if value.is_empty() {
            continue;
        }
        rendered.push(if quoted {
            format!("{}='{}'", p.name, utf8_percent_encode(&value.replace('\'', "''"), SEGMENT))
        } else {
            format!("{}={}", p.name, utf8_percent_encode(&value, SEGMENT))
        });
    }
    if !rendered.is_empty() {
        expected.push_str(&format!("({})", rendered.join(",")));
    }
    (expected, url_values)
}

fn client_test(m: &Module, t: &Tested, ex: &ExampleDef, name: &Name) -> Result<Option<TokenStream>, String> {
    let (op, op_names, krate, module) = (t.op, t.names, &m.krate, &m.module);
    let Some(req) = &ex.request else { return Ok(None) };
    let status = ex.response.as_ref().map_or(op.response.status, |r| r.status);
    // A body that does not fit its type was diagnosed already.
    let fits = req.fits_type && ex.response.as_ref().is_none_or(|r| r.fits_type);
    // A redirect is tested where the operation answers what it leads to.
    let followed = is_redirect(status) && t.output.1 == OutputKind::Bytes;
    if !((200..300).contains(&status) || followed) || !fits {
        return Ok(None);
    }
    let (version, url_path) = split_url(&req.url);
    // Every URL of Graph names its version; one on Graph's host that does
    // not is mistyped (`/v1/`). (Another service's was said by the schema.)
    if version.is_none() && (req.url.starts_with("https://") || req.url.starts_with("http://")) {
        return Err(format!(
            "the example request goes to {}, which names no API version (/v1.0 or /beta): a mistyped URL; no client test is emitted for it",
            req.url
        ));
    }
    let (path_part, query) = url_path.split_once('?').map_or((url_path, None), |(p, q)| (p, Some(q)));
    // A count (`/users/$count`) calls the listing's path it counts.
    let counted_path =
        |head: &str| t.templates.iter().zip(&op.paths).any(|(template, path)| op.counted.contains(&path.text) && template.match_path(head).is_some());
    let counted = crate::page::request_paths::counted_collection(path_part).filter(|head| counted_path(head));
    let path_part = counted.unwrap_or(path_part);
    // An example URL's query is percent-encoded; the operation takes it plain.
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
    let mut query_pairs: Vec<(String, String)> = query
        .map(|q| {
            q.split('&')
                .filter(|s| !s.is_empty())
                .map(|kv| kv.split_once('=').map_or((decode(kv), String::new()), |(k, v)| (decode(k), decode(v))))
                .collect()
        })
        .unwrap_or_default();
    // The path whose query the example writes, before one it does not.
    let matching: Vec<(usize, Vec<String>)> =
        t.templates.iter().enumerate().filter_map(|(i, template)| template.match_path(path_part).map(|v| (i, v))).collect();
    let written = |i: usize| {
        op_names.variants[i].query_template.as_ref().is_some_and(|(q, _)| crate::schema::QueryTemplate::values_in(q, &query_pairs).is_some())
    };
    let chosen = matching.iter().position(|(i, _)| written(*i)).unwrap_or(0);
    let Some((index, values)) = matching.into_iter().nth(chosen) else {
        return Err(format!(
            "the example URL {} matches none of the operation's request paths ({}); no client test is emitted for it",
            req.url,
            op.paths.iter().map(DocumentedPath::as_str).collect::<Vec<_>>().join(", ")
        ));
    };
    let body_ty = &t.body;
    let content = takes_content(op);
    if body_ty.is_some() && req.body.is_none() && !content {
        return Err("the operation takes a JSON body but the example request has none; no client test is emitted for it".to_owned());
    }
    // An example URL is a URL: its parameter values are percent-encoded.
    // Inside quotes a `'` is written `''`: the field holds the value itself.
    let values: Vec<String> = values
        .iter()
        .zip(t.templates[index].quoted_params())
        .map(|(v, quoted)| {
            let v = percent_decode_str(v).decode_utf8_lossy().into_owned();
            if quoted {
                v.replace("''", "'")
            } else {
                v
            }
        })
        .collect();
    let url_params = &op_names.url_fields;
    let (mut expected, url_values) = expected_path(m.version, t.templates[index], &values, url_params, path_part.rsplit('/').next().unwrap_or(""));
    if counted.is_some() {
        expected.push_str("/$count");
    }
    // The values of the query the path sends, from the example's.
    let variant = &op_names.variants[index];
    let mut sent: Vec<(String, String)> = Vec::new();
    let template_args: Vec<String> = match &variant.query_template {
        None => Vec::new(),
        Some((q, params)) => {
            let Some((args, pairs)) = crate::schema::QueryTemplate::values_in(q, &query_pairs) else {
                return Err(format!("the example URL {} does not write the query `{q}` its path sends; no client test is emitted for it", req.url));
            };
            query_pairs.retain(|p| !pairs.contains(p));
            // What the server must see: the query filled with the example's
            // values (a URL's segment encoded, though the example may write
            // a placeholder there as it is).
            // (`args` are in the order of `params`: the placeholders' first.)
            let value = |name: &str| params.iter().position(|(p, _)| p == name).map(|i| args[i].clone()).unwrap_or_default();
            sent = super::path_tests::expected_query(q, value);
            args
        }
    };
    // The operation's own query parameters are its arguments, taken from
    // the example's query (the name without case); it sends them as its
    // paths spell them, and the server sees them so.
    let query_args: Vec<String> = op_names
        .query_fields
        .iter()
        .map(|(_, q)| match query_pairs.iter().position(|(k, _)| k.eq_ignore_ascii_case(&q.name)) {
            Some(at) => query_pairs.remove(at).1,
            None => String::new(),
        })
        .collect();
    sent.extend(op_names.query_fields.iter().zip(&query_args).filter(|(_, v)| !v.is_empty()).map(|((_, q), v)| (q.name.clone(), v.clone())));
    let (ident, path_enum) = (&op_names.primary, &op_names.path_enum);
    let variant_ident = &variant.name;
    let path_idents: Vec<_> = variant.params.iter().map(|(_, f)| f).collect();
    let template_idents: Vec<_> = variant.query_fields().collect();
    // A variant without parameters is a unit variant.
    let path_value = if path_idents.is_empty() && template_idents.is_empty() {
        quote!(#krate::#module::operations::#path_enum::#variant_ident)
    } else {
        quote!(#krate::#module::operations::#path_enum::#variant_ident { #(#path_idents: #values.to_owned(),)* #(#template_idents: #template_args.to_owned(),)* })
    };
    let query_keys2 = query_pairs.iter().map(|(k, _)| k);
    let query_values2 = query_pairs.iter().map(|(_, v)| v);
    let query_keys = sent.iter().chain(&query_pairs).map(|(k, _)| k);
    let query_values = sent.iter().chain(&query_pairs).map(|(_, v)| v);
    let method = op.method.as_str();
    let req_json = req.body.as_ref().map(|b| serde_json::to_string_pretty(b).expect("JSON values serialize"));
    let (body_field, request_body, body_arg) = match (body_ty, &req_json) {
        // Content is the example's body as written, whatever it is.
        (Some(_), _) if content => match req.body_text.clone().or(req_json) {
            Some(bytes) => {
                let media = crate::schema::content_type(&req.headers).unwrap_or_default();
                (quote!(#krate::runtime::Content::new(request_body, #media)), quote!(let request_body = #bytes;), quote!(Some(request_body)))
            }
            // Sent without a body, as the example is.
            None => (quote!(#krate::runtime::Content::default()), quote!(), quote!(None)),
        },
        (Some(_), Some(json)) => (
            // Read as bytes, as responses are (see `assert_round_trip`).
            quote!(serde_json::from_slice(request_body.as_bytes()).expect("the documented body fits the body type")),
            quote!(let request_body = #json;),
            quote!(Some(request_body)),
        ),
        _ => (quote!(), quote!(), quote!(None)),
    };
    let kind = t.output.1;
    let resp = ex.response.as_ref();
    let (response_body, answer, check) = match (kind, resp.and_then(|r| r.body.as_ref()), resp.and_then(|r| r.body_text.as_ref())) {
        // A count is a number in plain text.
        _ if counted.is_some() => {
            let text = resp.and_then(|r| r.body_text.clone().or_else(|| r.body.as_ref().map(|b| b.to_string()))).unwrap_or_default();
            let Ok(number) = text.trim().parse::<u64>() else {
                return Err(format!("the example's count `{}` is no number; no client test is emitted for it", text.trim()));
            };
            let number = proc_macro2::Literal::u64_suffixed(number);
            (quote!(let response_body = #text;), quote!(Some((response_body, "text/plain"))), quote!(assert_eq!(output, #number);))
        }
        (OutputKind::Json | OutputKind::OptionalJson, Some(json), _) => {
            let json = serde_json::to_string_pretty(json).expect("JSON values serialize");
            (quote!(let response_body = #json;), quote!(Some((response_body, "application/json"))), quote!(assert_same_json(&output, response_body);))
        }
        (OutputKind::Bytes, json, text) => {
            // A stream is bytes, whatever the example shows in it. Where a
            // redirect leads, the docs show nothing: any bytes do.
            let shown = text.cloned().or_else(|| json.map(|j| serde_json::to_string_pretty(j).expect("JSON values serialize")));
            let text = shown.unwrap_or_else(|| if followed { "what the redirect leads to: é, 節, 🙂" } else { "" }.to_owned());
            (
                quote!(let response_body = #text;),
                quote!(Some((response_body, "application/octet-stream"))),
                quote!(assert_eq!(output, response_body.as_bytes());),
            )
        }
        (OutputKind::OptionalJson, None, _) => (quote!(), quote!(None), quote!(assert!(output.is_none(), "an empty answer is no value");)),
        (OutputKind::Json, None, _) => {
            return Err("the example has no JSON response body to answer with; no client test is emitted for it".to_owned())
        }
        _ => (quote!(), quote!(None), quote!()),
    };
    let operation = quote! {
        #krate::#module::operations::#ident::new(#path_value, #(#url_values,)* #(#query_args,)* #body_field)
            .with_query(vec![#((#query_keys2.to_owned(), #query_values2.to_owned())),*].into())
    };
    let operation = if counted.is_some() { quote!(#krate::runtime::Count(#operation)) } else { operation };
    let send = quote!(client(&server).send(&operation).await.expect("the client sends the documented request"));
    // An empty response has nothing to compare: the call succeeding is the test.
    let outcome = if check.is_empty() { quote!(#send;) } else { quote!(let output = #send; #check) };
    let doc = format!(" {}", ex.source);
    Ok(Some(quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #name() {
            #request_body
            #response_body
            let server = serve(#method, #expected, #body_arg, &[#((#query_keys, #query_values)),*], #status, #answer).await;
            let operation = #operation;
            #outcome
        }
    }))
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{get, resource};

    #[test]
    fn a_quoted_arguments_value_is_read_as_odata_writes_it() {
        let cases = [
            ("'a''b'", "a'b"),
            ("microsoft.graph.timeZoneStandard'Iana'", "Iana"),
            ("'日本'", "日本"),
            ("''", ""),
            // Not quoted, or not a type's name before the quote.
            ("plain", "plain"),
            ("it's", "it's"),
            ("a b.c'd'", "a b.c'd'"),
        ];
        for (raw, value) in cases {
            assert_eq!(super::quoted_value(raw), value, "{raw}");
        }
    }

    #[test]
    fn an_example_no_client_test_can_make_is_said_with_why() {
        // (the example's URL, what is said of it; "" for a client test)
        let cases = [
            // Another service's exchange is said by the schema, not here.
            ("https://bot.contoso.com/callback", "example-other-service"),
            ("https://graph.microsoft.com/v1/things/1", "names no API version (/v1.0 or /beta): a mistyped URL"),
            ("https://graph.microsoft.com/v1.0/others/1", "matches none of the operation's request paths (/things/{id})"),
            ("https://graph.microsoft.com/V1.0/things/é", ""),
            ("/things/1", ""),
        ];
        for (url, want) in cases {
            let page = get("/things/{id}", "thing", r#"{"id": "1"}"#).replace("https://graph.microsoft.com/v1.0/things/{id}", url);
            let read: Vec<_> = [("resources/thing.md", resource("thing", None, &[("id", "String")])), ("api/thing-get.md", page)]
                .iter()
                .map(|(file, text)| crate::read_page_text(file, text, None))
                .collect();
            let schema = crate::schema::build(&read);
            let (files, diagnostics) = crate::emit_crate(&schema, &Default::default());
            let said: Vec<_> = diagnostics.iter().filter(|d| d.code == "example-untestable").map(|d| d.message.as_str()).collect();
            let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs");
            let elsewhere = schema.diagnostics.iter().filter(|d| d.code == "example-other-service").count();
            assert_eq!(elsewhere, usize::from(want == "example-other-service"), "{url}");
            match want {
                "" => assert!(said.is_empty() && tests.contains("get_thing_example_1_client"), "{url}: {said:?}"),
                "example-other-service" => assert!(said.is_empty() && !tests.contains("get_thing_example_1"), "{url}: {said:?}"),
                _ => assert!(said.len() == 1 && said[0].contains(want) && !tests.contains("get_thing_example_1_client"), "{url}: {said:?}"),
            }
        }
    }

    #[test]
    fn a_listing_whose_count_an_example_shows_can_be_counted() {
        let count = "### Request\n```http\nGET https://graph.microsoft.com/v1.0/things/$count?$filter=startswith(name,'é')\nConsistencyLevel: eventual\n```\n\n### Response\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n893\n```\n";
        let listing = |returns: &str| {
            format!("{}\n{count}", get("/things", "thing", r#"{"value": [{"id": "1"}]}"#).replace("a [thing](../resources/thing.md) object", returns))
        };
        // (what the page returns, whether `count()` is offered)
        for (returns, counted) in
            [("a collection of [thing](../resources/thing.md) objects", true), ("a [thing](../resources/thing.md) object", false)]
        {
            let read: Vec<_> = [("resources/thing.md", resource("thing", None, &[("id", "String")])), ("api/thing-list.md", listing(returns))]
                .iter()
                .map(|(file, text)| crate::read_page_text(file, text, None))
                .collect();
            let (files, diagnostics) = crate::emit_crate(&crate::schema::build(&read), &Default::default());
            let nav = crate::fixtures::file(&files, "src/v1_0/nav/things.rs");
            let tests = crate::fixtures::file(&files, "tests/examples_v1_0/users.rs");
            let said: Vec<_> = diagnostics.iter().filter(|d| d.code == "example-untestable").map(|d| d.message.as_str()).collect();
            if counted {
                for want in [
                    "pub fn count(",
                    "-> crate::runtime::Call<crate::runtime::Count<crate::v1_0::operations::GetThing>>",
                    "/// The number of items `get()` lists",
                ] {
                    assert!(nav.contains(want), "expected {want:?} in\n{nav}");
                }
                assert!(said.is_empty(), "{said:?}");
                for want in [
                    r#"serve( "GET", "/v1.0/things/$count", None, &[("$filter", "startswith(name,'é')")]"#,
                    "graph_client::runtime::Count(",
                    "assert_eq!(output, 893u64)",
                ] {
                    assert!(tests.contains(want), "expected {want:?} in\n{tests}");
                }
            } else {
                assert!(!nav.contains("fn count"), "{nav}");
                assert!(said.len() == 1 && said[0].contains("/things/$count"), "{said:?}");
            }
        }
    }
}
