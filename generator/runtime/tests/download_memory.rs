//! A 200 MiB download streams in constant memory: the process's peak
//! resident size grows by far less than the body (Linux, where
//! /proc/self/status says it). Alone in its binary, so no other test's
//! memory counts.

use futures_util::StreamExt;
use graphgen_runtime::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SIZE: usize = 200 << 20;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn a_200_mib_download_keeps_memory_flat() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 65536];
        let _ = socket.read(&mut buf).await;
        socket.write_all(format!("HTTP/1.1 200 OK\r\ncontent-length: {SIZE}\r\n\r\n").as_bytes()).await.unwrap();
        let chunk = vec![b'z'; 1 << 20];
        for _ in 0..SIZE >> 20 {
            socket.write_all(&chunk).await.unwrap();
        }
    });
    let client = Client::new(Cloud::Custom(url), "t");
    let before = peak_rss_kib();
    let request = request::<()>(Method::Get, ApiVersion::V1_0, "/me/photo/$value".into(), &[], None).unwrap();
    let mut download = client.download(request, &RequestOptions::default()).await.unwrap();
    let mut total = 0;
    while let Some(chunk) = download.next().await {
        total += chunk.unwrap().len();
    }
    assert_eq!(total, SIZE);
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        let grown_mib = (after.saturating_sub(before)) / 1024;
        eprintln!("peak resident size grew by {grown_mib} MiB for a {} MiB download", SIZE >> 20);
        assert!(grown_mib < 32, "the download was buffered: peak grew by {grown_mib} MiB");
    }
}
