//! Uploads in chunks and streamed downloads, against local servers.

use futures_util::StreamExt;
use graphgen_runtime::*;
use std::sync::{Arc, Mutex};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request as Seen, Respond, ResponseTemplate};

/// An upload session: assembles the chunks it is sent, fails the third
/// PUT once (500), answers status GETs with what it has.
struct Session {
    received: Mutex<Vec<u8>>,
    puts: Mutex<u32>,
    total: usize,
}

impl Respond for Session {
    fn respond(&self, request: &Seen) -> ResponseTemplate {
        let have = self.received.lock().unwrap().len();
        if request.method.as_str() == "GET" {
            return ResponseTemplate::new(200).set_body_json(serde_json::json!({"nextExpectedRanges": [format!("{have}-")]}));
        }
        let mut puts = self.puts.lock().unwrap();
        *puts += 1;
        if *puts == 3 {
            return ResponseTemplate::new(500);
        }
        let range = request.headers.get("Content-Range").unwrap().to_str().unwrap().to_owned();
        let (span, total) = range.strip_prefix("bytes ").unwrap().split_once('/').unwrap();
        let start: usize = span.split('-').next().unwrap().parse().unwrap();
        assert_eq!(total.parse::<usize>().unwrap(), self.total);
        assert_eq!(start, have, "chunks arrive in order, resumed where the service is");
        assert!(
            request.body.len().is_multiple_of(UPLOAD_CHUNK_UNIT) || have + request.body.len() == self.total,
            "a multiple of 320 KiB, but the last"
        );
        let mut received = self.received.lock().unwrap();
        received.extend_from_slice(&request.body);
        if received.len() == self.total {
            ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "item-1", "size": self.total}))
        } else {
            ResponseTemplate::new(202).set_body_json(serde_json::json!({"nextExpectedRanges": [format!("{}-", received.len())]}))
        }
    }
}

#[tokio::test]
async fn a_large_file_uploads_in_chunks_and_resumes_after_a_failed_one() {
    let graph = MockServer::start().await;
    let uploads = MockServer::start().await;
    let total = 25 << 20;
    let session = Arc::new(Session { received: Mutex::new(Vec::new()), puts: Mutex::new(0), total });
    struct Shared(Arc<Session>);
    impl Respond for Shared {
        fn respond(&self, r: &Seen) -> ResponseTemplate {
            self.0.respond(r)
        }
    }
    Mock::given(path("/upload/session-1")).respond_with(Shared(session.clone())).mount(&uploads).await;
    let data: Vec<u8> = (0..total).map(|i| (i * 7 % 251) as u8).collect();
    let client = Client::new(Cloud::Custom(graph.uri()), "s3cr3t");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = seen.clone();
    let options = UploadOptions { progress: Some(Box::new(move |done, all| progress.lock().unwrap().push((done, all)))), ..Default::default() };
    let url = format!("{}/upload/session-1", uploads.uri());
    let done = client.upload(&url, &data, options).await.unwrap();
    assert_eq!(done.status, 201);
    assert!(*session.received.lock().unwrap() == data, "the service has every byte, once, in order");
    let requests = uploads.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| r.headers.get("Authorization").is_none()), "the upload URL never sees the token");
    let puts = requests.iter().filter(|r| r.method.as_str() == "PUT").count();
    assert_eq!(puts, 5 + 1, "five 5 MiB chunks, one sent twice");
    assert_eq!(requests.iter().filter(|r| r.method.as_str() == "GET").count(), 1, "one status query after the failure");
    let progress = seen.lock().unwrap().clone();
    assert_eq!(progress.last(), Some(&(total as u64, total as u64)));
    assert!(progress.windows(2).all(|w| w[0].0 <= w[1].0));
}

#[tokio::test]
async fn chunk_sizes_the_service_refuses_are_refused_before_sending() {
    let client = Client::new(Cloud::Custom("http://127.0.0.1:9".into()), "t");
    for chunk_size in [0, 1000, UPLOAD_CHUNK_UNIT + 1, 192 * UPLOAD_CHUNK_UNIT] {
        let err = client.upload("http://127.0.0.1:9/u", &vec![0u8; 10], UploadOptions { chunk_size, ..Default::default() }).await.unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{chunk_size}: {err:?}");
    }
    let err = client.upload("http://127.0.0.1:9/u", &Vec::new(), UploadOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(m) if m.contains("at least one byte")));
}

