//! Files: downloads as a stream of bytes (never buffered whole), and the
//! large-file upload of OneDrive and Outlook attachments (upload sessions).
//!
//! An upload session's URL is pre-authenticated: the client never sends
//! its token there (the Graph SDKs' users report 401s from doing so). Chunks
//! are a multiple of 320 KiB and under 60 MiB, as the service requires;
//! a failed chunk is resumed from the service's `nextExpectedRanges`.

use crate::client::{Auth, Sent};
use crate::error::excerpt;
use crate::{Client, Error, Method, Request, RequestOptions, Response};
use bytes::Bytes;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The unit every upload chunk is a multiple of.
pub const UPLOAD_CHUNK_UNIT: usize = 320 * 1024;
/// The default chunk: 5 MiB (16 units), as the Graph SDKs' upload task.
pub const DEFAULT_UPLOAD_CHUNK: usize = 16 * UPLOAD_CHUNK_UNIT;
/// Chunks must be smaller than 60 MiB.
pub const MAX_UPLOAD_CHUNK: usize = 60 * 1024 * 1024;
/// The most of an error answer read from a download (its excerpt is less).
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A download: status and headers, then the body as it arrives.
pub struct Download {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// `Content-Length`, when the server sent one.
    pub content_length: Option<u64>,
    body: BoxStream<'static, Result<Bytes, Error>>,
}

impl Stream for Download {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.body.as_mut().poll_next(cx)
    }
}

/// Where an upload's bytes come from, a range at a time (a file is never
/// read whole).
pub trait UploadSource: Send + Sync {
    fn len(&self) -> u64;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn read(&self, offset: u64, len: usize) -> BoxFuture<'_, std::io::Result<Vec<u8>>>;
}

impl UploadSource for Vec<u8> {
    fn len(&self) -> u64 {
        self.len() as u64
    }

    fn read(&self, offset: u64, len: usize) -> BoxFuture<'_, std::io::Result<Vec<u8>>> {
        let start = (offset as usize).min(self.len());
        let end = start.saturating_add(len).min(self.len());
        Box::pin(std::future::ready(Ok(self[start..end].to_vec())))
    }
}

/// A file on disk, read a chunk at a time.
pub struct FileSource {
    file: tokio::sync::Mutex<tokio::fs::File>,
    len: u64,
}

impl FileSource {
    pub async fn open(path: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let file = tokio::fs::File::open(path).await?;
        let len = file.metadata().await?.len();
        Ok(FileSource { file: tokio::sync::Mutex::new(file), len })
    }
}

impl UploadSource for FileSource {
    fn len(&self) -> u64 {
        self.len
    }

    fn read(&self, offset: u64, len: usize) -> BoxFuture<'_, std::io::Result<Vec<u8>>> {
        use tokio::io::{AsyncReadExt, AsyncSeekExt};
        Box::pin(async move {
            let mut file = self.file.lock().await;
            file.seek(std::io::SeekFrom::Start(offset)).await?;
            let mut buf = vec![0; len.min((self.len.saturating_sub(offset)) as usize)];
            file.read_exact(&mut buf).await?;
            Ok(buf)
        })
    }
}

/// How an upload goes: chunk size, a progress callback (bytes the service
/// has, of all), and how many failed chunks it resumes after.
pub struct UploadOptions {
    pub chunk_size: usize,
    pub progress: Option<Box<dyn FnMut(u64, u64) + Send>>,
    pub max_resumes: u32,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions { chunk_size: DEFAULT_UPLOAD_CHUNK, progress: None, max_resumes: 3 }
    }
}

impl Client {
    /// Sends a request and gives its body as a stream; an error status is
    /// an `Error` (its body read up to 64 KiB). Redirects to a
    /// pre-authenticated URL (`/content`'s 302) are followed without the token.
    pub async fn download(&self, request: Request, options: &RequestOptions) -> Result<Download, Error> {
        let url = request.url(self.cloud());
        let sent = self.sent(&request, url, options, Auth::Token).await?;
        let (status, headers, attempts) = (sent.status(), sent.headers(), sent.attempts);
        if !(200..300).contains(&status) {
            let body = read_bounded(sent, ERROR_BODY_LIMIT).await?;
            return Err(crate::request::error(Response { status, headers, body, attempts }));
        }
        let content_length = sent.response.content_length();
        let body = sent
            .response
            .bytes_stream()
            .map(move |chunk| chunk.map_err(|e| Error::Transport { timeout: e.is_timeout(), attempts, source: Box::new(e) }))
            .boxed();
        Ok(Download { status, headers, content_length, body })
    }

