//! Requests and responses without an HTTP library: what each generated
//! operation builds and reads.

use crate::error::{excerpt, ErrorEnvelope, HttpError};
use crate::path::QUERY;
use crate::{Cloud, Error};
use percent_encoding::utf8_percent_encode;
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
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
        format!("{}/{}{}", cloud.base_url(), self.api_version.as_str(), self.relative_url())
    }

    /// The path and query below the version (`/users?$top=1`), as a JSON
    /// batch item names its request.
    pub fn relative_url(&self) -> String {
        let mut url = self.path.clone();
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
    /// How many requests it took (retries included).
    pub attempts: u32,
}

impl Response {
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        Response { status, headers, body, attempts: 1 }
    }

    /// A header's value, its name compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// A header's value among `headers` (a response's, a request's), its name
/// compared without case.
pub(crate) fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// One Graph operation on one of its request paths.
pub trait Operation {
    type Output;
    fn request(&self) -> Result<Request, Error>;
    fn response(&self, response: Response) -> Result<Self::Output, Error>;

    /// The permissions its page documents for this call: where the page
    /// gives them per case with each case's request paths, the case of the
    /// path this call sends (`Permissions::for_call`). Generated operations
    /// answer from their `PERMISSIONS`; one without a page, unknown.
    fn permissions(&self) -> crate::Permissions {
        crate::Permissions::UNKNOWN
    }
}

/// The request every operation builds: method, path, query, JSON body.
pub fn request<B: Serialize + ?Sized>(
    method: Method,
    api_version: ApiVersion,
    path: String,
    query: &[(String, String)],
    body: Option<&B>,
) -> Result<Request, Error> {
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

/// The request an operation builds with its query options: their
/// parameters, and the headers they need (`ConsistencyLevel`).
pub fn query_request<B: Serialize + ?Sized>(
    method: Method,
    api_version: ApiVersion,
    path: String,
    query: &crate::Query,
    body: Option<&B>,
) -> Result<Request, Error> {
    let mut r = request(method, api_version, path, query.params(), body)?;
    r.headers.extend(query.headers());
    Ok(r)
}

/// The request of an operation whose query takes parameters of its own
/// (`startDateTime`, `endDateTime` on a calendar view): they are sent
/// first, each in place of a query option of the same name (which would
/// send it twice); one left empty is not sent.
pub fn query_request_with<B: Serialize + ?Sized>(
    method: Method,
    api_version: ApiVersion,
    path: String,
    parameters: &[(&str, &str)],
    query: &crate::Query,
    body: Option<&B>,
) -> Result<Request, Error> {
    let mut r = query_request(method, api_version, path, query, body)?;
    let given: Vec<(String, String)> = parameters.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    r.query.retain(|(k, _)| !given.iter().any(|(g, _)| g.eq_ignore_ascii_case(k)));
    r.query.splice(0..0, given);
    Ok(r)
}

/// A request body that is not JSON, with its media type: a file's bytes
/// (`PUT .../content`), a photo (`image/jpeg`), a Teams app package
/// (`application/zip`), a OneNote page (`multipart/form-data; boundary=..`),
/// a message in MIME (`text/plain`, base64).
///
/// `Content::default()` sends no body at all, for operations whose body
/// is optional (`createReply` with nothing to add).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content {
    pub bytes: Vec<u8>,
    /// The `Content-Type` sent; empty sends `application/octet-stream`.
    pub content_type: String,
}

impl Content {
    pub fn new(bytes: impl Into<Vec<u8>>, content_type: impl Into<String>) -> Self {
        Content { bytes: bytes.into(), content_type: content_type.into() }
    }
}

/// A request built without a body, given `content` as its body.
pub fn with_content(request: Result<Request, Error>, content: &Content) -> Result<Request, Error> {
    let mut request = request?;
    if *content == Content::default() {
        return Ok(request);
    }
    let content_type = if content.content_type.is_empty() { "application/octet-stream" } else { &content.content_type };
    request.headers.retain(|(k, _)| !k.eq_ignore_ascii_case("content-type"));
    request.headers.push(("Content-Type".to_owned(), content_type.to_owned()));
    request.body = Some(content.bytes.clone());
    Ok(request)
}

/// A non-2xx response as a typed error, with what its headers say.
pub(crate) fn error(response: Response) -> Error {
    let error = serde_json::from_slice::<ErrorEnvelope>(&response.body).ok().map(|e| e.error);
    let inner = error.as_ref().and_then(|e| e.inner_error.as_ref());
    Error::Http(Box::new(HttpError {
        status: response.status,
        retry_after: response.header("retry-after").and_then(crate::retry::parse_retry_after),
        request_id: response.header("request-id").map(str::to_owned).or_else(|| inner.and_then(|i| i.request_id.clone())),
        client_request_id: response.header("client-request-id").map(str::to_owned).or_else(|| inner.and_then(|i| i.client_request_id.clone())),
        date: response.header("date").map(str::to_owned).or_else(|| inner.and_then(|i| i.date.clone())),
        body: excerpt(&response.body),
        error,
        attempts: response.attempts,
    }))
}

