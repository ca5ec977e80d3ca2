//! The HTTP client: sends operations to Graph with reqwest, and does what
//! a long run against a real tenant needs: a token per request, retries of
//! throttled and failed requests, timeouts, redirects that keep the token
//! at home, and a fresh `client-request-id` on every call.

use crate::auth::{claims_challenge, AccessToken, StaticToken, TokenCache, TokenProvider, TokenRequest};
use crate::retry::{is_idempotent, is_retryable_status, parse_retry_after, RetryPolicy};
use crate::{Cloud, Error, Operation, Request, Response};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// Per-call settings: extra headers (`ConsistencyLevel: eventual`), a
/// timeout or retry policy of its own.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    pub headers: Vec<(String, String)>,
    pub timeout: Option<Duration>,
    pub retry: Option<RetryPolicy>,
}

impl RequestOptions {
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }
}

/// The default time to connect (10 s) and for a whole request, body
/// included (100 s, as the Graph SDKs' HTTP clients).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);
/// Redirects followed per request.
const MAX_REDIRECTS: usize = 10;

/// Sends operations to Graph. Cheap to clone (one connection pool, one
/// token cache); `Debug` shows no token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    cloud: Cloud,
    tokens: TokenCache,
    retry: RetryPolicy,
    timeout: Duration,
    user_agent: String,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("cloud", &self.inner.cloud)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Builds a `Client`: `Client::builder(cloud).token_provider(p).build()`.
pub struct ClientBuilder {
    cloud: Cloud,
    provider: Box<dyn TokenProvider>,
    retry: RetryPolicy,
    connect_timeout: Duration,
    timeout: Duration,
    http: Option<reqwest::Client>,
    user_agent: String,
}

impl ClientBuilder {
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.provider = Box::new(provider);
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The time a whole request may take, body included, per attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// A reqwest client of your own (proxies, certificates). Build it with
    /// `redirect(Policy::none())`: this client follows redirects itself, so
    /// that the token never goes to another host.
    pub fn http(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Put before the runtime's own `User-Agent` (`myapp/1.2 graphgen-runtime/0.1.0`).
    pub fn user_agent(mut self, product: &str) -> Self {
        self.user_agent = format!("{product} {}", self.user_agent);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| Error::Transport { timeout: false, attempts: 0, source: Box::new(e) })?,
        };
        let inner = Inner {
            http,
            cloud: self.cloud,
            tokens: TokenCache::new(self.provider),
            retry: self.retry,
            timeout: self.timeout,
            user_agent: self.user_agent,
        };
        Ok(Client { inner: Arc::new(inner) })
    }
}

impl Client {
    /// A client with a static token and the defaults: retries on, 10 s to
    /// connect, 100 s per request.
    pub fn new(cloud: Cloud, token: impl Into<String>) -> Self {
        Self::builder(cloud).token_provider(StaticToken::new(token)).build().expect("the default HTTP client builds")
    }

