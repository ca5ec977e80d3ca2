//! The client against local servers (127.0.0.1): retries, timeouts,
//! redirects, tokens. Every wait is bounded (short policies and timeouts).

use graphgen_runtime::*;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request as Seen, ResponseTemplate};

fn fast() -> RetryPolicy {
    RetryPolicy { base_delay: Duration::from_millis(10), max_delay: Duration::from_secs(2), ..Default::default() }
}

fn client(uri: &str, retry: RetryPolicy) -> Client {
    Client::builder(Cloud::Custom(uri.to_owned()))
        .token_provider(StaticToken::new("s3cr3t-token"))
        .retry(retry)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn get(p: &str) -> Request {
    request::<()>(Method::Get, ApiVersion::V1_0, p.to_owned(), &[], None).unwrap()
}

fn post(p: &str) -> Request {
    request(Method::Post, ApiVersion::V1_0, p.to_owned(), &[], Some(&serde_json::json!({"a": "é"}))).unwrap()
}

/// Answers in order, then repeats the last answer.
fn sequence(answers: Vec<ResponseTemplate>) -> impl Fn(&Seen) -> ResponseTemplate {
    let n = AtomicU32::new(0);
    move |_: &Seen| {
        let i = n.fetch_add(1, Ordering::SeqCst) as usize;
        answers[i.min(answers.len() - 1)].clone()
    }
}

async fn status_of(client: &Client, request: Request) -> (u16, u32) {
    let r = client.execute(request, &RequestOptions::default()).await.unwrap();
    (r.status, r.attempts)
}

#[tokio::test]
async fn throttled_requests_wait_as_retry_after_says() {
    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(1));
    for (value, at_least) in [("1", 1000), ("0.5", 500), (later.as_str(), 0)] {
        let server = MockServer::start().await;
        let throttled = ResponseTemplate::new(429).insert_header("Retry-After", value);
        Mock::given(path("/v1.0/me")).respond_with(sequence(vec![throttled, ResponseTemplate::new(200)])).mount(&server).await;
        let started = Instant::now();
        assert_eq!(status_of(&client(&server.uri(), fast()), get("/me")).await, (200, 2), "Retry-After {value}");
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(at_least) && waited < Duration::from_secs(3), "Retry-After {value}: waited {waited:?}");
        let seen = server.received_requests().await.unwrap();
        assert!(seen[0].headers.get("Retry-Attempt").is_none());
        assert_eq!(seen[1].headers.get("Retry-Attempt").unwrap(), "1");
    }
}

#[tokio::test]
async fn unavailable_and_gateway_timeouts_are_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/a")).respond_with(sequence(vec![ResponseTemplate::new(503), ResponseTemplate::new(200)])).mount(&server).await;
    Mock::given(path("/v1.0/b"))
        .respond_with(sequence(vec![ResponseTemplate::new(504), ResponseTemplate::new(504), ResponseTemplate::new(504), ResponseTemplate::new(200)]))
        .mount(&server)
        .await;
    let c = client(&server.uri(), fast());
    assert_eq!(status_of(&c, get("/a")).await, (200, 2));
    assert_eq!(status_of(&c, get("/b")).await, (200, 4));
    // A POST is retried on these statuses too: the server did not act on it.
    Mock::given(path("/v1.0/c")).respond_with(sequence(vec![ResponseTemplate::new(503), ResponseTemplate::new(201)])).mount(&server).await;
    assert_eq!(status_of(&c, post("/c")).await, (201, 2));
    let bodies: Vec<_> = server.received_requests().await.unwrap().into_iter().filter(|r| r.url.path() == "/v1.0/c").map(|r| r.body).collect();
    assert_eq!(bodies[0], bodies[1], "the body is sent again as it was");
}

