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
