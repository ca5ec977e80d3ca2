//! The runtime every generated operation shares: request building, path
//! encoding, response decoding, Graph errors, and the HTTP client. It is
//! written once (graphgen copies it verbatim) so that generated code stays
//! declarative.
//!
//! Building a request (`Operation::request`) and reading a response
//! (`Operation::response`) need no HTTP library; `Client` sends them with
//! reqwest.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

// ---------------------------------------------------------------------------
// Values

/// A property as Graph sends it: absent, explicitly `null`, or a value.
///
/// Two states are not enough: a PATCH body must tell "leave unchanged"
/// (absent) from "clear" (null), and a response re-serialized must keep the
/// `null`s the server sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Field<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Field<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn as_option(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(v: T) -> Self {
        Field::Value(v)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Skipped by `skip_serializing_if = "Field::is_absent"`; null if a
            // caller serializes it on its own.
            Field::Absent | Field::Null => s.serialize_none(),
            Field::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A missing key never gets here (`#[serde(default)]` makes it Absent).
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Field::Value(v),
            None => Field::Null,
        })
    }
}

/// An `Edm.DateTimeOffset` exactly as the server wrote it.
///
/// Graph writes up to seven fraction digits (`2017-01-01T00:00:17.7769392-08:00`);
/// a parsed timestamp would not re-serialize byte-identical, so the text is
/// kept and parsed on demand.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateTimeOffset(pub String);

impl DateTimeOffset {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The timestamp, parsed as RFC 3339.
    pub fn parse(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(&self.0)
    }
}