/// Any 2xx is success: the docs name one status per operation, but Graph
/// answers some with another (201 for 200, 204 for 200).
pub fn json_response<T: DeserializeOwned>(response: Response) -> Result<T, Error> {
    if !(200..300).contains(&response.status) {
        return Err(error(response));
    }
    serde_json::from_slice(&response.body).map_err(|source| Error::Decode { status: response.status, source, body: excerpt(&response.body) })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_sent_as_it_is_with_its_media_type() {
        // (the content type given, the one sent)
        let cases =
            [("image/jpeg", "image/jpeg"), ("multipart/form-data; boundary=é", "multipart/form-data; boundary=é"), ("", "application/octet-stream")];
        for (given, sent) in cases {
            let bytes = vec![0u8, 0xff, b'{', 0xc3];
            let r =
                with_content(request::<()>(Method::Put, ApiVersion::V1_0, "/me/photo/$value".into(), &[], None), &Content::new(bytes.clone(), given))
                    .unwrap();
            assert_eq!(r.body.as_deref(), Some(&bytes[..]));
            let types: Vec<&str> = r.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.as_str()).collect();
            assert_eq!(types, [sent], "{given:?}");
        }
        let none =
            with_content(request::<()>(Method::Post, ApiVersion::V1_0, "/me/messages/1/createReply".into(), &[], None), &Content::default()).unwrap();
        assert!(none.body.is_none() && none.headers.iter().all(|(k, _)| !k.eq_ignore_ascii_case("content-type")), "no content, no body");
    }

    #[test]
    fn urls_per_cloud() {
        let r = request::<()>(Method::Get, ApiVersion::Beta, "/me".into(), &[("$select".into(), "id,displayName".into())], None).unwrap();
        assert_eq!(r.url(&Cloud::Global), "https://graph.microsoft.com/beta/me?$select=id,displayName");
        assert_eq!(r.url(&Cloud::China), "https://microsoftgraph.chinacloudapi.cn/beta/me?$select=id,displayName");
        assert_eq!(r.url(&Cloud::Custom("http://127.0.0.1:9/".into())), "http://127.0.0.1:9/beta/me?$select=id,displayName");
    }

    #[test]
    fn an_operations_own_query_parameters_go_first_and_once() {
        // (its parameters, the caller's query options, what is sent)
        type Pairs<'a> = &'a [(&'a str, &'a str)];
        let cases: [(Pairs, Pairs, Pairs); 4] = [
            (
                &[("startDateTime", "2021-01-01T00:00:00Z"), ("endDateTime", "2021-01-02")],
                &[("$top", "5")],
                &[("startDateTime", "2021-01-01T00:00:00Z"), ("endDateTime", "2021-01-02"), ("$top", "5")],
            ),
            (&[("début", "é&=日")], &[("DÉBUT", "x"), ("début", "y")], &[("début", "é&=日"), ("DÉBUT", "x")]),
            (&[("startDateTime", "")], &[("startDateTime", "given")], &[("startDateTime", "given")]),
            (&[("format", "pdf")], &[("FORMAT", "html")], &[("format", "pdf")]),
        ];
        for (parameters, options, want) in cases {
            let query = options.iter().fold(crate::Query::new(), |q, (k, v)| q.param(*k, *v));
            let r = query_request_with::<()>(Method::Get, ApiVersion::V1_0, "/me/calendarView".into(), parameters, &query, None).unwrap();
            let got: Vec<(&str, &str)> = r.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            assert_eq!(got, want, "{parameters:?} {options:?}");
        }
    }

    #[test]
    fn graph_errors_are_typed() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"Gone","innerError":{"request-id":"r1","date":"2021-01-01T00:00:00"}}}"#;
        let headers = vec![("Retry-After".to_owned(), "2.5".to_owned()), ("client-request-id".to_owned(), "c1".to_owned())];
        let err = json_response::<serde_json::Value>(Response::new(404, headers, body.to_vec())).unwrap_err();
        assert!(err.is_not_found() && !err.is_throttled());
        assert_eq!(err.code(), Some("Request_ResourceNotFound"));
        assert_eq!(err.request_id(), Some("r1"));
        let http = err.http().unwrap();
        assert_eq!((http.client_request_id.as_deref(), http.date.as_deref()), (Some("c1"), Some("2021-01-01T00:00:00")));
        assert_eq!(err.retry_after(), Some(std::time::Duration::from_millis(2500)));
        let err = empty_response(Response::new(502, vec![], b"bad gateway".to_vec())).unwrap_err();
        assert_eq!(err.status(), Some(502));
        assert_eq!(err.http().unwrap().body, "bad gateway");
    }

    #[test]
    fn an_empty_success_is_no_value() {
        let answer = |status: u16, body: &[u8]| optional_json_response::<serde_json::Value>(Response::new(status, vec![], body.to_vec()));
        assert_eq!(answer(204, b"").unwrap(), None);
        assert_eq!(answer(200, b"").unwrap(), None);
        assert_eq!(answer(200, b" \n").unwrap(), None);
        assert_eq!(answer(200, br#"{"a":1}"#).unwrap(), Some(serde_json::json!({"a": 1})));
        assert!(matches!(answer(200, b"{"), Err(Error::Decode { .. })));
        assert!(matches!(answer(404, b""), Err(Error::Http(e)) if e.status == 404));
    }
}
