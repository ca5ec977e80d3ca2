//! The official SDKs' chains, in Rust: for every v1.0 example whose request
//! has a C# snippet (`includes/snippets/csharp/*.md`), the same path
//! segments as a fluent chain of the crate generated from all of v1.0
//! (`.Users["id"].Messages.Request().GetAsync()` →
//! `.users().by_id(id).messages().get()`), compiled and run: it must build
//! the example's method and path. The share of snippets covered is
//! printed, and the rest are listed by cause.
//!
//! It builds the crate of all of v1.0, so `.ci/run` runs it (with
//! `SDK_CHAINS_CRATE` naming that crate's folder) before the crate's own tests.

use graphgen::schema::{DocumentedPath, Method, OperationDef, ParameterDef, QueryTemplate, Schema, TypeKind, TYPED_ARGUMENT_PRIMITIVES};
use graphgen_tests::{needed_corpus, schema_of};
use std::collections::BTreeMap;
use std::path::Path;

/// One element of a C# chain after `graphClient`.
#[derive(Clone, Debug, PartialEq)]
enum Element {
    /// `.Name`
    Property(String),
    /// `["key"]`
    Index,
    /// `.Name(args)`
    Call(String),
}

/// A C# snippet's request chain and its terminal verb (`GetAsync` → GET).
#[derive(Debug, PartialEq)]
struct Chain {
    elements: Vec<Element>,
    method: &'static str,
}

/// Reads `graphClient.A.B["x"].C(y).Request()...VerbAsync(...)`.
fn csharp_chain(snippet: &str) -> Result<Chain, String> {
    let start = snippet.find("graphClient.").ok_or("no graphClient chain")? + "graphClient".len();
    let text = &snippet[start..];
    let end = text.find(".Request(").ok_or("no .Request() in the chain")?;
    let (chain, rest) = text.split_at(end);
    let method =
        [("GetAsync", "GET"), ("PostAsync", "POST"), ("AddAsync", "POST"), ("UpdateAsync", "PATCH"), ("PutAsync", "PUT"), ("DeleteAsync", "DELETE")]
            .iter()
            .filter_map(|(verb, method)| rest.find(&format!(".{verb}(")).or_else(|| rest.find(&format!(".{verb}<"))).map(|at| (at, *method)))
            .min()
            .map(|(_, m)| m)
            .ok_or("no known terminal (GetAsync, PostAsync, AddAsync, UpdateAsync, PutAsync, DeleteAsync)")?;
    let mut elements = Vec::new();
    let chars: Vec<char> = chain.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '.' => {
                // `.$count`: some snippets write OData's segment as a name.
                let name: String = chars[i + 1..].iter().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '$')).collect();
                i += 1 + name.chars().count();
                if chars.get(i) == Some(&'(') {
                    i = skip_balanced(&chars, i, '(', ')');
                    elements.push(Element::Call(name));
                } else {
                    elements.push(Element::Property(name));
                }
            }
            '[' => {
                i = skip_balanced(&chars, i, '[', ']');
                elements.push(Element::Index);
            }
            c if c.is_whitespace() => i += 1,
            c => return Err(format!("unexpected {c:?} in the chain")),
        }
    }
    Ok(Chain { elements, method })
}