#[tokio::test]
async fn an_upload_is_cancelled_without_the_token() {
    let uploads = MockServer::start().await;
    Mock::given(method("DELETE")).and(path("/upload/s")).respond_with(ResponseTemplate::new(204)).expect(1).mount(&uploads).await;
    let client = Client::new(Cloud::Custom("http://127.0.0.1:9".into()), "s3cr3t");
    client.cancel_upload(&format!("{}/upload/s", uploads.uri())).await.unwrap();
    assert!(uploads.received_requests().await.unwrap()[0].headers.get("Authorization").is_none());
}

#[tokio::test]
async fn a_download_follows_its_redirect_without_the_token_and_streams() {
    let graph = MockServer::start().await;
    let storage = MockServer::start().await;
    Mock::given(path("/v1.0/me/drive/items/1/content"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", format!("{}/blob?sig=x", storage.uri()).as_str()))
        .mount(&graph)
        .await;
    let body: Vec<u8> = (0..3_000_000u32).map(|i| i as u8).collect();
    Mock::given(path("/blob")).respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/octet-stream")).mount(&storage).await;
    Mock::given(path("/v1.0/me/drive/items/2/content"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(r#"{"error":{"code":"itemNotFound","message":"gone"}}"#, "application/json"))
        .mount(&graph)
        .await;
    let client = Client::new(Cloud::Custom(graph.uri()), "s3cr3t");
    let get = |id: &str| request::<()>(Method::Get, ApiVersion::V1_0, format!("/me/drive/items/{id}/content"), &[], None).unwrap();
    let mut download = client.download(get("1"), &RequestOptions::default()).await.unwrap();
    assert_eq!((download.status, download.content_length), (200, Some(body.len() as u64)));
    let mut got = Vec::new();
    while let Some(chunk) = download.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, body);
    assert!(storage.received_requests().await.unwrap()[0].headers.get("Authorization").is_none());
    let err = client.download(get("2"), &RequestOptions::default()).await.err().unwrap();
    assert_eq!((err.status(), err.code()), (Some(404), Some("itemNotFound")));
}

/// A file's content, as generated code reads an operation documented with
/// a `302 Found`: the bytes the redirect leads to.
struct Content(&'static str);

impl Operation for Content {
    type Output = Vec<u8>;
    fn request(&self) -> Result<Request, Error> {
        request::<()>(Method::Get, ApiVersion::V1_0, format!("/me/drive/items/{}/content", self.0), &[], None)
    }
    fn response(&self, response: Response) -> Result<Vec<u8>, Error> {
        bytes_response(response)
    }
}

#[tokio::test]
async fn a_call_answers_what_its_redirect_leads_to_whole_or_streamed_with_its_headers() {
    let graph = MockServer::start().await;
    let storage = MockServer::start().await;
    Mock::given(path("/v1.0/me/drive/items/1/content"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", format!("{}/blob", storage.uri()).as_str()))
        .mount(&graph)
        .await;
    let body = "état,節,🙂\n1,2,3\n".as_bytes().to_vec();
    Mock::given(path("/blob")).respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "text/csv")).mount(&storage).await;
    let nav = Nav::new(Client::new(Cloud::Custom(graph.uri()), "s3cr3t"));

    let call = nav.call(Content("1")).header("Prefer", "x");
    // What `request` shows is what is sent: the call's headers included.
    assert!(call.request().unwrap().headers.contains(&("Prefer".to_owned(), "x".to_owned())));
    assert_eq!(call.send().await.unwrap(), body);

    let mut download = nav.call(Content("1")).header("Prefer", "y").download().await.unwrap();
    let mut got = Vec::new();
    while let Some(chunk) = download.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, body);
    let sent = storage.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| r.headers.get("Authorization").is_none()));
    assert_eq!(sent[1].headers.get("Prefer").and_then(|v| v.to_str().ok()), Some("y"));
}