    /// Uploads `source` to an upload session's URL (from the operation that
    /// creates the session) and returns the service's last answer: the
    /// created item.
    pub async fn upload(&self, upload_url: &str, source: &dyn UploadSource, mut options: UploadOptions) -> Result<Response, Error> {
        let chunk = options.chunk_size;
        if chunk == 0 || !chunk.is_multiple_of(UPLOAD_CHUNK_UNIT) || chunk >= MAX_UPLOAD_CHUNK {
            return Err(Error::Invalid(format!("an upload chunk must be a multiple of 320 KiB and under 60 MiB; {chunk} bytes is not")));
        }
        let total = source.len();
        if total == 0 {
            // No byte range can say "nothing"; an empty file is a plain PUT of its content.
            return Err(Error::Invalid("an upload session takes at least one byte; upload an empty file with a PUT of its content".to_owned()));
        }
        let (mut offset, mut resumes) = (0u64, 0u32);
        loop {
            let len = chunk.min(total.saturating_sub(offset) as usize);
            let bytes = source.read(offset, len).await.map_err(|e| Error::Transport { timeout: false, attempts: 0, source: Box::new(e) })?;
            let end = (offset + bytes.len() as u64).saturating_sub(1);
            let mut put = Request {
                method: Method::Put,
                api_version: crate::ApiVersion::V1_0,
                path: String::new(),
                query: Vec::new(),
                headers: Vec::new(),
                body: Some(bytes),
            };
            put.headers.push(("Content-Range".to_owned(), format!("bytes {offset}-{end}/{total}")));
            let answer = match self.sent(&put, upload_url.to_owned(), &RequestOptions::default(), Auth::None).await {
                Ok(sent) => sent.read().await,
                Err(e) => Err(e),
            };
            match answer {
                Ok(r) if matches!(r.status, 200 | 201) => {
                    report(&mut options, total, total);
                    return Ok(r);
                }
                Ok(r) if r.status == 202 => {
                    offset = next_expected(&r.body).unwrap_or(end + 1);
                    report(&mut options, offset, total);
                }
                failed => {
                    resumes += 1;
                    if resumes > options.max_resumes {
                        return match failed {
                            Ok(r) => Err(crate::request::error(r)),
                            Err(e) => Err(e),
                        };
                    }
                    // Where to go on: what the service says it has.
                    let status = Request { method: Method::Get, body: None, headers: Vec::new(), ..put };
                    let r = self.sent(&status, upload_url.to_owned(), &RequestOptions::default(), Auth::None).await?.read().await?;
                    if !(200..300).contains(&r.status) {
                        return Err(crate::request::error(r));
                    }
                    offset = next_expected(&r.body)
                        .ok_or_else(|| Error::Invalid(format!("the upload session gave no nextExpectedRanges: {}", excerpt(&r.body))))?;
                    tracing::debug!(offset, "upload resumed");
                }
            }
        }
    }

    /// Ends an upload session (the bytes sent are discarded).
    pub async fn cancel_upload(&self, upload_url: &str) -> Result<(), Error> {
        let delete = Request {
            method: Method::Delete,
            api_version: crate::ApiVersion::V1_0,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        };
        let r = self.sent(&delete, upload_url.to_owned(), &RequestOptions::default(), Auth::None).await?.read().await?;
        crate::empty_response(r)
    }
}

fn report(options: &mut UploadOptions, done: u64, total: u64) {
    if let Some(progress) = options.progress.as_mut() {
        progress(done, total);
    }
}

/// The start of the first of `nextExpectedRanges` (`["26-"]`, `["0-99", "200-"]`).
fn next_expected(body: &[u8]) -> Option<u64> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let first = v.get("nextExpectedRanges")?.as_array()?.first()?.as_str()?;
    first.split('-').next()?.trim().parse().ok()
}

/// At most `limit` bytes of a body (an error answer to a download).
async fn read_bounded(sent: Sent, limit: usize) -> Result<Vec<u8>, Error> {
    let attempts = sent.attempts;
    let mut stream = sent.response.bytes_stream();
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| Error::Transport { timeout: e.is_timeout(), attempts, source: Box::new(e) })?;
        body.extend_from_slice(&chunk[..chunk.len().min(limit - body.len())]);
        if body.len() >= limit {
            break;
        }
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_expected_ranges() {
        let cases: [(&[u8], Option<u64>); 5] = [
            (br#"{"nextExpectedRanges": ["26-"]}"#, Some(26)),
            (br#"{"nextExpectedRanges": ["0-99", "200-"]}"#, Some(0)),
            (br#"{"nextExpectedRanges": []}"#, None),
            (br#"{"expirationDateTime": "2015-01-29T09:21:55.523Z"}"#, None),
            (b"not json \xff", None),
        ];
        for (body, want) in cases {
            assert_eq!(super::next_expected(body), want, "{}", String::from_utf8_lossy(body));
        }
    }
}