/// The index after the bracket that closes the one at `open`, skipping strings.
fn skip_balanced(chars: &[char], open: usize, left: char, right: char) -> usize {
    let (mut depth, mut in_string, mut i) = (0, false, open);
    while i < chars.len() {
        match chars[i] {
            '"' => in_string = !in_string,
            '\\' if in_string => i += 1,
            c if c == left && !in_string => depth += 1,
            c if c == right && !in_string => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// Snake case as the generated crate's methods have it (the C# name is
/// the segment's, capitalized).
fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase() || p.is_ascii_digit() || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !out.ends_with('_') {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    let out = out.trim_matches('_').to_owned();
    // Rust's keywords take a `_`, as the crate's names do.
    const KEYWORDS: &[&str] = &[
        "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
        "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual",
        "yield", "try", "gen",
    ];
    if KEYWORDS.contains(&out.as_str()) {
        format!("{out}_")
    } else {
        out
    }
}

/// An example URL's path below its version, without the query.
fn url_path(url: &str) -> &str {
    let path = match url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    };
    let path = path.split('?').next().unwrap_or("");
    for version in ["/v1.0", "/beta"] {
        // Some examples write `V1.0`.
        match path.get(..version.len()).filter(|head| head.eq_ignore_ascii_case(version)).map(|_| &path[version.len()..]) {
            Some("") => return "/",
            Some(rest) if rest.starts_with('/') => return rest,
            _ => {}
        }
    }
    path
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What `runtime::fill_path` encodes: all but unreserved characters.
fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

fn is_placeholder(segment: &str) -> bool {
    let s = segment.trim_end_matches(':');
    (s.starts_with('{') && s.ends_with('}')) || (s.starts_with('<') && s.ends_with('>'))
}

/// `name(a='x',b=2)` → [("a", "'x'"), ("b", "2")].
fn call_args(segment: &str) -> Vec<(String, String)> {
    let Some(open) = segment.find('(') else { return Vec::new() };
    let inner = segment[open + 1..].trim_end_matches(')');
    inner.split(',').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect()
}

/// An argument's value as written: `'x'` is `x` (`''` inside is `'`), and so
/// is an enum member written with its type, `microsoft.graph.zone'x'`.
fn unquote(v: &str) -> String {
    let v = decode(v);
    let qualified = v.find('\'').filter(|&at| {
        let prefix = &v[..at];
        prefix.contains('.') && prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    });
    let v = qualified.map_or(v.clone(), |at| v[at..].to_owned());
    match v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(inner) => inner.replace("''", "'"),
        None => v,
    }
}

/// A function's argument as the crate takes it, for the value `text` an
/// example gives: (the Rust expression, the text the URL then writes). The
/// crate types the numbers, booleans, timestamps and enum members its
/// parameters table types; the rest, or a parameter the table does not
/// list, is text. A text that is no value of its type is why there is no chain.
fn argument(schema: &Schema, p: Option<&ParameterDef>, text: &str) -> Result<(String, String), String> {
    let Some(p) = p.filter(|p| !p.collection) else { return Ok((format!("{text:?}"), text.to_owned())) };
    let no_value = || match text {
        "" => format!("the example does not give `{}` ({}), which the crate's method takes", p.name, p.type_name),
        _ => format!("the example gives `{text}` for `{}`, which is no {}", p.name, p.type_name),
    };
    match p.type_name.as_str() {
        "Edm.Int32" | "Edm.Int64" | "Edm.Int16" | "Edm.Byte" | "Edm.SByte" => {
            let n: i64 = text.parse().map_err(|_| no_value())?;
            Ok((n.to_string(), n.to_string()))
        }
        "Edm.Double" | "Edm.Single" | "Edm.Decimal" => {
            let x: f64 = text.parse().map_err(|_| no_value())?;
            Ok((format!("{x:?}_f64"), serde_json::Value::from(x).to_string()))
        }
        "Edm.Boolean" => match text {
            "true" | "false" => Ok((text.to_owned(), text.to_owned())),
            _ => Err(no_value()),
        },
        _ if text.is_empty() && typed(schema, p) => Err(no_value()),
        "Edm.DateTimeOffset" => Ok((format!("graph_client::runtime::DateTimeOffset({text:?}.to_owned())"), text.to_owned())),
        _ if typed(schema, p) => Ok((format!("serde_json::from_value(serde_json::Value::String({text:?}.to_owned())).unwrap()"), text.to_owned())),
        _ => Ok((format!("{text:?}"), text.to_owned())),
    }
}

/// Whether the crate takes a parameter as more than text (see `argument`).
fn typed(schema: &Schema, p: &ParameterDef) -> bool {
    let typed_primitive = TYPED_ARGUMENT_PRIMITIVES.contains(&p.type_name.as_str());
    !p.collection && (typed_primitive || p.resolved.is_some_and(|id| schema.get(id).kind == TypeKind::Enum))
}

/// A path's segments, an item's path (`root:/a/b.txt:`) one segment.
fn url_segments(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let (mut opener, mut collecting) = (false, false);
    for s in path.split('/').filter(|s| !s.is_empty()) {
        if collecting {
            let last = out.last_mut().expect("an item path was begun");
            last.push('/');
            last.push_str(s);
            collecting = !s.ends_with(':');
            continue;
        }
        out.push(s.to_owned());
        if opener {
            opener = false;
            collecting = !s.ends_with(':');
        } else {
            opener = s.ends_with(':');
        }
    }
    out
}

/// The operation's documented path that the example's path is an instance of.
/// With `counted`, only a path whose `$count` the docs show. And whether
/// that path documents a query (`/users?$expand=manager`).
fn matching_template<'o>(op: &'o OperationDef, segments: &[&str], counted: bool) -> Option<(Vec<&'o str>, bool, &'o DocumentedPath)> {
    // Of the paths it matches, the one that writes the most of it literally
    // (`/applications/delta` is the delta function, not a key `delta`).
    let mut matching: Vec<(Vec<&'o str>, bool, &'o DocumentedPath)> = op
        .paths
        .iter()
        .filter(|p| !counted || op.counted.iter().any(|c| c == p.as_str()))
        .map(|p| {
            // A query of parameters the call asks for (`startDateTime={start}`) is sent.
            let asked = |pair: &str| {
                pair.split_once('=')
                    .is_some_and(|(k, v)| k.starts_with(char::is_alphabetic) && v.starts_with('{') && v.ends_with('}') && v.matches('{').count() == 1)
            };
            let (path, query) = p.as_str().split_once('?').map_or((p.as_str(), false), |(path, q)| (path, !q.split('&').all(asked)));
            (template_segments(path), query, p)
        })
        .filter(|(t, _, _)| {
            t.len() == segments.len()
                && t.iter().zip(segments).all(|(t, s)| {
                    // A segment's closing `:` (`root:`) is part of what it is.
                    (is_placeholder(t) && t.ends_with(':') == s.ends_with(':'))
                        || t.eq_ignore_ascii_case(s)
                        || ((t.contains('(') || s.contains('('))
                            && t.split('(').next().unwrap_or("").eq_ignore_ascii_case(s.split('(').next().unwrap_or("")))
                })
        })
        .collect();
    matching.sort_by_key(|(t, _, _)| std::cmp::Reverse(literal_segments(t)));
    matching.into_iter().next()
}

/// Whether the docs give a segment of a function's name without arguments
/// after this prefix, in `op`'s version (`range` beside
/// `range(address='{address}')`).
fn segment_beside(schema: &Schema, op: &OperationDef, prefix: &[&str], name: &str) -> bool {
    let same = |a: &str, b: &str| (is_placeholder(a) && is_placeholder(b)) || a.eq_ignore_ascii_case(b);
    schema.operations.iter().filter(|o| o.api_version == op.api_version).flat_map(|o| &o.paths).any(|p| {
        let t = template_segments(p.as_str().split('?').next().unwrap_or(""));
        t.len() > prefix.len() && t[prefix.len()].trim_end_matches("()").eq_ignore_ascii_case(name) && t.iter().zip(prefix).all(|(a, b)| same(a, b))
    })
}

/// A documented path's segments as `url_segments` splits an example's
/// (`root:/{item-path}:` one segment), borrowed from the path.
fn template_segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path.trim_start_matches('/');
    for segment in url_segments(path) {
        let len = segment.len().min(rest.len());
        out.push(&rest[..len]);
        rest = rest[len..].trim_start_matches('/');
    }
    out
}

