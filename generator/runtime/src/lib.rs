//! The runtime every crate graphgen generates depends on: request
//! building, path encoding, response decoding, Graph errors, and the HTTP
//! client. Generated code stays declarative; what a request needs at run
//! time is written once, here, and tested here.
//!
//! Building a request (`Operation::request`) and reading a response
//! (`Operation::response`) need no HTTP library; `Client` sends them with
//! reqwest.

mod client;
mod cloud;
mod error;
mod path;
mod request;
pub mod testing;
mod value;

pub use client::Client;
pub use cloud::Cloud;
pub use error::{Error, GraphError, InnerError};
pub use path::{fill_path, function_args, FunctionArg};
pub use request::{bytes_response, empty_response, json_response, optional_json_response, request, ApiVersion, Method, Operation, Request, Response};
pub use value::{odata_type, Collection, DateTimeOffset, Field, PrimitiveValue};
