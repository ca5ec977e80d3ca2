//! The runtime every crate graphgen generates depends on: request
//! building, path encoding, response decoding, Graph errors, and the HTTP
//! client. Generated code stays declarative; what a request needs at run
//! time is written once, here, and tested here.
//!
//! Building a request (`Operation::request`) and reading a response
//! (`Operation::response`) need no HTTP library; `Client` sends them with
//! reqwest.

mod additional;
mod auth;
#[cfg(feature = "azure-identity")]
mod azure;
mod batch;
mod client;
mod cloud;
mod count;
pub mod de;
mod error;
mod files;
mod nav;
mod paging;
mod path;
mod permissions;
mod query;
mod request;
mod retry;
pub mod ser;
pub mod testing;
mod value;

pub use additional::{AdditionalProperties, AdditionalPropertiesBuilder};
pub use auth::{claims_challenge, AccessToken, BoxError, StaticToken, TokenProvider, TokenRequest, REFRESH_MARGIN};
#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
pub use batch::{Batch, BatchKey, BatchResponses, Batchable, MAX_BATCH};
pub use client::{Client, ClientBuilder, RequestOptions, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use cloud::Cloud;
pub use count::Count;
pub use error::{Error, GraphError, HttpError, InnerError, EXCERPT_BYTES};
pub use files::{Download, FileSource, UploadOptions, UploadSource, DEFAULT_UPLOAD_CHUNK, MAX_UPLOAD_CHUNK, UPLOAD_CHUNK_UNIT};
pub use nav::{Call, Nav, Queryable};
pub use paging::{Items, Pages};
pub use path::{arg_text, fill_path, fill_query, function_args, FunctionArg};
pub use permissions::{least_privileged, needed, Needed, PermissionType, Permissions, ResourcePermissions};
pub use query::{Prop, Query};
pub use request::{
    bytes_response, empty_response, json_response, optional_json_response, query_request, query_request_with, request, with_content, ApiVersion,
    Content, Method, Operation, Request, Response,
};
pub use retry::{is_idempotent, is_retryable_status, parse_retry_after, RetryPolicy};
pub use value::{odata_type, Collection, DateTimeOffset, Field, PrimitiveValue};