fn literal_segments(template: &[&str]) -> usize {
    template.iter().filter(|s| !is_placeholder(s)).count()
}

/// Why a snippet has no chain when its example's URL is none of the
/// documented request paths (the docs' syntax sections), which are all the
/// crate walks.
const NO_PATH: &str = "the example URL is no documented path";

/// The Rust chain (after `client.v1_0()`) for a C# chain on an example's
/// URL, and the path it must build; or why there is none.
fn rust_chain(chain: &Chain, schema: &Schema, own: &OperationDef, method: Method, url: &str) -> Result<(String, String), String> {
    let segments = url_segments(url_path(url));
    let mut segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    // A count (`.Members.Count`, `/members/$count`) is the listing's path,
    // and the listing's `count()` in place of its method.
    let mut elements = chain.elements.as_slice();
    let counted = segments.last().is_some_and(|s| s.eq_ignore_ascii_case("$count"))
        && matches!(elements.last(), Some(Element::Property(name)) if name == "Count" || name == "$count");
    if counted {
        segments.pop();
        elements = &elements[..elements.len() - 1];
    }
    // The chain reaches the node of the path; its method names the first
    // operation (in schema order) documented there with this method, as
    // the crate names it: the example's own, or one that sends the same.
    let candidates: Vec<_> = schema
        .operations
        .iter()
        .filter(|o| o.api_version == own.api_version && o.method == method)
        .filter_map(|o| matching_template(o, &segments, counted).map(|t| (o, t)))
        .collect();
    // As the crate names them: the bare verb goes to an operation on the
    // path as written (its segments' parentheses as the URL's), before one
    // that documents it with a query, to one
    // whose page types the body it sends before one whose page does not,
    // then to the workload with the most operations under the path's
    // first segment.
    let most_literal = candidates.iter().map(|(_, (t, _, _))| literal_segments(t)).max().ok_or(NO_PATH)?;
    let mut candidates: Vec<_> = candidates.into_iter().filter(|(_, (t, _, _))| literal_segments(t) == most_literal).collect();
    let first = |path: &str| path.trim_start_matches('/').split(['/', '?']).next().unwrap_or("").to_lowercase();
    let here = segments.first().map(|s| s.to_lowercase()).unwrap_or_default();
    let reach = |o: &OperationDef| {
        let ours = |p: &&OperationDef| p.api_version == o.api_version && p.workload == o.workload;
        schema.operations.iter().filter(ours).filter(|p| p.paths.iter().any(|x| first(x.as_str()) == here)).count()
    };
    let untyped_body = |o: &OperationDef| matches!(o.method, Method::Post | Method::Patch | Method::Put) && o.request_body.is_none();
    // A segment written as the URL writes it (`range`, not `range(address=..)`
    // for `/range`) is the node the URL's segments walk to.
    let unlike = |t: &[&str]| t.iter().zip(&segments).filter(|(t, s)| t.contains('(') != s.contains('(')).count();
    candidates.sort_by_key(|(o, (t, query, _))| (unlike(t), *query, untyped_body(o), std::cmp::Reverse(reach(o))));
    let (op, (template, _, documented)) = candidates.into_iter().next().ok_or(NO_PATH)?;
    let version = op.api_version.to_string();
    let mut rust = format!(".{}()", version.replace('.', "_"));
    let mut expected = format!("/{version}");
    let mut i = 0;
    for e in elements {
        let segment = *segments.get(i).ok_or("the C# chain is longer than the URL")?;
        let tsegment = template[i];
        match e {
            Element::Property(name) | Element::Call(name) if name == "ItemWithPath" => {
                // `root:/a/b.txt:`: the path, up to the segment that closes it.
                rust.push_str(&format!(".item_with_path({:?})", decode(segment.trim_end_matches(':'))));
                expected.push_str(&format!(":/{}:", encode(&decode(segment.trim_end_matches(':')))));
                i += 1;
                continue;
            }
            // A key the docs write as a placeholder, whatever the C# SDK
            // calls it (`.Branding.BannerLogo` on `/branding/{property name}`).
            Element::Property(_) | Element::Index if is_placeholder(tsegment) => {
                let value = decode(segment.trim_end_matches(':'));
                rust.push_str(&format!(".by_id({value:?})"));
                expected.push('/');
                expected.push_str(&encode(&value));
            }
            // A key the docs write literally (`/mailFolders/inbox`): its own method.
            Element::Index => {
                let lit = tsegment.trim_end_matches(':');
                rust.push_str(&format!(".{}()", snake(lit)));
                expected.push('/');
                expected.push_str(lit);
            }
            Element::Property(name) => {
                let lit = segment.trim_end_matches(':');
                // The C# SDK's names for OData's `$` segments.
                let renamed = matches!((name.as_str(), lit), ("Reference" | "References", "$ref") | ("Content", "$value") | ("Count", "$count"));
                if !lit.eq_ignore_ascii_case(name) && !renamed {
                    return Err(format!("the C# chain's `{name}` is not the URL's `{segment}`"));
                }
                // The example's own chain names a segment as its URL writes
                // it (`/transitivemembers`): it is called as the docs write it.
                let own = name == lit && lit.eq_ignore_ascii_case(tsegment.trim_end_matches(':'));
                let lit = if own { tsegment.trim_end_matches(':') } else { lit };
                // A type cast (`microsoft.graph.room`) is Kiota's `graph_room()`.
                let method = match lit.get(..16).filter(|head| head.eq_ignore_ascii_case("microsoft.graph.")) {
                    Some(_) => format!("graph_{}", snake(&lit[16..])),
                    None => snake(if renamed || own { lit } else { name }),
                };
                rust.push_str(&format!(".{method}()"));
                expected.push('/');
                expected.push_str(tsegment.trim_end_matches(':'));
            }
            Element::Call(name) => {
                if !segment.split('(').next().unwrap_or("").eq_ignore_ascii_case(name) {
                    return Err(format!("the C# chain's `{name}(..)` is not the URL's `{segment}`"));
                }
                let template_args = call_args(tsegment);
                let written = template_args.iter().filter(|(_, v)| v.contains('{') || v.contains('<')).count();
                if !tsegment.contains('(') || (written == 0 && !template_args.is_empty()) {
                    // An action, or a function whose arguments the docs write as values.
                    let lit = if tsegment.contains('(') { snake(tsegment) } else { snake(name) };
                    rust.push_str(&format!(".{lit}()"));
                    expected.push('/');
                    expected.push_str(tsegment);
                } else {
                    let url_args = call_args(segment);
                    let mut args = Vec::new();
                    let mut written_segment = format!("{}(", tsegment.split('(').next().unwrap_or(""));
                    for (n, (k, v)) in template_args.iter().enumerate() {
                        if n > 0 {
                            written_segment.push(',');
                        }
                        written_segment.push_str(&format!("{k}="));
                        if v.contains('{') || v.contains('<') {
                            let given = url_args
                                .iter()
                                .find(|(uk, _)| uk.eq_ignore_ascii_case(k))
                                .map(|(_, v)| unquote(v))
                                .filter(|v| !v.is_empty())
                                .ok_or_else(|| format!("the example URL does not give `{k}`, which its documented path writes"))?;
                            let declared = op.url_parameters.iter().find(|p| p.name.eq_ignore_ascii_case(k));
                            let (arg, given) = argument(schema, declared, &given)?;
                            let quoted = v.starts_with('\'');
                            let enc = encode(&if quoted { given.replace('\'', "''") } else { given.clone() });
                            written_segment.push_str(&if quoted { format!("'{enc}'") } else { enc });
                            args.push(arg);
                        } else {
                            written_segment.push_str(v);
                        }
                    }
                    written_segment.push(')');
                    // Beside a segment of its name, a function is named by its
                    // parameters too, as Kiota names it (`range_with_address`).
                    let head = tsegment.split('(').next().unwrap_or("");
                    let method = if segment_beside(schema, op, &template[..i], head) {
                        let params = template_args.iter().filter(|(_, v)| v.contains('{') || v.contains('<')).map(|(k, _)| snake(k));
                        std::iter::once(snake(head)).chain(params).collect::<Vec<_>>().join("_with_")
                    } else {
                        snake(head)
                    };
                    rust.push_str(&format!(".{method}({})", args.join(", ")));
                    expected.push('/');
                    expected.push_str(&written_segment);
                }
            }
        }
        i += 1;
    }
    if i != segments.len() {
        return Err(format!("the C# chain stops after {i} of the URL's {} segments", segments.len()));
    }
    // A function whose arguments its path does not write takes them at the end.
    // A function whose path does not write its arguments takes them at
    // the end; one the example does not give is empty (not sent).
    let url_args = call_args(segments.last().unwrap_or(&""));
    // (A parameter that is a placeholder of a query its paths send is that
    // query's value, given below.)
    let sent_placeholders: Vec<String> = op.paths.iter().filter_map(DocumentedPath::sent_query).flat_map(|q| q.placeholders).collect();
    let function_parameters: Vec<_> = op.url_parameters.iter().filter(|p| !sent_placeholders.iter().any(|q| snake(q) == snake(&p.name))).collect();
    // Arguments the docs say are optional are given by the verb's
    // `_with_` method (`get_with_token(..)`), and left out of the verb.
    let mut with_optional = String::new();
    let terminal_args: Vec<String> = if !template.last().unwrap_or(&"").contains('(') {
        // (the Rust argument, the text written; an empty one is not given)
        let given: Vec<(String, String)> = function_parameters
            .iter()
            .map(|p| match url_args.iter().find(|(k, _)| k == &p.name).map(|(_, v)| unquote(v)).filter(|v| !v.is_empty()) {
                Some(v) => argument(schema, Some(p), &v),
                // Left out of the verb, or of the call when it is text.
                None if p.optional || !typed(schema, p) => Ok(("\"\"".to_owned(), String::new())),
                None => argument(schema, Some(p), ""),
            })
            .collect::<Result<_, _>>()?;
        let optional: Vec<String> = function_parameters.iter().filter(|p| p.optional).map(|p| snake(&p.name)).collect();
        let optional_given = function_parameters.iter().zip(&given).any(|(p, (_, v))| p.optional && !v.is_empty());
        // Where the request lines write sets of arguments, the set the
        // example gives is a `_with_` method of its own, taking them in the
        // set's order (`get_with_width_and_height(640, 480)`).
        let mut in_order: Option<Vec<usize>> = None;
        if optional_given && !counted && !op.argument_sets.is_empty() {
            let named: Vec<&str> = function_parameters.iter().zip(&given).filter(|(_, (_, v))| !v.is_empty()).map(|(p, _)| p.name.as_str()).collect();
            let set = op
                .argument_sets
                .iter()
                .find(|set| set.len() == named.len() && set.iter().all(|n| named.contains(&n.as_str())))
                .ok_or_else(|| format!("the example gives {named:?}, which no request line of the function writes"))?;
            let at = |name: &String| function_parameters.iter().position(|p| &p.name == name);
            let optional: Vec<String> =
                set.iter().filter_map(at).filter(|&i| function_parameters[i].optional).map(|i| snake(&function_parameters[i].name)).collect();
            with_optional = format!("_with_{}", optional.join("_and_"));
            in_order = Some(set.iter().filter_map(at).collect());
        } else if optional_given && !counted {
            with_optional = format!("_with_{}", optional.join("_and_"));
            // The `_with_` method takes every optional argument, a typed one as its type.
            if let Some((p, _)) = function_parameters.iter().zip(&given).find(|(p, (_, v))| p.optional && v.is_empty() && typed(schema, p)) {
                return Err(format!("the example does not give `{}` ({}), which the crate's `_with_` method takes", p.name, p.type_name));
            }
        }
        if !url_args.is_empty() || given.is_empty() {
            let last = expected.rfind('/').map_or(0, |i| i + 1);
            let name = expected[last..].split('(').next().unwrap_or("").to_owned();
            let written: Vec<String> = function_parameters
                .iter()
                .zip(&given)
                .filter(|(_, (_, v))| !v.is_empty())
                .map(|(p, (_, v))| match p.quoted {
                    true => format!("{}='{}'", p.name, encode(&v.replace('\'', "''"))),
                    false => format!("{}={}", p.name, encode(v)),
                })
                .collect();
            expected.truncate(last);
            expected.push_str(&name);
            if !written.is_empty() {
                expected.push_str(&format!("({})", written.join(",")));
            }
        }
        match in_order {
            // (A required argument is in every set.)
            Some(order) => order.into_iter().map(|i| given[i].0.clone()).collect(),
            None => {
                function_parameters.iter().zip(given).filter(|(p, _)| !p.optional || !with_optional.is_empty()).map(|(_, (arg, _))| arg).collect()
            }
        }
    } else {
        Vec::new()
    };
    // The query parameters its paths write are arguments too, given by
    // the example's query (the name without case), else empty (not sent).
    let query: Vec<(String, String)> = url
        .split_once('?')
        .map(|(_, q)| q.split('&').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (decode(k), decode(v))).collect())
        .unwrap_or_default();
    let query_args = op
        .query_parameters
        .iter()
        .filter(|q| q.required)
        .map(|q| format!("{:?}", query.iter().find(|(k, _)| k.eq_ignore_ascii_case(&q.name)).map_or("", |(_, v)| v.as_str())));
    // The values of a query its path sends (`$expand=extensions($filter=id
    // eq '{id}')`), given by the example's.
    let template_args: Vec<String> = match documented.sent_query() {
        None => Vec::new(),
        Some(q) => {
            let (values, _) = QueryTemplate::values_in(&q.text, &query).ok_or("the example's query is not the one its path sends")?;
            values.iter().map(|v| format!("{v:?}")).collect()
        }
    };
    let body = op.request_body.is_some().then(|| "Default::default()".to_owned());
    let args: Vec<String> = terminal_args.into_iter().chain(query_args).chain(template_args).chain(body).collect();
    if counted {
        rust.push_str(&format!(".count({})", args.join(", ")));
        expected.push_str("/$count");
    } else {
        rust.push_str(&format!(".{}{with_optional}({})", chain.method.to_ascii_lowercase(), args.join(", ")));
    }
    Ok((rust, expected))
}

