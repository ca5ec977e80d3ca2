//! A batch of 45 typed operations against a local `$batch` server that
//! answers out of order, throttles two items once and fails one item's
//! dependency.

use graphgen_runtime::*;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Mutex;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request as Seen, Respond, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    id: String,
}

struct GetThing(String);

impl Operation for GetThing {
    type Output = Thing;
    fn request(&self) -> Result<Request, Error> {
        request::<()>(Method::Get, ApiVersion::V1_0, format!("/things/{}", self.0), &[], None)
    }
    fn response(&self, response: Response) -> Result<Thing, Error> {
        json_response(response)
    }
}

/// Answers each call's items in reverse order; `t7` and `t30` are
/// throttled the first time; `t11` fails, so `t12` (which depends on it)
/// gets 424.
struct BatchServer {
    throttled_once: Mutex<BTreeSet<String>>,
    calls: Mutex<Vec<Vec<String>>>,
}

impl Respond for BatchServer {
    fn respond(&self, request: &Seen) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let items = body["requests"].as_array().unwrap();
        assert!(items.len() <= 20, "a call of {} items", items.len());
        self.calls.lock().unwrap().push(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect());
        let mut failed = BTreeSet::new();
        let mut answers = Vec::new();
        for item in items {
            let id = item["id"].as_str().unwrap().to_owned();
            let depends: Vec<&str> = item["dependsOn"].as_array().map(|d| d.iter().map(|x| x.as_str().unwrap()).collect()).unwrap_or_default();
            let answer = if depends.iter().any(|d| failed.contains(*d)) {
                failed.insert(id.clone());
                json!({"id": id, "status": 424, "body": {"error": {"code": "FailedDependency", "message": "dependency failed"}}})
            } else if id == "t11" {
                failed.insert(id.clone());
                json!({"id": id, "status": 500, "body": {"error": {"code": "InternalError", "message": "boom"}}})
            } else if (id == "t7" || id == "t30") && self.throttled_once.lock().unwrap().insert(id.clone()) {
                json!({"id": id, "status": 429, "headers": {"Retry-After": "0.05"}, "body": {"error": {"code": "TooManyRequests", "message": "wait"}}})
            } else {
                let url = item["url"].as_str().unwrap();
                json!({"id": id, "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": url.rsplit('/').next().unwrap()}})
            };
            answers.push(answer);
        }
        answers.reverse();
        ResponseTemplate::new(200).set_body_json(json!({ "responses": answers }))
    }
}

#[tokio::test]
async fn forty_five_operations_in_three_calls_matched_by_id() {
    let server = MockServer::start().await;
    let responder = std::sync::Arc::new(BatchServer { throttled_once: Mutex::new(BTreeSet::new()), calls: Mutex::new(Vec::new()) });
    struct Shared(std::sync::Arc<BatchServer>);
    impl Respond for Shared {
        fn respond(&self, r: &Seen) -> ResponseTemplate {
            self.0.respond(r)
        }
    }
    Mock::given(method("POST")).and(path("/v1.0/$batch")).respond_with(Shared(responder.clone())).mount(&server).await;
    let client = Client::new(Cloud::Custom(server.uri()), "t");
    let mut batch = Batch::new();
    let ops: Vec<GetThing> = (1..=45).map(|i| GetThing(format!("thing-{i}"))).collect();
    let mut keys = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let id = format!("t{}", i + 1);
        let depends: &[&str] = if id == "t12" { &["t11"] } else { &[] };
        keys.push(batch.add_with(id, op, depends).unwrap());
    }
    let answers = client.send_batch(&batch, &RequestOptions::default()).await.unwrap();
    let calls = responder.calls.lock().unwrap().clone();
    assert_eq!(calls.iter().map(Vec::len).collect::<Vec<_>>(), [20, 20, 5, 2], "three calls, then the two throttled items again");
    assert_eq!(calls[3], ["t7", "t30"]);
    for (i, (key, op)) in keys.iter().zip(&ops).enumerate() {
        let output = answers.output(key, op);
        match i + 1 {
            11 => assert_eq!(output.unwrap_err().code(), Some("InternalError")),
            12 => {
                let err = output.unwrap_err();
                assert_eq!((err.status(), err.code()), (Some(424), Some("FailedDependency")));
            }
            n => assert_eq!(output.unwrap(), Thing { id: format!("thing-{n}") }, "item t{n}"),
        }
    }
}

