//! Graph's error body and the runtime's one `Error` type.

use serde::{Deserialize, Serialize};
use std::fmt;

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
pub(crate) struct ErrorEnvelope {
    pub(crate) error: GraphError,
}

/// The most of a body an error keeps: a 100 MB answer that is not the
/// documented type must not become a 100 MB error.
pub const EXCERPT_BYTES: usize = 4096;

/// A body cut to [`EXCERPT_BYTES`] (on a character boundary), as text.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(EXCERPT_BYTES)];
    let mut text = String::from_utf8_lossy(cut).into_owned();
    if body.len() > EXCERPT_BYTES {
        // A lossy cut may end in a replacement character; say it was cut.
        text.push_str(&format!("… ({} bytes in all)", body.len()));
    }
    text
}

/// An error status from Graph, with everything the answer said about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpError {
    pub status: u16,
    /// Graph's error body, where the body was one.
    pub error: Option<GraphError>,
    /// The body as text, cut to [`EXCERPT_BYTES`].
    pub body: String,
    /// `Retry-After`, as the last answer gave it.
    pub retry_after: Option<std::time::Duration>,
    /// `request-id` (header, else the error body's `innerError`).
    pub request_id: Option<String>,
    /// `client-request-id`: the one this runtime sent, as the server echoed it.
    pub client_request_id: Option<String>,
    /// `Date` of the answer.
    pub date: Option<String>,
    /// How many requests were sent (1 when nothing was retried).
    pub attempts: u32,
}

/// Every way a call can fail. Nothing in it holds a token.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with an error status (boxed: it is large, and every
    /// `Result` would carry its size).
    Http(Box<HttpError>),
    /// A success status whose body is not the documented type.
    Decode { status: u16, source: serde_json::Error, body: String },
    /// The request body could not be serialized.
    Encode(serde_json::Error),
    /// The request never got a whole answer: the connection failed, or the
    /// answer did not come (or finish) within the timeout.
    Transport { timeout: bool, attempts: u32, source: Box<dyn std::error::Error + Send + Sync> },
    /// A parameter's value cannot be put in the URL; nothing was sent.
    InvalidParameter { name: String, reason: String },
    /// No token: the token provider failed.
    Auth(Box<dyn std::error::Error + Send + Sync>),
    /// What the caller asked can't be done (a batch's dependencies, an
    /// upload's range); nothing was sent.
    Invalid(String),
}

impl Error {
    /// The HTTP status of an error answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Graph's error code (`Request_ResourceNotFound`).
    pub fn code(&self) -> Option<&str> {
        self.http()?.error.as_ref().map(|e| e.code.as_str())
    }

    pub fn http(&self) -> Option<&HttpError> {
        match self {
            Error::Http(e) => Some(e),
            _ => None,
        }
    }

    /// 429, or 503/504 with a `Retry-After`: the service asked to wait.
    pub fn is_throttled(&self) -> bool {
        self.http().is_some_and(|e| e.status == 429 || (matches!(e.status, 503 | 504) && e.retry_after.is_some()))
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { timeout: true, .. })
    }

    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.http()?.retry_after
    }

    pub fn request_id(&self) -> Option<&str> {
        self.http()?.request_id.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Http(e) => {
                match &e.error {
                    Some(g) => write!(f, "Graph error {} {}: {}", e.status, g.code, g.message)?,
                    None => write!(f, "HTTP {}: {}", e.status, e.body)?,
                }
                if let Some(id) = &e.request_id {
                    write!(f, " (request-id {id})")?;
                }
                if e.attempts > 1 {
                    write!(f, " after {} attempts", e.attempts)?;
                }
                Ok(())
            }
            Error::Decode { status, source, .. } => write!(f, "HTTP {status}: the response body is not the documented type: {source}"),
            Error::Encode(e) => write!(f, "could not serialize the request body: {e}"),
            Error::Transport { timeout: true, attempts, .. } => write!(f, "no answer within the timeout ({attempts} attempts)"),
            Error::Transport { source, attempts, .. } => write!(f, "request failed after {attempts} attempts: {source}"),
            Error::InvalidParameter { name, reason } => write!(f, "invalid value for `{name}`: {reason}"),
            Error::Auth(e) => write!(f, "no token: {e}"),
            Error::Invalid(what) => f.write_str(what),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode { source, .. } | Error::Encode(source) => Some(source),
            Error::Transport { source, .. } | Error::Auth(source) => Some(source.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_bounded() {
        assert_eq!(excerpt(b"short"), "short");
        let big = "é".repeat(EXCERPT_BYTES);
        let cut = excerpt(big.as_bytes());
        assert!(cut.len() < EXCERPT_BYTES + 64, "{}", cut.len());
        assert!(cut.ends_with(&format!("({} bytes in all)", big.len())));
    }
}