/// Each example request of an operation page followed by a C# snippet:
/// (file, the request's line, the snippet's text).
fn snippets(dir: &Path, schema: &Schema) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut pages: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (o, op) in schema.operations.iter().enumerate() {
        for (e, ex) in op.examples.iter().enumerate() {
            if ex.request.is_none() {
                continue;
            }
            let lines = pages
                .entry(ex.source.file.as_str())
                .or_insert_with(|| std::fs::read_to_string(dir.join(&ex.source.file)).unwrap_or_default().lines().map(str::to_owned).collect());
            // The snippet's include stands in the request's tabs, before the response.
            let include = lines.iter().skip(ex.source.line).take_while(|l| !l.contains("\"blockType\": \"response\"")).take(40).find_map(|l| {
                let at = l.find("snippets/csharp/")?;
                let name = l[at..].split(')').next()?;
                Some(name.to_owned())
            });
            if let Some(name) = include {
                if let Ok(text) = std::fs::read_to_string(dir.join("includes").join(name)) {
                    out.push((o, e, text));
                }
            }
        }
    }
    out
}

#[test]
fn argument_values_are_unquoted() {
    let cases = [
        ("'a''b'", "a'b"),
        ("microsoft.graph.timeZoneStandard'Iana'", "Iana"),
        ("%27caf%C3%A9%27", "café"),
        ("5", "5"),
        // Not a type's name before the quote.
        ("it's", "it's"),
        ("a b.c'd'", "a b.c'd'"),
    ];
    for (written, value) in cases {
        assert_eq!(unquote(written), value, "{written}");
    }
}

