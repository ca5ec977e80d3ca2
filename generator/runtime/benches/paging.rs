//! The runtime's overhead: a paged list of 10,000 small items (100 pages)
//! from a local server, read through `Client::stream`, against a plain
//! reqwest + serde_json loop making the same requests. Prints both times
//! (best of N, alternated), both peaks of allocated memory, and their
//! ratios (target: 1.2 at most).
//!
//!     cargo bench -p graphgen-runtime --bench paging -- [--runs N]

use futures_util::StreamExt;
use graphgen_runtime::*;
use serde::Deserialize;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Counts live bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ITEMS: usize = 10_000;
const PER_PAGE: usize = 100;

#[derive(Deserialize)]
#[allow(dead_code)]
struct User {
    id: String,
    #[serde(rename = "displayName")]
    display_name: String,
    mail: Option<String>,
}

#[derive(Deserialize)]
struct Page {
    value: Vec<User>,
    #[serde(rename = "@odata.nextLink")]
    next_link: Option<String>,
}

struct ListUsers;

impl Operation for ListUsers {
    type Output = Collection<User>;
    fn request(&self) -> Result<Request, Error> {
        request::<()>(Method::Get, ApiVersion::V1_0, "/users".into(), &[("$top".into(), PER_PAGE.to_string())], None)
    }
    fn response(&self, response: Response) -> Result<Self::Output, Error> {
        json_response(response)
    }
}

/// Pages rendered once; the server answers each request on a kept-alive
/// connection with the page its skiptoken names.
fn pages(base: &str) -> Vec<Vec<u8>> {
    (0..ITEMS / PER_PAGE)
        .map(|p| {
            let value: Vec<serde_json::Value> = (p * PER_PAGE..(p + 1) * PER_PAGE)
                .map(|i| serde_json::json!({"id": format!("{i:08x}-0000-4000-8000-000000000000"), "displayName": format!("User {i}"), "mail": format!("user{i}@contoso.com")}))
                .collect();
            let mut body = serde_json::json!({ "value": value });
            if p + 1 < ITEMS / PER_PAGE {
                body["@odata.nextLink"] = format!("{base}/v1.0/users?$top={PER_PAGE}&$skiptoken={}", p + 1).into();
            }
            let body = serde_json::to_vec(&body).unwrap();
            let mut answer = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len()).into_bytes();
            answer.extend(body);
            answer
        })
        .collect()
}

async fn serve(listener: tokio::net::TcpListener, pages: std::sync::Arc<Vec<Vec<u8>>>) {
    while let Ok((mut socket, _)) = listener.accept().await {
        let pages = pages.clone();
        tokio::spawn(async move {
            let mut data = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => data.extend_from_slice(&buf[..n]),
                    }
                    continue;
                };
                let head = String::from_utf8_lossy(&data[..end]).to_string();
                data.drain(..end + 4);
                let page: usize = head.split_once("$skiptoken=").and_then(|(_, t)| t.split([' ', '&']).next()?.parse().ok()).unwrap_or(0);
                if socket.write_all(&pages[page]).await.is_err() {
                    return;
                }
            }
        });
    }
}

async fn through_runtime(client: &Client) -> usize {
    let mut items = client.stream(&ListUsers, RequestOptions::default()).unwrap();
    let mut n = 0;
    while let Some(user) = items.next().await {
        user.unwrap();
        n += 1;
    }
    n
}

async fn plain_loop(http: &reqwest::Client, base: &str) -> usize {
    let mut url = format!("{base}/v1.0/users?$top={PER_PAGE}");
    let mut n = 0;
    loop {
        let body = http.get(&url).bearer_auth("t").header("Accept", "application/json").send().await.unwrap().bytes().await.unwrap();
        let page: Page = serde_json::from_slice(&body).unwrap();
        n += page.value.len();
        match page.next_link {
            Some(next) => url = next,
            None => return n,
        }
    }
}

/// Time and peak allocated bytes (above what was live before) of one run.
async fn measure<F: std::future::Future<Output = usize>>(run: F) -> (Duration, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = Instant::now();
    let n = run.await;
    let elapsed = started.elapsed();
    assert_eq!(n, ITEMS);
    (elapsed, PEAK.load(Ordering::Relaxed) - base)
}

fn main() {
    let runs = std::env::args().skip_while(|a| a != "--runs").nth(1).and_then(|n| n.parse().ok()).unwrap_or(7);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener, std::sync::Arc::new(pages(&base))));
        let client = Client::new(Cloud::Custom(base.clone()), "t");
        let http = reqwest::Client::new();
        // Warm both connection pools.
        through_runtime(&client).await;
        plain_loop(&http, &base).await;
        let (mut runtime, mut plain) = ((Duration::MAX, 0), (Duration::MAX, 0));
        for _ in 0..runs {
            let r = measure(through_runtime(&client)).await;
            let p = measure(plain_loop(&http, &base)).await;
            runtime = (runtime.0.min(r.0), runtime.1.max(r.1));
            plain = (plain.0.min(p.0), plain.1.max(p.1));
        }
        println!("paged list of {ITEMS} items in {} pages, best of {runs}:", ITEMS / PER_PAGE);
        println!("  plain reqwest + serde_json loop: {:>8.1} ms, peak {:>6} KiB allocated", plain.0.as_secs_f64() * 1e3, plain.1 / 1024);
        println!("  graphgen-runtime Client::stream: {:>8.1} ms, peak {:>6} KiB allocated", runtime.0.as_secs_f64() * 1e3, runtime.1 / 1024);
        println!(
            "  ratio: time {:.2}, memory {:.2} (target 1.2 at most)",
            runtime.0.as_secs_f64() / plain.0.as_secs_f64(),
            runtime.1 as f64 / plain.1 as f64
        );
    });
}