#[tokio::test]
async fn a_throttled_item_takes_its_dependents_along() {
    let server = MockServer::start().await;
    // t7 is throttled once; t8 depends on it and gets 424 the first time.
    struct Dependent(Mutex<u32>);
    impl Respond for Dependent {
        fn respond(&self, request: &Seen) -> ResponseTemplate {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            let mut n = self.0.lock().unwrap();
            *n += 1;
            let answers: Vec<Value> = body["requests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| {
                    let id = item["id"].as_str().unwrap();
                    match (*n, id) {
                        (1, "t7") => json!({"id": id, "status": 429, "headers": {"Retry-After": "0"}}),
                        (1, "t8") => json!({"id": id, "status": 424}),
                        _ => json!({"id": id, "status": 200, "body": {"id": id}}),
                    }
                })
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({ "responses": answers }))
        }
    }
    Mock::given(path("/v1.0/$batch")).respond_with(Dependent(Mutex::new(0))).mount(&server).await;
    let client = Client::new(Cloud::Custom(server.uri()), "t");
    let mut batch = Batch::new();
    let a = batch.add_with("t7", &GetThing("a".into()), &[]).unwrap();
    let b = batch.add_with("t8", &GetThing("b".into()), &["t7"]).unwrap();
    let answers = client.send_batch(&batch, &RequestOptions::default()).await.unwrap();
    assert_eq!(answers.output(&a, &GetThing("a".into())).unwrap().id, "t7");
    assert_eq!(answers.output(&b, &GetThing("b".into())).unwrap().id, "t8");
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen.len(), 2);
    let second: Value = serde_json::from_slice(&seen[1].body).unwrap();
    assert_eq!(second["requests"].as_array().unwrap().len(), 2, "the dependent went along");
    assert_eq!(second["requests"][1]["dependsOn"], json!(["t7"]));
}

/// An operation with query options, as generated ones are.
struct FindThing(Query);

impl Operation for FindThing {
    type Output = Thing;
    fn request(&self) -> Result<Request, Error> {
        query_request(Method::Get, ApiVersion::V1_0, "/things/%C3%A9".to_owned(), &self.0, None::<&()>)
    }
    fn response(&self, response: Response) -> Result<Thing, Error> {
        json_response(response)
    }
}

impl Queryable for FindThing {
    fn query_mut(&mut self) -> &mut Query {
        &mut self.0
    }
}

#[tokio::test]
async fn a_fluent_call_is_batched_with_its_query_options_and_headers() {
    let server = MockServer::start().await;
    let answer = json!({"responses": [{"id": "1", "status": 200, "body": {"id": "日本"}}]});
    Mock::given(path("/v1.0/$batch")).respond_with(ResponseTemplate::new(200).set_body_json(answer)).mount(&server).await;
    let nav = Nav::new(Client::new(Cloud::Custom(server.uri()), "t"));
    let call = nav.call(FindThing(Query::new())).select(["id"]).header("Prefer", "outlook.timezone=\"Europe/Paris\"");
    let mut batch = Batch::new();
    let key = batch.add(&call).unwrap();
    let answers = nav.client().send_batch(&batch, &RequestOptions::default()).await.unwrap();
    assert_eq!(answers.output(&key, &call).unwrap().id, "日本");
    let sent: Value = serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    let item = &sent["requests"][0];
    assert_eq!(item["url"], "/things/%C3%A9?$select=id");
    assert_eq!(item["headers"]["Prefer"], "outlook.timezone=\"Europe/Paris\"");
}

/// A photo's bytes, as a generated operation on `/$value` reads them.
struct GetPhoto;

impl Operation for GetPhoto {
    type Output = Vec<u8>;
    fn request(&self) -> Result<Request, Error> {
        request::<()>(Method::Get, ApiVersion::V1_0, "/me/photo/$value".to_owned(), &[], None)
    }
    fn response(&self, response: Response) -> Result<Vec<u8>, Error> {
        bytes_response(response)
    }
}

/// A message sent as MIME, as a generated content operation sends it.
struct SendMime(Content);

impl Operation for SendMime {
    type Output = ();
    fn request(&self) -> Result<Request, Error> {
        with_content(request::<()>(Method::Post, ApiVersion::V1_0, "/me/sendMail".to_owned(), &[], None), &self.0)
    }
    fn response(&self, response: Response) -> Result<(), Error> {
        bytes_response(response).map(drop)
    }
}