/// A function whose request lines call it with several sets of arguments
/// is called by the `_with_` method of the set the example gives, its
/// arguments in the set's order.
#[test]
fn an_examples_set_of_arguments_picks_its_method() {
    let page = "---\ntitle: \"Chart: Bild\"\ndoc_type: apiPageType\n---\n# Chart: Bild\n\nNamespace: microsoft.graph\n\nRenders it, größer.\n\n## HTTP request\n```http\nGET /charts/{name}/image\nGET /charts/{name}/image(width=640)\nGET /charts/{name}/image(width=640,height=480)\n```\n\n## Function parameters\n| Parameter | Type | Description |\n|:--|:--|:--|\n| height | Int32 | Höhe. |\n| width | Int32 | Breite. |\n\n## Response\nIf successful, this method returns a `200 OK` response code.\n";
    let schema = graphgen::build(&[graphgen::read_page_text("api/chart-bild.md", page, None)]);
    let op = &schema.operations[0];
    let cases = [
        ("/charts/n%C3%A9/image(width=640,height=480)", Ok(".v1_0().charts().by_id(\"né\").image().get_with_width_and_height(640, 480)")),
        ("/charts/n/image(height=480,width=640)", Ok(".v1_0().charts().by_id(\"n\").image().get_with_width_and_height(640, 480)")),
        ("/charts/n/image(width=640)", Ok(".v1_0().charts().by_id(\"n\").image().get_with_width(640)")),
        ("/charts/n/image", Ok(".v1_0().charts().by_id(\"n\").image().get()")),
        ("/charts/n/image(height=480)", Err("no request line")),
    ];
    for (url, want) in cases {
        let chain = csharp_chain("await graphClient.Charts[\"{name}\"].Image().Request().GetAsync();").unwrap();
        match (rust_chain(&chain, &schema, op, Method::Get, url), want) {
            (Ok((rust, _)), Ok(want)) => assert_eq!(rust, want, "{url}"),
            (Err(e), Err(want)) => assert!(e.contains(want), "{url}: {e}"),
            (got, want) => panic!("{url}: {got:?}, expected {want:?}"),
        }
    }
}