#[tokio::test]
async fn exhausted_retries_give_a_typed_error_with_the_last_retry_after() {
    let server = MockServer::start().await;
    let body = r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#;
    Mock::given(path("/v1.0/me"))
        .respond_with(
            ResponseTemplate::new(429).insert_header("Retry-After", "0.01").insert_header("request-id", "r-1").set_body_raw(body, "application/json"),
        )
        .mount(&server)
        .await;
    let response = client(&server.uri(), fast()).execute(get("/me"), &RequestOptions::default()).await.unwrap();
    assert_eq!((response.status, response.attempts), (429, 4), "3 retries, then the answer");
    let err = json_response::<serde_json::Value>(response).unwrap_err();
    assert!(err.is_throttled());
    assert_eq!(err.retry_after(), Some(Duration::from_millis(10)));
    assert_eq!((err.code(), err.request_id()), (Some("TooManyRequests"), Some("r-1")));
    assert_eq!(err.http().unwrap().attempts, 4);
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_retry_after_beyond_the_total_wait_is_not_waited() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/me")).respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600")).mount(&server).await;
    let policy = RetryPolicy { max_total_wait: Duration::from_secs(1), max_delay: Duration::from_secs(3600), ..fast() };
    let started = Instant::now();
    assert_eq!(status_of(&client(&server.uri(), policy), get("/me")).await, (429, 1));
    assert!(started.elapsed() < Duration::from_secs(1));
}

/// A server that drops the first `drops` connections without answering,
/// then answers 200 to each; returns its URL and the connection count.
async fn dropping_server(drops: u32) -> (String, Arc<AtomicU32>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicU32::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let mut buf = vec![0u8; 65536];
            let _ = socket.read(&mut buf).await;
            if n >= drops {
                let _ = socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}").await;
            }
            drop(socket);
        }
    });
    (url, count)
}

#[tokio::test]
async fn dropped_connections_are_retried_only_for_idempotent_methods() {
    let (url, count) = dropping_server(1).await;
    assert_eq!(status_of(&client(&url, fast()), get("/me")).await, (200, 2));
    assert_eq!(count.load(Ordering::SeqCst), 2);

    let (url, count) = dropping_server(1).await;
    let err = client(&url, fast()).execute(post("/me/messages"), &RequestOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { timeout: false, attempts: 1, .. }), "{err:?}");
    assert_eq!(count.load(Ordering::SeqCst), 1, "a POST is never sent twice after a connection error");
}

/// A server that reads the request and then sends `head` and stalls.
async fn stalling_server(head: &'static [u8]) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 65536];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(head).await;
            open.push(socket);
        }
    });
    url
}

#[tokio::test]
async fn a_server_that_never_answers_or_stalls_mid_body_times_out() {
    for head in [&b""[..], b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n{\"value\":"] {
        let url = stalling_server(head).await;
        let c = Client::builder(Cloud::Custom(url)).timeout(Duration::from_millis(300)).retry(fast()).build().unwrap();
        let started = Instant::now();
        let err = c.execute(get("/me"), &RequestOptions::default()).await.unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(2), "timeouts are not retried: {:?}", started.elapsed());
        // And per request.
        let err = c.execute(get("/me"), &RequestOptions::default().timeout(Duration::from_millis(100))).await.unwrap_err();
        assert!(err.is_timeout());
    }
}