#[tokio::test]
async fn content_goes_and_comes_back_as_base64() {
    // `$batch` carries bodies that are not JSON as base64 text: the MIME
    // sent, the photo answered.
    let photo: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, b'J', b'F', b'I', b'F', 0];
    let encoded = "/9j/4EpGSUYA";
    let answer = json!({"responses": [
        {"id": "2", "status": 202, "body": null},
        {"id": "1", "status": 200, "headers": {"Content-Type": "image/jpeg"}, "body": encoded},
    ]});
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/$batch")).respond_with(ResponseTemplate::new(200).set_body_json(answer)).mount(&server).await;
    let client = Client::new(Cloud::Custom(server.uri()), "t");
    let mime = "From: é <e@example.com>\nSubject: 日本\n\nbody";
    let send = SendMime(Content::new(mime, "text/plain"));
    let mut batch = Batch::new();
    let photo_key = batch.add(&GetPhoto).unwrap();
    let send_key = batch.add(&send).unwrap();
    let answers = client.send_batch(&batch, &RequestOptions::default()).await.unwrap();
    assert_eq!(answers.output(&photo_key, &GetPhoto).unwrap(), photo);
    answers.output(&send_key, &send).unwrap();
    let sent: Value = serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    let item = &sent["requests"][1];
    assert_eq!(item["headers"]["Content-Type"], "text/plain");
    assert_eq!(item["body"], "RnJvbTogw6kgPGVAZXhhbXBsZS5jb20+ClN1YmplY3Q6IOaXpeacrAoKYm9keQ==");
}

#[tokio::test]
async fn a_redirected_item_answers_what_it_leads_to() {
    // The docs' own batch example: `/content` answered `302 Found` to a
    // pre-authenticated URL, fetched as a call alone fetches it (without
    // the token); what a redirect leads to, a 404 too, is the item's
    // answer; one that cannot be fetched, why not is its error.
    let server = MockServer::start().await;
    let file = format!("{}/files/%C3%A9?sig=1", server.uri());
    // A port nothing listens on (not a dropped `MockServer`: wiremock
    // keeps those listening, for the next test that asks for one).
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let unreachable = format!("http://{}/files/x", closed.local_addr().unwrap());
    drop(closed);
    let answer = json!({"responses": [
        {"id": "1", "status": 302, "headers": {"Location": file}},
        {"id": "2", "status": 302, "headers": {"Location": "/gone"}},
        {"id": "3", "status": 302, "headers": {"Location": unreachable}},
    ]});
    Mock::given(path("/v1.0/$batch")).respond_with(ResponseTemplate::new(200).set_body_json(answer)).mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/files/%C3%A9"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes("contenu: é, 日本".as_bytes()))
        .mount(&server)
        .await;
    let client = Client::new(Cloud::Custom(server.uri()), "secret-token");
    let mut batch = Batch::new();
    let file_key = batch.add(&GetPhoto).unwrap();
    let gone_key = batch.add(&GetPhoto).unwrap();
    let unreachable_key = batch.add(&GetPhoto).unwrap();
    let quick = RetryPolicy { max_retries: 1, base_delay: std::time::Duration::from_millis(1), ..Default::default() };
    let answers = client.send_batch(&batch, &RequestOptions { retry: Some(quick), ..Default::default() }).await.unwrap();
    assert_eq!(answers.output(&file_key, &GetPhoto).unwrap(), "contenu: é, 日本".as_bytes());
    match answers.output(&gone_key, &GetPhoto) {
        Err(Error::Http(e)) => assert_eq!(e.status, 404, "{e:?}"),
        other => panic!("expected the redirect's 404, got {other:?}"),
    }
    match answers.output(&unreachable_key, &GetPhoto) {
        Err(e @ Error::Transport { .. }) => assert!(e.to_string().contains(&format!("following the item's redirect to {unreachable}")), "{e}"),
        other => panic!("expected why the redirect could not be followed, got {other:?}"),
    }
    assert_eq!(answers.response("3").map(|r| r.status), Some(302), "the redirect itself is kept");
    let seen = server.received_requests().await.unwrap();
    let download = seen.iter().find(|r| r.url.path() == "/files/%C3%A9").expect("the file was fetched");
    assert!(download.headers.get("authorization").is_none(), "the token went to the download URL");
}