#[test]
fn csharp_chains_are_read() {
    let chain = csharp_chain(
        "await graphClient.Me.Drive.Items[\"{driveItem-id}\"].Workbook.Worksheets[\"{id}\"].Protection\n\t.Unprotect()\n\t.Request()\n\t.PostAsync();",
    )
    .unwrap();
    use Element::*;
    assert_eq!(
        chain.elements,
        [
            Property("Me".into()),
            Property("Drive".into()),
            Property("Items".into()),
            Index,
            Property("Workbook".into()),
            Property("Worksheets".into()),
            Index,
            Property("Protection".into()),
            Call("Unprotect".into())
        ]
    );
    assert_eq!(chain.method, "POST");
    let chain = csharp_chain("var x = await graphClient.Users[\"a]b\"].Request().Select(\"id\").GetAsync();").unwrap();
    assert_eq!((chain.elements.len(), chain.method), (2, "GET"));
    assert!(csharp_chain("var x = new User();").is_err());
    assert_eq!(url_segments("/me/drive/root:/a/b c.txt:/content"), ["me", "drive", "root:", "a/b c.txt:", "content"]);
    assert_eq!(url_segments("/drives/1/items/2:/f.txt:/content"), ["drives", "1", "items", "2:", "f.txt:", "content"]);
    assert_eq!(template_segments("/me/drive/root:/{item-path}:/children"), ["me", "drive", "root:", "{item-path}:", "children"]);
    assert_eq!(template_segments("/users/{id | userPrincipalName}/drive"), ["users", "{id | userPrincipalName}", "drive"]);
    let chain = url_chain(&url_segments("/me/drive/root:/a/b.txt:/content"), "GET");
    assert_eq!(
        chain.elements,
        [Property("me".into()), Property("drive".into()), Property("root".into()), Call("ItemWithPath".into()), Property("content".into())]
    );
    let chain = url_chain(&url_segments("/users/1/reminderView(startDateTime='x')"), "GET");
    assert_eq!(chain.elements, [Property("users".into()), Property("1".into()), Call("reminderView".into())]);
    for (name, want) in [("Me", "me"), ("DeviceManagement", "device_management"), ("ItemWithPath", "item_with_path"), ("GetByIDs", "get_by_i_ds")] {
        assert_eq!(snake(name), want);
    }
}