#[tokio::test]
async fn a_huge_body_that_is_not_the_type_gives_a_bounded_error() {
    let server = MockServer::start().await;
    let huge = vec![b'x'; 100 << 20];
    Mock::given(path("/v1.0/me")).respond_with(ResponseTemplate::new(200).set_body_raw(huge, "application/json")).mount(&server).await;
    let response = client(&server.uri(), fast()).execute(get("/me"), &RequestOptions::default()).await.unwrap();
    match json_response::<serde_json::Value>(response).unwrap_err() {
        Error::Decode { body, .. } => assert!(body.len() < EXCERPT_BYTES + 64, "{}", body.len()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn every_request_names_itself_and_carries_the_token_home_only() {
    let graph = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(path("/v1.0/me/photo/$value"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", format!("{}/download?sig=1", elsewhere.uri()).as_str()))
        .mount(&graph)
        .await;
    Mock::given(path("/download")).respond_with(ResponseTemplate::new(200).set_body_raw(b"bytes".to_vec(), "image/jpeg")).mount(&elsewhere).await;
    Mock::given(method("GET"))
        .and(path("/v1.0/me"))
        .and(header("Authorization", "Bearer s3cr3t-token"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&graph)
        .await;
    let c = client(&graph.uri(), fast());
    assert_eq!(status_of(&c, get("/me")).await, (200, 1));
    let r = c.execute(get("/me/photo/$value"), &RequestOptions::default().header("ConsistencyLevel", "eventual")).await.unwrap();
    assert_eq!((r.status, r.body.as_slice()), (200, &b"bytes"[..]));
    let away = &elsewhere.received_requests().await.unwrap()[0];
    assert!(away.headers.get("Authorization").is_none(), "the token went to another host");
    let home = graph.received_requests().await.unwrap();
    let ids: Vec<_> = home.iter().map(|r| r.headers.get("client-request-id").unwrap().to_str().unwrap().to_owned()).collect();
    assert_ne!(ids[0], ids[1], "a fresh client-request-id per call");
    assert!(home[0].headers.get("User-Agent").unwrap().to_str().unwrap().starts_with("graphgen-runtime/"));
    assert_eq!(home[1].headers.get("ConsistencyLevel").unwrap(), "eventual");
}

/// Issues `t0`, `t1`, ... expiring after `lifetime`, and records each request.
struct Issuing {
    lifetime: Duration,
    asked: Mutex<Vec<TokenRequest>>,
}

impl TokenProvider for Issuing {
    fn token<'a>(&'a self, request: &'a TokenRequest) -> futures_util::future::BoxFuture<'a, Result<AccessToken, BoxError>> {
        let mut asked = self.asked.lock().unwrap();
        let token = AccessToken::new(format!("t{}", asked.len()), Some(SystemTime::now() + self.lifetime));
        asked.push(request.clone());
        Box::pin(std::future::ready(Ok(token)))
    }
}

#[tokio::test]
async fn tokens_refresh_on_expiry_and_on_a_claims_challenge() {
    let server = MockServer::start().await;
    let challenge = r#"Bearer error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ==""#;
    Mock::given(path("/v1.0/me"))
        .and(header("Authorization", "Bearer t0"))
        .respond_with(ResponseTemplate::new(401).insert_header("WWW-Authenticate", challenge))
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/me")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let provider = Arc::new(Issuing { lifetime: Duration::from_secs(3600), asked: Mutex::new(Vec::new()) });
    struct Shared(Arc<Issuing>);
    impl TokenProvider for Shared {
        fn token<'a>(&'a self, request: &'a TokenRequest) -> futures_util::future::BoxFuture<'a, Result<AccessToken, BoxError>> {
            self.0.token(request)
        }
    }
    let c = Client::builder(Cloud::Custom(server.uri())).token_provider(Shared(provider.clone())).retry(fast()).build().unwrap();
    assert_eq!(status_of(&c, get("/me")).await, (200, 2));
    let asked = provider.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[0].scopes, vec![format!("{}/.default", server.uri())]);
    assert_eq!(asked[1].claims.as_deref(), Some("eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="));

    // Tokens that expire within the refresh margin are asked for each time.
    let short = Arc::new(Issuing { lifetime: Duration::from_secs(60), asked: Mutex::new(Vec::new()) });
    let c = Client::builder(Cloud::Custom(server.uri())).token_provider(Shared(short.clone())).build().unwrap();
    for _ in 0..3 {
        c.execute(get("/other"), &RequestOptions::default()).await.unwrap();
    }
    assert_eq!(short.asked.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn nothing_prints_a_token() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/me"))
        .respond_with(ResponseTemplate::new(403).set_body_raw(r#"{"error":{"code":"Forbidden","message":"no"}}"#, "application/json"))
        .mount(&server)
        .await;
    let c = client(&server.uri(), fast());
    let err = json_response::<serde_json::Value>(c.execute(get("/me"), &RequestOptions::default()).await.unwrap()).unwrap_err();
    for text in [format!("{c:?}"), format!("{err:?}"), format!("{err}")] {
        assert!(!text.contains("s3cr3t"), "{text}");
    }
}
