//! JSON batching (`POST /$batch`): typed operations sent 20 at a time,
//! their answers read back as each operation's output, matched by id.
//!
//! Checked before anything is sent: ids are unique, every `dependsOn`
//! names an item of the batch, there is no cycle, and a group of items
//! tied by dependencies fits one call (the service resolves `dependsOn`
//! only inside one call). Items the service throttles inside a batch (429,
//! 503, 504 with their own `Retry-After`) are sent again in a later call,
//! with the items that failed only because they depended on them (424),
//! as the retry policy allows: the official SDKs leave that to the caller.

use crate::client::Auth;
use crate::retry::{is_retryable_status, parse_retry_after};
use crate::{json_response, ApiVersion, Call, Client, Error, Method, Operation, Request, RequestOptions, Response};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::time::Duration;

/// The most requests one `$batch` call takes.
pub const MAX_BATCH: usize = 20;

/// Operations to send together.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    items: Vec<Item>,
}

#[derive(Clone, Debug)]
struct Item {
    id: String,
    request: Request,
    depends_on: Vec<String>,
}

/// Names one operation's answer in the batch's responses.
#[derive(Debug)]
pub struct BatchKey<O> {
    id: String,
    operation: PhantomData<fn() -> O>,
}

impl<O> BatchKey<O> {
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an operation (or a fluent call) with the next free numeric id.
    pub fn add<B: Batchable>(&mut self, item: &B) -> Result<BatchKey<B::Operation>, Error> {
        let id = (self.items.len() + 1..).map(|n| n.to_string()).find(|id| !self.items.iter().any(|i| &i.id == id)).expect("a free id");
        self.add_with(id, item, &[])
    }

    /// Adds an operation (or a fluent call) with an id of yours, sent only
    /// after (and only if) the items it depends on succeed.
    pub fn add_with<B: Batchable>(&mut self, id: impl Into<String>, item: &B, depends_on: &[&str]) -> Result<BatchKey<B::Operation>, Error> {
        let id = id.into();
        if self.items.iter().any(|i| i.id == id) {
            return Err(Error::Invalid(format!("the batch already has an item with id {id:?}")));
        }
        let request = item.batch_request()?;
        self.items.push(Item { id: id.clone(), request, depends_on: depends_on.iter().map(|d| (*d).to_owned()).collect() });
        Ok(BatchKey { id, operation: PhantomData })
    }