#[test]
#[ignore = "builds the crate of all of v1.0: .ci/run runs it, with SDK_CHAINS_CRATE naming that crate's folder"]
fn sdk_chains_build_the_examples_requests() {
    let dir = needed_corpus();
    let krate = std::env::var("SDK_CHAINS_CRATE").expect("SDK_CHAINS_CRATE names the folder of the crate generated from all of v1.0");
    let (_, schema) = schema_of(&dir, None);
    let snippets = snippets(&dir, &schema);
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut chains = Vec::new();
    let mut from_url = Vec::new();
    for (o, e, text) in &snippets {
        let op = &schema.operations[*o];
        let ex = &op.examples[*e];
        let req = ex.request.as_ref().expect("a request");
        let at = ex.source.to_string();
        let translated = csharp_chain(text).and_then(|c| {
            if c.method != req.method.as_str() {
                return Err(format!("the C# snippet sends {} where the example sends {}", c.method, req.method));
            }
            rust_chain(&c, &schema, op, req.method, &req.url)
        });
        match translated {
            Ok((rust, expected)) => chains.push((at, rust, req.method.as_str(), expected)),
            Err(cause) => {
                // A snippet that walks another path than its example's: the
                // Rust chain of the example's own segments, counted apart.
                if cause != NO_PATH {
                    let own = url_chain(&url_segments(url_path(&req.url)), req.method.as_str());
                    if let Ok((rust, expected)) = rust_chain(&own, &schema, op, req.method, &req.url) {
                        from_url.push((format!("{at} (from its URL)"), rust, req.method.as_str(), expected));
                    }
                }
                misses.entry(cause_class(&cause)).or_default().push(format!("{at}: {cause}"));
            }
        }
    }
    let path = Path::new(&krate).join("tests/sdk_chains.rs");
    let snippet_chains = chains.len();
    chains.extend(from_url.iter().cloned());
    let mut failed = run_chains(&path, &krate, &chains);
    let url_failed: Vec<_> = failed.iter().filter(|(at, _)| at.ends_with(" (from its URL)")).cloned().collect();
    failed.retain(|(at, _)| !at.ends_with(" (from its URL)"));
    for (at, cause) in failed.drain(..) {
        misses.entry(cause_class(&cause)).or_default().push(format!("{at}: {cause}"));
    }
    let covered = snippets.len() - misses.values().map(Vec::len).sum::<usize>();
    assert_eq!(covered + misses.values().map(Vec::len).sum::<usize>(), snippets.len());
    debug_assert!(snippet_chains >= covered);
    // The crate walks the documented paths only; an example on another path
    // (`/me/x` where the docs give `/users/{id}/x`) has no chain to match.
    let on_documented_paths = snippets.len() - misses.get(NO_PATH).map_or(0, Vec::len);
    let share = |n: usize, of: usize| n as f64 * 100.0 / of.max(1) as f64;
    eprintln!(
        "SDK chains: {covered} of {} C# snippets ({:.1}%) build the example's request as a Rust chain; {covered} of the {on_documented_paths} whose example is on a documented path ({:.1}%)",
        snippets.len(),
        share(covered, snippets.len()),
        share(covered, on_documented_paths)
    );
    let url_built = from_url.len() - url_failed.len();
    eprintln!(
        "Of the {} whose C# chain cannot be followed on its example's path, {url_built} are built by the Rust chain of the example's own segments: with them, {} of {} ({:.1}%) examples with a C# snippet are reached by a Rust chain",
        misses.iter().filter(|(cause, _)| cause.as_str() != NO_PATH && !cause.starts_with("not in the Rust API")).map(|(_, l)| l.len()).sum::<usize>(),
        covered + url_built,
        snippets.len(),
        share(covered + url_built, snippets.len())
    );
    for (at, cause) in &url_failed {
        eprintln!("      {at}: {cause}");
    }
    // SDK_CHAINS_VERBOSE=1 lists every miss.
    let shown = if std::env::var_os("SDK_CHAINS_VERBOSE").is_some() { usize::MAX } else { 5 };
    for (cause, list) in &misses {
        eprintln!("  {} {cause}", list.len());
        for m in list.iter().take(shown) {
            eprintln!("      {m}");
        }
    }
    assert!(covered * 100 >= on_documented_paths * 95, "{covered} of {on_documented_paths} snippets on documented paths covered (below 95%)");
}

/// The chain an example's URL walks, segment by segment, as the C# SDK
/// would write it: a name per literal segment, an index per key, a call
/// per function, `ItemWithPath` for a drive item's path.
fn url_chain(segments: &[String], method: &'static str) -> Chain {
    let mut elements = Vec::new();
    // After `root:` comes the item's path (`a/b.txt:`), as `url_segments` joins it.
    let mut opened = false;
    for segment in segments {
        let name = segment.split('(').next().unwrap_or("").trim_end_matches(':');
        elements.push(if opened {
            Element::Call("ItemWithPath".to_owned())
        } else if segment.contains('(') {
            Element::Call(name.to_owned())
        } else {
            Element::Property(name.to_owned())
        });
        opened = !opened && segment.ends_with(':');
    }
    Chain { elements, method }
}

