//! Paging and delta against a local server: links followed as written,
//! headers on every page, loops stopped, count and deltaLink kept.

use futures_util::StreamExt;
use graphgen_runtime::*;
use serde::Deserialize;
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct User {
    id: String,
}

struct ListUsers;

impl Operation for ListUsers {
    type Output = Collection<User>;
    fn request(&self) -> Result<Request, Error> {
        request::<()>(Method::Get, ApiVersion::V1_0, "/users".into(), &[("$count".into(), "true".into())], None)
    }
    fn response(&self, response: Response) -> Result<Self::Output, Error> {
        json_response(response)
    }
}

fn page(ids: &[&str], next: Option<&str>, delta: Option<&str>, count: Option<i64>) -> ResponseTemplate {
    let mut body = serde_json::json!({ "value": ids.iter().map(|id| serde_json::json!({"id": id})).collect::<Vec<_>>() });
    if let Some(n) = next {
        body["@odata.nextLink"] = n.into();
    }
    if let Some(d) = delta {
        body["@odata.deltaLink"] = d.into();
    }
    if let Some(c) = count {
        body["@odata.count"] = c.into();
    }
    ResponseTemplate::new(200).set_body_json(body)
}

fn client(server: &MockServer) -> Client {
    Client::new(Cloud::Custom(server.uri()), "t")
}

fn eventual() -> RequestOptions {
    RequestOptions::default().header("ConsistencyLevel", "eventual")
}

#[tokio::test]
async fn three_pages_with_their_links_untouched_and_headers_kept() {
    let server = MockServer::start().await;
    // A skiptoken with `+`, `/`, `=` and an encoded `+` (`%2B`): sent back byte for byte.
    let token2 = "X%2BY+Z/w==";
    let token3 = "é%2F日本";
    Mock::given(path("/v1.0/users"))
        .respond_with(page(&["1", "2"], Some(&format!("{}/v1.0/users?$skiptoken={token2}", server.uri())), None, Some(5)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/v1.0/p3")).respond_with(page(&["5"], None, Some("https://graph.example/delta?token=d1"), None)).mount(&server).await;
    // The second page is asked at /users?$skiptoken=...; route it to p2 by its token.
    Mock::given(path("/v1.0/users"))
        .and(query_param("$skiptoken", "X+Y Z/w=="))
        .respond_with(page(&["3", "4"], Some(&format!("{}/v1.0/p3?$skiptoken={token3}", server.uri())), None, None))
        .mount(&server)
        .await;
    let c = client(&server);
    let mut items = c.stream(&ListUsers, eventual()).unwrap();
    let mut ids = Vec::new();
    while let Some(user) = items.next().await {
        ids.push(user.unwrap().id);
    }
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(items.odata_count(), Some(5));
    assert_eq!(items.delta_link(), Some("https://graph.example/delta?token=d1"));
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen.len(), 3);
    for r in &seen {
        assert_eq!(r.headers.get("ConsistencyLevel").unwrap(), "eventual", "{}", r.url);
    }
    assert_eq!(seen[1].url.query(), Some(format!("$skiptoken={token2}").as_str()), "never re-encoded (%2B stays %2B, + stays +)");
    assert_eq!(seen[2].url.path(), "/v1.0/p3");
    assert_eq!(seen[2].url.query(), Some("$skiptoken=%C3%A9%2F%E6%97%A5%E6%9C%AC"), "only what a URL can't hold is encoded");
}

#[tokio::test]
async fn a_loop_of_links_is_stopped_and_said() {
    let server = MockServer::start().await;
    let again = format!("{}/v1.0/again", server.uri());
    Mock::given(path("/v1.0/users")).respond_with(page(&["1"], Some(&again), None, None)).mount(&server).await;
    Mock::given(path("/v1.0/again")).respond_with(page(&["2"], Some(&again), None, None)).mount(&server).await;
    let pages: Vec<_> = client(&server).pages(&ListUsers, RequestOptions::default()).unwrap().collect().await;
    assert_eq!(pages.len(), 3, "two pages, then the loop as an error");
    assert!(pages[0].is_ok() && pages[1].is_ok());
    assert!(matches!(&pages[2], Err(Error::Invalid(m)) if m.contains("a second time")), "{:?}", pages[2].as_ref().err());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_delta_query_resumes_from_its_delta_link() {
    let server = MockServer::start().await;
    let delta = format!("{}/v1.0/users/delta?$deltatoken=a%2Bb", server.uri());
    Mock::given(path("/v1.0/users")).respond_with(page(&["1"], None, Some(&delta), None)).mount(&server).await;
    Mock::given(path("/v1.0/users/delta"))
        .respond_with(page(&["2"], None, Some(&format!("{}/v1.0/users/delta?$deltatoken=next", server.uri())), None))
        .mount(&server)
        .await;
    let c = client(&server);
    let mut first = c.pages(&ListUsers, RequestOptions::default()).unwrap();
    while first.next().await.is_some() {}
    let saved = first.delta_link().unwrap().to_owned();
    let mut resumed = c.resume::<User>(&saved, eventual()).items();
    assert_eq!(resumed.next().await.unwrap().unwrap(), User { id: "2".into() });
    assert!(resumed.next().await.is_none());
    assert!(resumed.delta_link().unwrap().ends_with("$deltatoken=next"));
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen[1].url.query(), Some("$deltatoken=a%2Bb"));
    assert_eq!(seen[1].headers.get("ConsistencyLevel").unwrap(), "eventual");
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(path("/v1.0/users")).respond_with(page(&["1"], Some(&format!("{}/v1.0/gone", server.uri())), None, None)).mount(&server).await;
    Mock::given(path("/v1.0/gone")).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    let items: Vec<_> = client(&server).stream(&ListUsers, RequestOptions::default()).unwrap().collect().await;
    assert_eq!(items.len(), 2);
    assert!(items[1].as_ref().is_err_and(|e| e.is_not_found()));
}
