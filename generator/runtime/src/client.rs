//! The HTTP client: sends operations to Graph with reqwest.

use crate::{Cloud, Error, Operation, Request, Response};

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