/// A miss's cause, without the names in it (the report's groups).
fn cause_class(cause: &str) -> String {
    let mut out = String::new();
    let mut in_tick = false;
    for c in cause.chars() {
        match c {
            '`' => {
                in_tick = !in_tick;
                if in_tick {
                    out.push_str("`..`");
                }
            }
            _ if in_tick => {}
            _ => out.push(c),
        }
    }
    out.split(" of the URL's").next().unwrap_or(&out).split(" after ").next().unwrap_or(&out).to_owned()
}

/// Writes the chains as tests of the crate, drops those that do not
/// compile (their error is the cause), and runs the rest; returns the
/// misses.
fn run_chains(path: &Path, krate: &str, chains: &[(String, String, &str, String)]) -> Vec<(String, String)> {
    let mut misses = Vec::new();
    let mut keep: Vec<usize> = (0..chains.len()).collect();
    for _attempt in 0..3 {
        let mut text = String::from(
            "//! The C# snippets' chains (written by graphgen-tests' sdk_chains).\n// They walk every workload's paths.\n#![cfg(feature = \"all-workloads\")]\n#![allow(clippy::all)]\nuse graph_client::Navigate;\n\nfn client() -> graph_client::Client {\n    graph_client::Client::new(graph_client::Cloud::Global, \"t\")\n}\n\nfn check<O: graph_client::Operation>(call: graph_client::runtime::Call<O>, method: &str, path: &str) {\n    let request = call.request().expect(\"the chain builds a request\");\n    let got = format!(\"/{}{}\", request.api_version.as_str(), request.path);\n    assert_eq!(request.method.as_str(), method);\n    assert!(got.eq_ignore_ascii_case(path), \"{got} is not {path}\");\n}\n",
        );
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for &k in &keep {
            let (at, rust, method, expected) = &chains[k];
            let start = text.lines().count() + 1;
            text.push_str(&format!("\n/// {at}\n#[test]\nfn chain_{k}() {{\n    check(client(){rust}, {method:?}, {expected:?});\n}}\n"));
            lines.push((start, text.lines().count()));
        }
        std::fs::write(path, &text).expect("the crate's tests folder is writable");
        let output = cargo(krate, &["test", "--test", "sdk_chains", "--no-run", "--message-format=short"]);
        let errors: Vec<(usize, String)> = output
            .lines()
            .filter_map(|l| {
                let rest = l.split("tests/sdk_chains.rs:").nth(1)?;
                let (line, rest) = rest.split_once(':')?;
                let message = rest.split_once(": ").map_or(rest, |(_, m)| m);
                Some((line.parse().ok()?, message.to_owned()))
            })
            .collect();
        if errors.is_empty() {
            break;
        }
        let mut broken = std::collections::BTreeSet::new();
        for (line, message) in errors {
            if let Some(pos) = lines.iter().position(|(s, e)| (*s..=*e).contains(&line)) {
                if broken.insert(keep[pos]) {
                    misses.push((chains[keep[pos]].0.clone(), format!("not in the Rust API: {message} (`{}`)", chains[keep[pos]].1)));
                }
            }
        }
        if broken.is_empty() {
            panic!("the chains' test file does not compile, and no error names a chain:\n{output}");
        }
        keep.retain(|k| !broken.contains(k));
    }
    let output = cargo(krate, &["test", "--test", "sdk_chains", "--", "--test-threads=2"]);
    // The chains ran, every one: a summary that counts them all.
    let counted = output.lines().filter_map(|l| l.strip_prefix("test result: ")).find_map(|l| {
        let number = |word: &str| {
            l.split("; ").find_map(|part| {
                let part = part.trim_start_matches("ok. ").trim_start_matches("FAILED. ");
                part.split_once(' ').filter(|(_, w)| *w == word).and_then(|(n, _)| n.parse::<usize>().ok())
            })
        };
        Some(number("passed")? + number("failed")?)
    });
    assert_eq!(counted, Some(keep.len()), "the chains' tests did not all run:\n{output}");
    for line in output.lines() {
        if let Some(name) = line.strip_prefix("test chain_").and_then(|l| l.strip_suffix(" ... FAILED")) {
            let k: usize = name.parse().expect("a chain's number");
            misses.push((chains[k].0.clone(), "the chain builds another request".to_owned()));
        }
    }
    misses
}

/// Runs cargo on the crate with CI's flags, returning what it printed.
fn cargo(krate: &str, args: &[&str]) -> String {
    let mut command = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    // `--manifest-path` before any `--`: after it, it would go to the test binary.
    let (cargo_args, test_args) = args.split_at(args.iter().position(|a| *a == "--").unwrap_or(args.len()));
    command.args(cargo_args).arg("--manifest-path").arg(Path::new(krate).join("Cargo.toml")).args(test_args).env("RUSTFLAGS", "-D warnings");
    if let Ok(target) = std::env::var("SDK_CHAINS_TARGET_DIR") {
        command.env("CARGO_TARGET_DIR", target);
    }
    let output = command.output().expect("cargo runs");
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}
