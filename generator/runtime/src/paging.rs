//! Collections, page by page or item by item: `@odata.nextLink` followed
//! exactly as the server wrote it (never decoded and encoded again, which
//! turns a skiptoken's `%2B` into `%252B`), with the first request's
//! headers on every page (`ConsistencyLevel: eventual` included), a loop
//! of links stopped, and `@odata.count` and `@odata.deltaLink` kept.

use crate::{json_response, Client, Collection, Error, Method, Operation, Request, RequestOptions};
use futures_util::future::BoxFuture;
use futures_util::Stream;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::pin::Pin;
use std::task::{Context, Poll};

enum Next {
    First,
    Link(String),
    Done,
}

/// The pages of a collection, as a `Stream` of `Collection<T>`.
pub struct Pages<T> {
    client: Client,
    request: Request,
    options: RequestOptions,
    next: Next,
    /// The nextLinks followed, by hash: a loop is found whatever its
    /// length, in 8 bytes a page rather than a URL's length.
    seen: HashSet<u64>,
    in_flight: Option<BoxFuture<'static, Result<Collection<T>, Error>>>,
    /// Said after the page that holds it: a nextLink seen before.
    loop_error: Option<Error>,
    pages_read: usize,
    count: Option<i64>,
    delta_link: Option<String>,
}

impl<T: DeserializeOwned + Send + 'static> Pages<T> {
    fn new(client: Client, request: Request, options: RequestOptions, next: Next) -> Self {
        Pages {
            client,
            request,
            options,
            next,
            seen: HashSet::new(),
            in_flight: None,
            loop_error: None,
            pages_read: 0,
            count: None,
            delta_link: None,
        }
    }

    /// `@odata.count` of the first page (asked with `$count=true`).
    pub fn odata_count(&self) -> Option<i64> {
        self.count
    }

    /// `@odata.deltaLink` of the last page: where a delta query resumes.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }

    /// The items of every page, one by one.
    pub fn items(self) -> Items<T> {
        Items { pages: self, buffer: Vec::new().into_iter() }
    }

    fn fetch(&self, url: Option<String>) -> BoxFuture<'static, Result<Collection<T>, Error>> {
        let (client, request, options) = (self.client.clone(), self.request.clone(), self.options.clone());
        let fut = async move {
            let response = match url {
                None => client.execute(request, &options).await?,
                Some(url) => client.execute_url(&request, url, &options).await?,
            };
            json_response::<Collection<T>>(response)
        };
        Box::pin(fut)
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Pages<T> {
    type Item = Result<Collection<T>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(e) = this.loop_error.take() {
            return Poll::Ready(Some(Err(e)));
        }
        if this.in_flight.is_none() {
            let url = match std::mem::replace(&mut this.next, Next::Done) {
                Next::Done => return Poll::Ready(None),
                Next::First => None,
                Next::Link(url) => Some(url),
            };
            this.in_flight = Some(this.fetch(url));
        }
        let page = match this.in_flight.as_mut().expect("set above").as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(page) => page,
        };
        this.in_flight = None;
        let page = match page {
            Ok(page) => page,
            Err(e) => return Poll::Ready(Some(Err(e))),
        };
        if this.pages_read == 0 {
            this.count = page.odata_count;
        }
        this.pages_read += 1;
        if page.odata_delta_link.is_some() {
            this.delta_link = page.odata_delta_link.clone();
        }
        if let Some(link) = &page.odata_next_link {
            if this.seen.insert(link_hash(link)) {
                this.next = Next::Link(link.clone());
            } else {
                this.loop_error = Some(Error::Invalid(format!(
                    "the service sent the nextLink {link} a second time; paging stopped after {} pages",
                    this.pages_read
                )));
            }
        }
        Poll::Ready(Some(Ok(page)))
    }
}

// Nothing is pinned through a page or an item: they are plain values.
impl<T> Unpin for Pages<T> {}
impl<T> Unpin for Items<T> {}

fn link_hash(link: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    link.hash(&mut h);
    h.finish()
}

/// The items of a collection, across its pages.
pub struct Items<T> {
    pages: Pages<T>,
    /// The page being read (its items are not copied out).
    buffer: std::vec::IntoIter<T>,
}

impl<T: DeserializeOwned + Send + 'static> Items<T> {
    pub fn odata_count(&self) -> Option<i64> {
        self.pages.odata_count()
    }

    /// The deltaLink, once the last page has been read.
    pub fn delta_link(&self) -> Option<&str> {
        self.pages.delta_link()
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Items<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            // The spent page's allocation goes before the next is fetched.
            if this.buffer.len() == 0 {
                this.buffer = Vec::new().into_iter();
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffer = page.value.into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl Client {
    /// The pages of an operation that lists a collection.
    pub fn pages<O, T>(&self, operation: &O, options: RequestOptions) -> Result<Pages<T>, Error>
    where
        O: Operation<Output = Collection<T>>,
        T: DeserializeOwned + Send + 'static,
    {
        Ok(Pages::new(self.clone(), operation.request()?, options, Next::First))
    }

    /// The items of an operation that lists a collection, across pages.
    pub fn stream<O, T>(&self, operation: &O, options: RequestOptions) -> Result<Items<T>, Error>
    where
        O: Operation<Output = Collection<T>>,
        T: DeserializeOwned + Send + 'static,
    {
        Ok(self.pages(operation, options)?.items())
    }

    /// A delta query resumed from a saved deltaLink (or any nextLink),
    /// sent as written, with these options' headers on every page.
    pub fn resume<T: DeserializeOwned + Send + 'static>(&self, link: &str, options: RequestOptions) -> Pages<T> {
        let mut request = crate::request::<()>(Method::Get, crate::ApiVersion::V1_0, String::new(), &[], None).expect("a GET without a body builds");
        request.path = link.to_owned();
        Pages::new(self.clone(), request, options, Next::Link(link.to_owned()))
    }
}