impl From<chrono::DateTime<chrono::FixedOffset>> for DateTimeOffset {
    fn from(t: chrono::DateTime<chrono::FixedOffset>) -> Self {
        DateTimeOffset(t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A page of a collection response: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Collection<T> {
    #[serde(rename = "@odata.context", default, skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub odata_count: Option<i64>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub odata_next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub odata_delta_link: Option<String>,
    pub value: Vec<T>,
    /// Anything else the server sent, kept.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

/// A function's single primitive result: `{"value": "..."}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PrimitiveValue<T> {
    #[serde(rename = "@odata.context", default, skip_serializing_if = "Option::is_none")]
    pub odata_context: Option<String>,
    pub value: T,
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

/// A JSON object's `@odata.type`, lowercased and without `#`
/// (`#microsoft.graph.user` → `microsoft.graph.user`): what the generated
/// `AnyX` enums dispatch on.
pub fn odata_type(value: &serde_json::Value) -> Option<String> {
    let tag = value.get("@odata.type")?.as_str()?;
    Some(tag.trim_start_matches('#').to_ascii_lowercase())
}

// ---------------------------------------------------------------------------
// Errors

/// Graph's error body: `{"error": {"code", "message", "innerError": {...}}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    pub code: String,
    pub message: String,
    #[serde(rename = "innerError", alias = "innererror", default, skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<GraphError>,
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InnerError {
    #[serde(rename = "request-id", default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(rename = "client-request-id", default, skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: GraphError,
}

#[derive(Debug)]
pub enum Error {
    /// Graph answered with an error status and an error body (boxed: it is
    /// large, and every `Result` would carry its size).
    Graph { status: u16, error: Box<GraphError> },
    /// An error status whose body is not Graph's error shape; kept as text.
    Status { status: u16, body: String },
    /// A success status whose body is not the documented type.
    Decode { status: u16, source: serde_json::Error, body: String },
    /// The request body could not be serialized.
    Encode(serde_json::Error),
    /// The request never got an answer.
    Transport(Box<dyn std::error::Error + Send + Sync>),
    /// A parameter's value cannot be put in the URL; nothing was sent.
    InvalidParameter { name: String, reason: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph { status, error } => {
                write!(f, "Graph error {status} {}: {}", error.code, error.message)?;
                if let Some(id) = error.inner_error.as_ref().and_then(|i| i.request_id.as_deref()) {
                    write!(f, " (request-id {id})")?;
                }
                Ok(())
            }
            Error::Status { status, body } => write!(f, "HTTP {status}: {body}"),
            Error::Decode { status, source, .. } => write!(f, "HTTP {status}: the response body is not the documented type: {source}"),
            Error::Encode(e) => write!(f, "could not serialize the request body: {e}"),
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::InvalidParameter { name, reason } => write!(f, "invalid value for `{name}`: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } | Error::Encode(source) => Some(source),
            Error::Transport(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Requests and responses, without an HTTP library

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiVersion {
    V1_0,
    Beta,
}

impl ApiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// Where Graph is served: the global service, the national clouds, or a
/// URL of your own (a proxy, a test server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cloud {
    Global,
    UsGovL4,
    UsGovL5Dod,
    China,
    Custom(String),
}

impl Cloud {
    pub fn base_url(&self) -> &str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
            Cloud::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

/// An HTTP request, ready for any HTTP library.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    pub api_version: ApiVersion,
    /// The path below the version, percent-encoded: `/users/a%2Fb`.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// The full URL on a cloud: `https://graph.microsoft.com/v1.0/users?$top=1`.
    pub fn url(&self, cloud: &Cloud) -> String {
        let mut url = format!("{}/{}{}", cloud.base_url(), self.api_version.as_str(), self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.extend(utf8_percent_encode(k, QUERY));
            url.push('=');
            url.extend(utf8_percent_encode(v, QUERY));
        }
        url
    }
}

/// An HTTP response, from any HTTP library.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// One Graph operation on one of its request paths.
pub trait Operation {
    type Output;
    fn request(&self) -> Result<Request, Error>;
    fn response(&self, response: Response) -> Result<Self::Output, Error>;
}

/// Characters encoded in a path segment: all but unreserved ones, so an id
/// like `a/b` or `{x}` stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// Query keys keep `$` (`$select`); values are encoded like segments.
const QUERY: &AsciiSet = &SEGMENT.remove(b'$').remove(b',').remove(b'\'').remove(b'(').remove(b')');

/// Fills a path template's `{name}` placeholders, in order, with
/// percent-encoded values; literal text is kept as written. A value inside
/// quotes (`(period='{period}')`) has its `'` doubled, as OData reads it.
///
/// A value that would change which resource the URL names is refused
/// before anything is sent: an empty one (the segment would vanish), and
/// `.` or `..` as a whole segment, which every URL parser (reqwest's too)
/// removes or resolves to the parent, encoded (`%2E%2E`) or not.
pub fn fill_path(template: &str, values: &[&str]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let after = &rest[close + 1..];
        let value = values.next().copied().unwrap_or("");
        let invalid = |reason: &str| Error::InvalidParameter { name: name.to_owned(), reason: reason.to_owned() };
        if value.is_empty() {
            return Err(invalid("it is empty, and the path would lose a segment"));
        }
        let whole_segment = out.ends_with('/') && (after.is_empty() || after.starts_with('/'));
        if whole_segment && (value == "." || value == "..") {
            return Err(invalid("`.` and `..` as a path segment name another resource (URL parsers resolve them)"));
        }
        if out.ends_with('\'') && after.starts_with('\'') {
            out.extend(utf8_percent_encode(&value.replace('\'', "''"), SEGMENT));
        } else {
            out.extend(utf8_percent_encode(value, SEGMENT));
        }
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// `name(a='x',b=2)`: a function call segment. Strings are quoted with `'`
/// doubled inside; other values are written as they are.
pub fn function_args(args: &[(&str, FunctionArg<'_>)]) -> String {
    let mut out = String::from("(");
    for (i, (name, value)) in args.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push('=');
        match value {
            FunctionArg::String(s) => {
                out.push('\'');
                out.extend(utf8_percent_encode(&s.replace('\'', "''"), SEGMENT));
                out.push('\'');
            }
            FunctionArg::Raw(s) => out.extend(utf8_percent_encode(s, SEGMENT)),
        }
    }
    out.push(')');
    out
}

pub enum FunctionArg<'a> {
    String(&'a str),
    Raw(&'a str),
}

/// The request every operation builds: method, path, query, JSON body.
pub fn request<B: Serialize + ?Sized>(method: Method, api_version: ApiVersion, path: String, query: &[(String, String)], body: Option<&B>) -> Result<Request, Error> {
    let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
    let body = match body {
        Some(b) => {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
            Some(serde_json::to_vec(b).map_err(Error::Encode)?)
        }
        None => None,
    };
    Ok(Request { method, api_version, path, query: query.to_vec(), headers, body })
}

/// A non-2xx response as a typed error.
fn error(response: Response) -> Error {
    match serde_json::from_slice::<ErrorEnvelope>(&response.body) {
        Ok(e) => Error::Graph { status: response.status, error: Box::new(e.error) },
        Err(_) => Error::Status { status: response.status, body: String::from_utf8_lossy(&response.body).into_owned() },
    }
}

/// Any 2xx is success: the docs name one status per operation, but Graph
/// answers some with another (201 for 200, 204 for 200).
pub fn json_response<T: DeserializeOwned>(response: Response) -> Result<T, Error> {
    if !(200..300).contains(&response.status) {
        return Err(error(response));
    }
    serde_json::from_slice(&response.body).map_err(|source| Error::Decode {
        status: response.status,
        source,
        body: String::from_utf8_lossy(&response.body).into_owned(),
    })
}

/// An update or action documented with a body: the service may answer
/// 204, or 200 with nothing, and that is a success with no value.
pub fn optional_json_response<T: DeserializeOwned>(response: Response) -> Result<Option<T>, Error> {
    if (200..300).contains(&response.status) && (response.status == 204 || response.body.iter().all(u8::is_ascii_whitespace)) {
        return Ok(None);
    }
    json_response(response).map(Some)
}

pub fn empty_response(response: Response) -> Result<(), Error> {
    if (200..300).contains(&response.status) {
        Ok(())
    } else {
        Err(error(response))
    }
}

pub fn bytes_response(response: Response) -> Result<Vec<u8>, Error> {
    if (200..300).contains(&response.status) {
        Ok(response.body)
    } else {
        Err(error(response))
    }
}

// ---------------------------------------------------------------------------
// The HTTP client

/// Sends operations to Graph with a bearer token.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    cloud: Cloud,
    token: String,
}

impl Client {
    pub fn new(cloud: Cloud, token: impl Into<String>) -> Self {
        Self::with_http(reqwest::Client::new(), cloud, token)
    }

    /// With a reqwest client of your own (timeouts, proxies, middleware).
    pub fn with_http(http: reqwest::Client, cloud: Cloud, token: impl Into<String>) -> Self {
        Client { http, cloud, token: token.into() }
    }

    pub fn set_token(&mut self, token: impl Into<String>) {
        self.token = token.into();
    }

    pub async fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        let request = operation.request()?;
        let response = self.execute(request).await?;
        operation.response(response)
    }

    /// Sends a built request and returns the raw response.
    pub async fn execute(&self, request: Request) -> Result<Response, Error> {
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).expect("HTTP methods are valid");
        let mut builder = self.http.request(method, request.url(&self.cloud)).bearer_auth(&self.token);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| Error::Transport(Box::new(e)))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let body = response.bytes().await.map_err(|e| Error::Transport(Box::new(e)))?.to_vec();
        Ok(Response { status, headers, body })
    }
}

// ---------------------------------------------------------------------------
// Testing support

/// Helpers for the generated example tests, public so users can check their
/// own payloads the same way.
pub mod testing {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::Value;

    /// JSON equality where numbers compare by value (`1` equals `1.0`):
    /// an `Edm.Double` written as `1` re-serializes as `1.0`.
    pub fn json_equivalent(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64()),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equivalent(a, b)),
            (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equivalent(v, w))),
            _ => a == b,
        }
    }

    /// Deserializes `json` as `T`, serializes it back, and panics unless
    /// the two are equivalent JSON.
    pub fn assert_round_trip<T: DeserializeOwned + Serialize>(json: &str) {
        let original: Value = serde_json::from_str(json).expect("the example is JSON");
        let typed: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("the example does not deserialize: {e}\n{json}"));
        let back = serde_json::to_value(&typed).expect("the type serializes");
        assert!(json_equivalent(&original, &back), "round trip changed the JSON\nbefore: {original:#}\nafter:  {back:#}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_filled_and_encoded() {
        let cases = [
            ("/users/{id}", vec!["a/b c"], "/users/a%2Fb%20c"),
            ("/users/{id}/messages/{message-id}", vec!["u", "{m}"], "/users/u/messages/%7Bm%7D"),
            ("/range(address='{address}')", vec!["A1:B2"], "/range(address='A1%3AB2')"),
            ("/me", vec![], "/me"),
            ("/users/{id}", vec!["?#%"], "/users/%3F%23%25"),
            ("/users/{id}", vec!["日本語 🙂"], "/users/%E6%97%A5%E6%9C%AC%E8%AA%9E%20%F0%9F%99%82"),
            ("/users/{id}", vec!["O'Brien"], "/users/O%27Brien"),
            ("/x(name='{name}')", vec!["O'Brien"], "/x(name='O%27%27Brien')"),
            ("/x(name={name})", vec!["3"], "/x(name=3)"),
            ("/items/{id}", vec!["..."], "/items/..."),
            ("/items/{id}.json", vec![".."], "/items/...json"),
            ("/range(address='{a}')", vec![".."], "/range(address='..')"),
        ];
        for (template, values, want) in cases {
            assert_eq!(fill_path(template, &values).unwrap(), want, "{template}");
        }
    }

    #[test]
    fn values_that_would_change_the_resource_are_refused() {
        for (template, value) in [("/items/{id}", ""), ("/items/{id}/x", "."), ("/items/{id}/x", ".."), ("/items/{id}", "..")] {
            match fill_path(template, &[value]) {
                Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, "id"),
                other => panic!("{template} with {value:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn urls_per_cloud() {
        let r = request::<()>(Method::Get, ApiVersion::Beta, "/me".into(), &[("$select".into(), "id,displayName".into())], None).unwrap();
        assert_eq!(r.url(&Cloud::Global), "https://graph.microsoft.com/beta/me?$select=id,displayName");
        assert_eq!(r.url(&Cloud::China), "https://microsoftgraph.chinacloudapi.cn/beta/me?$select=id,displayName");
        assert_eq!(r.url(&Cloud::Custom("http://127.0.0.1:9/".into())), "http://127.0.0.1:9/beta/me?$select=id,displayName");
    }

    #[test]
    fn graph_errors_are_typed() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"Gone","innerError":{"request-id":"r1","date":"2021-01-01T00:00:00"}}}"#;
        let err = json_response::<serde_json::Value>(Response { status: 404, headers: vec![], body: body.to_vec() }).unwrap_err();
        match err {
            Error::Graph { status: 404, error } => {
                assert_eq!(error.code, "Request_ResourceNotFound");
                assert_eq!(error.inner_error.unwrap().request_id.as_deref(), Some("r1"));
            }
            other => panic!("{other:?}"),
        }
        let err = empty_response(Response { status: 502, headers: vec![], body: b"bad gateway".to_vec() }).unwrap_err();
        assert!(matches!(err, Error::Status { status: 502, .. }));
    }

    #[test]
    fn an_empty_success_is_no_value() {
        let answer = |status: u16, body: &[u8]| optional_json_response::<serde_json::Value>(Response { status, headers: vec![], body: body.to_vec() });
        assert_eq!(answer(204, b"").unwrap(), None);
        assert_eq!(answer(200, b"").unwrap(), None);
        assert_eq!(answer(200, b" \n").unwrap(), None);
        assert_eq!(answer(200, br#"{"a":1}"#).unwrap(), Some(serde_json::json!({"a": 1})));
        assert!(matches!(answer(200, b"{"), Err(Error::Decode { .. })));
        assert!(matches!(answer(404, b""), Err(Error::Status { status: 404, .. })));
    }

    #[test]
    fn fields_have_three_states() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Patch {
            #[serde(default, skip_serializing_if = "Field::is_absent")]
            a: Field<String>,
            #[serde(default, skip_serializing_if = "Field::is_absent")]
            b: Field<String>,
            #[serde(default, skip_serializing_if = "Field::is_absent")]
            c: Field<String>,
        }
        let p: Patch = serde_json::from_str(r#"{"b": null, "c": "x"}"#).unwrap();
        assert_eq!(p, Patch { a: Field::Absent, b: Field::Null, c: Field::Value("x".into()) });
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"b":null,"c":"x"}"#);
    }

    #[test]
    fn timestamps_keep_their_digits() {
        let t: DateTimeOffset = serde_json::from_str(r#""2017-01-01T00:00:17.7769392-08:00""#).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), r#""2017-01-01T00:00:17.7769392-08:00""#);
        assert_eq!(t.parse().unwrap().timestamp(), 1483257617);
    }
}
