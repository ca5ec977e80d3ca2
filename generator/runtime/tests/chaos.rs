//! A chaos run: 1,000 calls (GETs and POSTs, 50 at a time) against a
//! local server that injects a fault into 20% of the requests it gets:
//! 429, 503, a reset connection, a slow body. Every call ends in its
//! value or a typed error; no request is sent more often than the retry
//! policy allows; a POST is never sent again after a reset connection
//! (the server may have acted on it).

use futures_util::StreamExt;
use graphgen_runtime::*;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    None,
    Throttle,
    Unavailable,
    Reset,
    SlowBody,
}

type Log = Arc<Mutex<BTreeMap<String, Vec<(String, Fault)>>>>;

/// Reads one request (head and Content-Length body); returns its method
/// and client-request-id.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<(String, String)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_string();
            let header = |name: &str| {
                head.lines().find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_owned()))
            };
            let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
            while data.len() < end + 4 + length {
                let n = socket.read(&mut buf).await.ok()?;
                if n == 0 {
                    return None;
                }
                data.extend_from_slice(&buf[..n]);
            }
            let method = head.split(' ').next()?.to_owned();
            return Some((method, header("client-request-id")?));
        }
    }
}

async fn serve(listener: tokio::net::TcpListener, log: Log) {
    let rng = Arc::new(Mutex::new(fastrand::Rng::with_seed(7)));
    loop {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        let (log, rng) = (log.clone(), rng.clone());
        tokio::spawn(async move {
            let Some((method, id)) = read_request(&mut socket).await else { return };
            let roll = rng.lock().unwrap().u32(0..100);
            let fault = match roll {
                0..=4 => Fault::Throttle,
                5..=9 => Fault::Unavailable,
                10..=14 => Fault::Reset,
                15..=19 => Fault::SlowBody,
                _ => Fault::None,
            };
            log.lock().unwrap().entry(id).or_default().push((method, fault));
            let body = r#"{"ok":true}"#;
            let answer = match fault {
                Fault::Throttle => {
                    "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0.001\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
                }
                Fault::Unavailable => "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned(),
                Fault::Reset => return,
                Fault::None | Fault::SlowBody => {
                    format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len())
                }
            };
            let _ = socket.write_all(answer.as_bytes()).await;
            if matches!(fault, Fault::None | Fault::SlowBody) {
                for byte in body.as_bytes() {
                    if fault == Fault::SlowBody {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                    let _ = socket.write_all(&[*byte]).await;
                }
            }
        });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_with_one_in_five_faulty() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    tokio::spawn(serve(listener, log.clone()));
    let policy = RetryPolicy { base_delay: Duration::from_millis(1), max_delay: Duration::from_millis(20), ..Default::default() };
    let client = Client::builder(Cloud::Custom(url)).retry(policy.clone()).timeout(Duration::from_secs(5)).build().unwrap();
    let outcomes: Vec<Result<u16, Error>> = futures_util::stream::iter(0..1000)
        .map(|i| {
            let client = client.clone();
            async move {
                let request = if i % 3 == 0 {
                    request(Method::Post, ApiVersion::V1_0, "/me/messages".into(), &[], Some(&serde_json::json!({"n": i}))).unwrap()
                } else {
                    request::<()>(Method::Get, ApiVersion::V1_0, format!("/users/{i}"), &[], None).unwrap()
                };
                client.execute(request, &RequestOptions::default()).await.map(|r| r.status)
            }
        })
        .buffer_unordered(50)
        .collect()
        .await;
    assert_eq!(outcomes.len(), 1000, "every call ended");
    let (mut ok, mut gave_up, mut errors) = (0, 0, 0);
    for outcome in &outcomes {
        match outcome {
            Ok(200) => ok += 1,
            Ok(429 | 503) => gave_up += 1,
            Ok(other) => panic!("status {other}"),
            Err(Error::Transport { .. }) => errors += 1,
            Err(other) => panic!("untyped outcome {other:?}"),
        }
    }
    let log = log.lock().unwrap();
    let mut resent_posts = 0;
    for (id, attempts) in log.iter() {
        assert!(attempts.len() as u32 <= policy.max_retries + 1, "{id} was sent {} times", attempts.len());
        for pair in attempts.windows(2) {
            assert!(!(pair[0].0 == "POST" && pair[0].1 == Fault::Reset), "{id}: a POST was sent again after a reset: {attempts:?}");
        }
        resent_posts += usize::from(attempts[0].0 == "POST" && attempts.len() > 1);
    }
    eprintln!("1,000 calls: {ok} succeeded, {gave_up} gave up after retries, {errors} transport errors; {} requests sent; {resent_posts} POSTs sent again after a 429/503", log.values().map(Vec::len).sum::<usize>());
    assert!(ok >= 900, "retries recover most faults: {ok} of 1,000");
    assert!(errors > 0, "resets of POSTs are errors, not retries");
}