    pub fn builder(cloud: Cloud) -> ClientBuilder {
        ClientBuilder {
            cloud,
            provider: Box::new(StaticToken::new("")),
            retry: RetryPolicy::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            http: None,
            user_agent: concat!("graphgen-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }

    pub fn cloud(&self) -> &Cloud {
        &self.inner.cloud
    }

    /// The client's retry policy (a call's `RequestOptions::retry` overrides it).
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    pub async fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        self.send_with(operation, &RequestOptions::default()).await
    }

    pub async fn send_with<O: Operation>(&self, operation: &O, options: &RequestOptions) -> Result<O::Output, Error> {
        let request = operation.request()?;
        let response = self.execute(request, options).await?;
        operation.response(response)
    }

    /// Sends a built request (retried as the policy says) and returns the
    /// last response, whatever its status.
    pub async fn execute(&self, request: Request, options: &RequestOptions) -> Result<Response, Error> {
        let url = request.url(&self.inner.cloud);
        self.execute_url(&request, url, options).await
    }

    /// As `execute`, to a URL the server gave (a nextLink, a deltaLink),
    /// sent exactly as written.
    pub(crate) async fn execute_url(&self, request: &Request, url: String, options: &RequestOptions) -> Result<Response, Error> {
        let sent = self.sent(request, url, options, Auth::Token).await?;
        sent.read().await
    }

    /// The final answer to a request, its body not read yet.
    pub(crate) async fn sent(&self, request: &Request, url: String, options: &RequestOptions, auth: Auth) -> Result<Sent, Error> {
        let client_request_id = new_request_id();
        let span =
            tracing::debug_span!("graph_request", method = request.method.as_str(), path = %request.path, client_request_id = %client_request_id);
        self.retrying(request, url, options, &client_request_id, auth).instrument(span).await
    }

    /// Sends until an answer is final or the policy says stop.
    async fn retrying(&self, request: &Request, url: String, options: &RequestOptions, client_request_id: &str, auth: Auth) -> Result<Sent, Error> {
        let policy = options.retry.as_ref().unwrap_or(&self.inner.retry);
        let mut token_request = TokenRequest { scopes: vec![self.inner.cloud.scope()], claims: None };
        let (mut attempts, mut waited) = (0u32, Duration::ZERO);
        loop {
            attempts += 1;
            let token = match auth {
                Auth::Token => Some(self.inner.tokens.token(&token_request).await.map_err(Error::Auth)?),
                Auth::None => None,
            };
            let delay = match self.send_once(request, &url, token.as_ref(), client_request_id, attempts, options).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                    let challenge = (status == 401 && token.is_some() && token_request.claims.is_none())
                        .then(|| header("www-authenticate").as_deref().and_then(claims_challenge))
                        .flatten();
                    if let Some(claims) = challenge {
                        // One more request, with a token for the claims asked.
                        tracing::debug!("claims challenge: asking for a token with those claims");
                        token_request.claims = Some(claims);
                        continue;
                    }
                    let delay = policy.delay(attempts, header("retry-after").as_deref().and_then(parse_retry_after));
                    if !is_retryable_status(status) || attempts > policy.max_retries || waited + delay > policy.max_total_wait {
                        return Ok(Sent { response, attempts });
                    }
                    delay
                }
                // The server may have acted on a request whose connection
                // failed: only idempotent ones are sent again.
                Err(e)
                    if attempts <= policy.max_retries
                        && !e.is_timeout()
                        && (e.is_connect() || e.is_request())
                        && is_idempotent(request.method.as_str()) =>
                {
                    policy.delay(attempts, None)
                }
                Err(e) => return Err(Error::Transport { timeout: e.is_timeout(), attempts, source: Box::new(e) }),
            };
            tracing::debug!(attempts, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            waited += delay;
        }
    }

    /// One attempt: the request, then any redirects (never with the token
    /// to another origin, as a pre-authenticated download URL is).
    async fn send_once(
        &self,
        request: &Request,
        url: &str,
        token: Option<&AccessToken>,
        client_request_id: &str,
        attempt: u32,
        options: &RequestOptions,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let home = reqwest::Url::parse(url).ok().map(|u| u.origin());
        let mut method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).expect("HTTP methods are valid");
        let mut body = request.body.clone();
        let mut target = url.to_owned();
        let mut hops = 0;
        loop {
            let mut builder = self.inner.http.request(method.clone(), &target).timeout(timeout);
            let at_home = reqwest::Url::parse(&target).ok().map(|u| u.origin()) == home;
            if let Some(token) = token.filter(|t| at_home && !t.secret().is_empty()) {
                builder = builder.bearer_auth(token.secret());
            }
            builder = builder.header("client-request-id", client_request_id).header(reqwest::header::USER_AGENT, &self.inner.user_agent);
            if attempt > 1 {
                builder = builder.header("Retry-Attempt", (attempt - 1).to_string());
            }
            for (name, value) in request.headers.iter().chain(&options.headers) {
                builder = builder.header(name, value);
            }
            if let Some(body) = &body {
                // A copy per attempt: a retried request sends the same bytes.
                builder = builder.body(body.clone());
            }
            let response = builder.send().await?;
            let status = response.status().as_u16();
            let location = response.headers().get(reqwest::header::LOCATION).and_then(|l| l.to_str().ok()).map(str::to_owned);
            if let (true, Some(location)) = (matches!(status, 301 | 302 | 303 | 307 | 308) && hops < MAX_REDIRECTS, location) {
                if let Ok(next) = reqwest::Url::parse(&target).and_then(|base| base.join(&location)) {
                    hops += 1;
                    if status == 303 || (matches!(status, 301 | 302) && method == reqwest::Method::POST) {
                        method = reqwest::Method::GET;
                        body = None;
                    }
                    target = next.into();
                    continue;
                }
            }
            tracing::debug!(status, "answered");
            return Ok(response);
        }
    }
}

/// Whether a request carries the client's token: not to a pre-authenticated
/// URL (an upload session's), where it is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Auth {
    Token,
    None,
}

/// The final answer to a request, its body not read yet.
pub(crate) struct Sent {
    pub(crate) response: reqwest::Response,
    pub(crate) attempts: u32,
}

impl Sent {
    pub(crate) fn status(&self) -> u16 {
        self.response.status().as_u16()
    }

    pub(crate) fn headers(&self) -> Vec<(String, String)> {
        self.response.headers().iter().map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect()
    }

    /// The whole answer, body read.
    pub(crate) async fn read(self) -> Result<Response, Error> {
        let (status, headers, attempts) = (self.status(), self.headers(), self.attempts);
        // Into a Vec without a copy where the buffer is not shared.
        let body = self.response.bytes().await.map_err(|e| Error::Transport { timeout: e.is_timeout(), attempts, source: Box::new(e) })?.into();
        Ok(Response { status, headers, body, attempts })
    }
}

/// A random (version 4) UUID for `client-request-id`, which Graph's
/// support asks for and echoes back.
fn new_request_id() -> String {
    let mut b: [u8; 16] = fastrand::u128(..).to_le_bytes();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_are_v4_uuids() {
        let a = super::new_request_id();
        let b = super::new_request_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
    }
}