    /// The calls to make: groups of items tied by `dependsOn` kept whole,
    /// packed in order, at most `MAX_BATCH` a call and one API version a call.
    fn plan(&self, ids: &BTreeSet<String>) -> Result<Vec<Vec<usize>>, Error> {
        let index: BTreeMap<&str, usize> = self.items.iter().enumerate().map(|(i, it)| (it.id.as_str(), i)).collect();
        // Union-find over dependencies: a group is what must share a call.
        let mut parent: Vec<usize> = (0..self.items.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for (i, item) in self.items.iter().enumerate() {
            for d in &item.depends_on {
                let j = *index
                    .get(d.as_str())
                    .ok_or_else(|| Error::Invalid(format!("item {:?} depends on {d:?}, which is not in the batch", item.id)))?;
                if self.items[j].request.api_version != item.request.api_version {
                    return Err(Error::Invalid(format!("item {:?} depends on {d:?}, of another API version: they can't share a call", item.id)));
                }
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
        self.check_acyclic(&index)?;
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in (0..self.items.len()).filter(|&i| ids.contains(&self.items[i].id)) {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
        groups.sort_by_key(|g| g[0]);
        let mut calls: Vec<Vec<usize>> = Vec::new();
        for group in groups {
            if group.len() > MAX_BATCH {
                return Err(Error::Invalid(format!(
                    "{} items are tied by dependsOn (from {:?}); one $batch call takes {MAX_BATCH}",
                    group.len(),
                    self.items[group[0]].id
                )));
            }
            let version = self.items[group[0]].request.api_version;
            match calls.iter_mut().find(|c| c.len() + group.len() <= MAX_BATCH && self.items[c[0]].request.api_version == version) {
                Some(call) => call.extend(group),
                None => calls.push(group),
            }
        }
        Ok(calls)
    }

    fn check_acyclic(&self, index: &BTreeMap<&str, usize>) -> Result<(), Error> {
        // 0 unvisited, 1 on the path, 2 done.
        let mut state = vec![0u8; self.items.len()];
        for start in 0..self.items.len() {
            let mut stack = vec![(start, 0usize)];
            while let Some((i, next)) = stack.pop() {
                if next == 0 {
                    if state[i] == 2 {
                        continue;
                    }
                    state[i] = 1;
                }
                match self.items[i].depends_on.get(next) {
                    Some(d) => {
                        stack.push((i, next + 1));
                        let j = index[d.as_str()];
                        match state[j] {
                            1 => return Err(Error::Invalid(format!("dependsOn makes a cycle through {:?}", self.items[j].id))),
                            0 => stack.push((j, 0)),
                            _ => {}
                        }
                    }
                    None => state[i] = 2,
                }
            }
        }
        Ok(())
    }
}

/// What a batch takes: an operation, or a fluent [`Call`] with the query
/// options and headers set on it.
///
/// Its methods are named apart from `Operation`'s and `Call`'s, so that
/// having it in scope (`use runtime::*`) makes no call ambiguous.
pub trait Batchable {
    type Operation: Operation;
    fn batch_operation(&self) -> &Self::Operation;
    /// The request the item stands for.
    fn batch_request(&self) -> Result<Request, Error>;
}

impl<O: Operation> Batchable for O {
    type Operation = O;
    fn batch_operation(&self) -> &O {
        self
    }
    fn batch_request(&self) -> Result<Request, Error> {
        self.request()
    }
}

impl<O: Operation> Batchable for Call<O> {
    type Operation = O;
    fn batch_operation(&self) -> &O {
        self.operation()
    }
    fn batch_request(&self) -> Result<Request, Error> {
        self.request()
    }
}

/// The answers of a batch, by item id.
#[derive(Debug, Default)]
pub struct BatchResponses {
    by_id: BTreeMap<String, Response>,
    /// Items answered with a redirect that could not be followed: why.
    unfollowed: BTreeMap<String, Unfollowed>,
}

/// Why a batch item's redirect could not be followed, kept to be given as
/// the item's error (a transport error is not `Clone`; its text is kept).
#[derive(Debug)]
struct Unfollowed {
    timeout: bool,
    attempts: u32,
    reason: String,
}

impl BatchResponses {
    /// An item's answer as its operation's output (a 424 is the error of
    /// an item whose dependency failed; a redirect that could not be
    /// followed, why not).
    pub fn output<B: Batchable>(&self, key: &BatchKey<B::Operation>, item: &B) -> Result<<B::Operation as Operation>::Output, Error> {
        if let Some(why) = self.unfollowed.get(&key.id) {
            let location = self.by_id.get(&key.id).and_then(|r| r.header("location")).unwrap_or_default();
            let source = format!("following the item's redirect to {location}: {}", why.reason);
            return Err(Error::Transport { timeout: why.timeout, attempts: why.attempts, source: source.into() });
        }
        let response = self.by_id.get(&key.id).cloned().ok_or_else(|| Error::Invalid(format!("the batch has no answer for item {:?}", key.id)))?;
        item.batch_operation().response(response)
    }

    /// An item's raw answer.
    pub fn response(&self, id: &str) -> Option<&Response> {
        self.by_id.get(id)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[derive(Deserialize)]
struct Answers {
    responses: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    id: String,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
}

impl Client {
    /// Sends a batch in as many `$batch` calls as it takes, and returns
    /// every item's answer.
    pub async fn send_batch(&self, batch: &Batch, options: &RequestOptions) -> Result<BatchResponses, Error> {
        let policy = options.retry.clone().unwrap_or_else(|| self.retry_policy().clone());
        let mut pending: BTreeSet<String> = batch.items.iter().map(|i| i.id.clone()).collect();
        let mut answers = BatchResponses::default();
        for round in 0..=policy.max_retries {
            let mut throttled: Vec<(String, Option<Duration>)> = Vec::new();
            for call in batch.plan(&pending)? {
                let version = batch.items[call[0]].request.api_version;
                for (id, response) in self.batch_call(batch, &call, options).await? {
                    let response = match self.followed(response, version, options).await {
                        Ok(response) => {
                            answers.unfollowed.remove(&id);
                            response
                        }
                        Err((redirect, why)) => {
                            answers.unfollowed.insert(id.clone(), why);
                            redirect
                        }
                    };
                    if is_retryable_status(response.status) {
                        throttled.push((id.clone(), response.header("retry-after").and_then(parse_retry_after)));
                    }
                    answers.by_id.insert(id, response);
                }
            }
            if throttled.is_empty() || round == policy.max_retries {
                break;
            }
            // Again: the throttled items, and those that failed (424) only
            // because they depend on one of them.
            let mut again: BTreeSet<String> = throttled.iter().map(|(id, _)| id.clone()).collect();
            loop {
                let more: Vec<String> = batch
                    .items
                    .iter()
                    .filter(|i| {
                        !again.contains(&i.id)
                            && answers.by_id.get(&i.id).is_some_and(|r| r.status == 424)
                            && i.depends_on.iter().any(|d| again.contains(d))
                    })
                    .map(|i| i.id.clone())
                    .collect();
                if more.is_empty() {
                    break;
                }
                again.extend(more);
            }
            let wait = throttled.iter().map(|(_, ra)| policy.delay(round + 1, *ra)).max().unwrap_or_default();
            tracing::debug!(items = again.len(), wait_ms = wait.as_millis() as u64, "batch items throttled; sending them again");
            tokio::time::sleep(wait).await;
            pending = again;
        }
        Ok(answers)
    }

    /// An item answered with a redirect (a file's content: the docs' own
    /// batch example answers `/content` with `302 Found`) is followed as a
    /// call alone follows it: its `Location`, a pre-authenticated download
    /// URL, fetched without the token, and the item's answer is what that
    /// gives. Where the fetch fails, the redirect stays the answer
    /// (`BatchResponses::response` has its `Location`) and why it failed
    /// is the item's error.
    async fn followed(&self, answer: Response, version: ApiVersion, options: &RequestOptions) -> Result<Response, (Response, Unfollowed)> {
        let location = answer.header("location").filter(|_| matches!(answer.status, 301 | 302 | 303 | 307 | 308));
        let Some(location) = location else { return Ok(answer) };
        let get =
            Request { method: Method::Get, api_version: version, path: "/$batch".to_owned(), query: Vec::new(), headers: Vec::new(), body: None };
        // A relative `Location` is the API's, as the item's URL is.
        let url = match reqwest::Url::parse(&get.url(self.cloud())).and_then(|base| base.join(location)) {
            Ok(url) => url,
            Err(e) => {
                let why = Unfollowed { timeout: false, attempts: 0, reason: format!("not a URL ({e})") };
                return Err((answer, why));
            }
        };
        let fetched: Result<Response, Error> = async { self.sent(&get, url.into(), options, Auth::None).await?.read().await }.await;
        fetched.map_err(|e| {
            let why = match e {
                Error::Transport { timeout, attempts, source } => Unfollowed { timeout, attempts, reason: source.to_string() },
                other => Unfollowed { timeout: false, attempts: 0, reason: other.to_string() },
            };
            (answer, why)
        })
    }

    async fn batch_call(&self, batch: &Batch, call: &[usize], options: &RequestOptions) -> Result<Vec<(String, Response)>, Error> {
        let version = batch.items[call[0]].request.api_version;
        let requests: Vec<Value> = call.iter().map(|&i| item_json(&batch.items[i])).collect::<Result<_, _>>()?;
        let request = crate::request(Method::Post, version, "/$batch".to_owned(), &[], Some(&json!({ "requests": requests })))?;
        let answers: Answers = json_response(self.execute(request, options).await?)?;
        let ids: BTreeSet<&str> = call.iter().map(|&i| batch.items[i].id.as_str()).collect();
        let mut out = Vec::new();
        for answer in answers.responses {
            if !ids.contains(answer.id.as_str()) {
                return Err(Error::Invalid(format!("the $batch answer names item {:?}, which this call did not send", answer.id)));
            }
            let headers: Vec<(String, String)> = answer.headers.into_iter().collect();
            let body = answer_body(answer.body, content_type(&headers))?;
            out.push((answer.id, Response::new(answer.status, headers, body)));
        }
        if out.len() != call.len() {
            let answered: BTreeSet<&str> = out.iter().map(|(id, _)| id.as_str()).collect();
            let missing: Vec<&&str> = ids.iter().filter(|id| !answered.contains(**id)).collect();
            return Err(Error::Invalid(format!("the $batch answer has no answer for items {missing:?}")));
        }
        Ok(out)
    }
}

/// One item as `$batch` takes it.
fn item_json(item: &Item) -> Result<Value, Error> {
    let r = &item.request;
    let mut v = json!({ "id": item.id, "method": r.method.as_str(), "url": r.relative_url() });
    let headers: serde_json::Map<String, Value> =
        r.headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("accept")).map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
    if !headers.is_empty() {
        v["headers"] = Value::Object(headers);
    }
    if let Some(body) = &r.body {
        // JSON goes as JSON; other content (a photo, a message in MIME) as
        // base64 text, the form `$batch` takes it in, its `Content-Type`
        // header saying what it is.
        v["body"] = match content_type(&r.headers) {
            Some(media) if !is_json_media(media) => Value::String(BASE64.encode(body)),
            _ => serde_json::from_slice(body).map_err(Error::Encode)?,
        };
    }
    if !item.depends_on.is_empty() {
        v["dependsOn"] = json!(item.depends_on);
    }
    Ok(v)
}

/// An item's answer body as the bytes a call on its own would have got.
/// `$batch` answers content that is not JSON (a photo, a file, a CSV) as
/// base64 text, and JSON too where the request was sent as content (an
/// upload's item): the text is decoded where the item's `Content-Type`
/// says content, or says JSON and the decoded text is a JSON object or
/// array. Text that is not base64 is content as written; any other JSON
/// value is its JSON text.
fn answer_body(body: Option<Value>, media: Option<&str>) -> Result<Vec<u8>, Error> {
    let text = match body {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(text)) => text,
        Some(v) => return serde_json::to_vec(&v).map_err(Error::Encode),
    };
    let decoded = BASE64.decode(text.trim());
    match (media, decoded) {
        (Some(m), Ok(bytes)) if !is_json_media(m) => Ok(bytes),
        (Some(m), Err(_)) if !is_json_media(m) => Ok(text.into_bytes()),
        (Some(_), Ok(bytes)) if is_json_container(&bytes) => Ok(bytes),
        _ => serde_json::to_vec(&Value::String(text)).map_err(Error::Encode),
    }
}

/// The `Content-Type` among headers, whatever its case.
fn content_type(headers: &[(String, String)]) -> Option<&str> {
    crate::request::header(headers, "content-type")
}

/// `application/json`, with parameters or a `+json` suffix.
fn is_json_media(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Bytes that are a JSON object or array, as Graph's JSON answers are.
fn is_json_container(bytes: &[u8]) -> bool {
    let start = bytes.iter().find(|b| !b.is_ascii_whitespace());
    matches!(start, Some(b'{' | b'[')) && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiVersion;

    #[test]
    fn an_answer_body_is_the_bytes_a_call_alone_gets() {
        // (the item's body, its Content-Type, the bytes): base64 decoded
        // where the media type says content, or says JSON and the decoded
        // text is an object; content that is not base64 as written; any
        // other JSON as its text.
        let b64 = |b: &[u8]| Value::String(BASE64.encode(b));
        let cases: [(Option<Value>, Option<&str>, Vec<u8>); 10] = [
            (None, None, vec![]),
            (Some(Value::Null), Some("application/json"), vec![]),
            (Some(json!({"id": "é"})), Some("application/json"), r#"{"id":"é"}"#.as_bytes().to_vec()),
            (Some(b64(&[0xff, 0xd8, 0xff, 0xe0])), Some("image/jpeg"), vec![0xff, 0xd8, 0xff, 0xe0]),
            (Some(b64("a,b\né,日本".as_bytes())), Some("text/csv; charset=utf-8"), "a,b\né,日本".as_bytes().to_vec()),
            (Some(b64(r#"{"id":"日本"}"#.as_bytes())), Some("application/json; odata.metadata=minimal"), r#"{"id":"日本"}"#.as_bytes().to_vec()),
            (Some(Value::String("394".into())), Some("text/plain"), b"394".to_vec()),
            // Base64 of `123`, and of bytes that are no JSON: strings.
            (Some(Value::String("MTIz".into())), Some("application/json"), br#""MTIz""#.to_vec()),
            (Some(Value::String("abcd".into())), Some("application/json"), br#""abcd""#.to_vec()),
            (Some(Value::String("é".into())), None, "\"é\"".as_bytes().to_vec()),
        ];
        for (body, media, want) in cases {
            let got = answer_body(body.clone(), media).unwrap();
            assert_eq!(got, want, "{body:?} {media:?}: {}", String::from_utf8_lossy(&got));
        }
    }

    #[test]
    fn content_is_sent_as_base64_and_json_as_json() {
        let json_request = crate::request(Method::Post, ApiVersion::V1_0, "/me/sendMail".into(), &[], Some(&json!({"note": "é"}))).unwrap();
        let mime = "From: é <e@example.com>\nSubject: 日本\n\nbody";
        let content = crate::with_content(
            crate::request::<()>(Method::Post, ApiVersion::V1_0, "/me/sendMail".into(), &[], None),
            &crate::Content::new(mime, "text/plain"),
        )
        .unwrap();
        let item = |request: Request| item_json(&Item { id: "1".into(), request, depends_on: Vec::new() }).unwrap();
        let sent = item(json_request);
        assert_eq!(sent["body"], json!({"note": "é"}));
        let sent = item(content);
        assert_eq!(sent["body"], Value::String(BASE64.encode(mime)));
        assert_eq!(sent["headers"]["Content-Type"], "text/plain");
    }

    struct Get(&'static str);
    impl Operation for Get {
        type Output = Value;
        fn request(&self) -> Result<Request, Error> {
            crate::request::<()>(Method::Get, ApiVersion::V1_0, self.0.to_owned(), &[], None)
        }
        fn response(&self, r: Response) -> Result<Value, Error> {
            json_response(r)
        }
    }

    fn batch(deps: &[(&str, &[&str])]) -> Result<Vec<Vec<usize>>, Error> {
        let mut b = Batch::new();
        for (id, on) in deps {
            b.add_with(*id, &Get("/me"), on)?;
        }
        let all = b.items.iter().map(|i| i.id.clone()).collect();
        b.plan(&all)
    }

    #[test]
    fn dependencies_are_checked_and_kept_in_one_call() {
        assert!(matches!(batch(&[("a", &[]), ("a", &[])]), Err(Error::Invalid(m)) if m.contains("already")));
        assert!(matches!(batch(&[("a", &["x"])]), Err(Error::Invalid(m)) if m.contains("not in the batch")));
        assert!(matches!(batch(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"])]), Err(Error::Invalid(m)) if m.contains("cycle")));
        assert!(matches!(batch(&[("a", &["a"])]), Err(Error::Invalid(m)) if m.contains("cycle")));
        // A diamond is no cycle.
        assert!(batch(&[("a", &[]), ("b", &["a"]), ("c", &["a"]), ("d", &["b", "c"])]).is_ok());
        // 25 independent items: 20 + 5. A chain of 3 that would straddle the
        // split moves whole to the next call.
        let ids: Vec<String> = (0..25).map(|i| format!("i{i}")).collect();
        let mut deps: Vec<(&str, &[&str])> = ids[..19].iter().map(|id| (id.as_str(), &[][..])).collect();
        deps.push(("c1", &[]));
        deps.push(("c2", &["c1"]));
        deps.push(("c3", &["c2"]));
        let calls = batch(&deps).unwrap();
        assert_eq!(calls.iter().map(Vec::len).collect::<Vec<_>>(), [19, 3]);
        let long: Vec<String> = (0..21).map(|i| format!("n{i}")).collect();
        let mut b = Batch::new();
        for (i, id) in long.iter().enumerate() {
            let on: Vec<&str> = if i == 0 { vec![] } else { vec![long[i - 1].as_str()] };
            b.add_with(id.as_str(), &Get("/me"), &on).unwrap();
        }
        let all = b.items.iter().map(|i| i.id.clone()).collect();
        assert!(matches!(b.plan(&all), Err(Error::Invalid(m)) if m.contains("21 items are tied")));
    }
}
