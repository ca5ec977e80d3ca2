//! Fluent navigation: what the generated path builders stand on.
//!
//! `client.v1_0().users().by_id(id).messages().get()` walks the documented
//! request paths one segment at a time; each step is a [`Nav`] (the client
//! and the values of the path's placeholders given so far), and the last
//! one names an operation, which a [`Call`] holds with the client until it
//! is sent.

use crate::{Client, Collection, Download, Error, Items, Operation, Pages, Query, Request, RequestOptions};
use serde::de::DeserializeOwned;

/// A step of a fluent chain: the client it will send with, and the values
/// of the path's placeholders so far, in the path's order.
#[derive(Clone, Debug)]
pub struct Nav {
    client: Client,
    values: Vec<String>,
}

impl Nav {
    /// The root: no segment yet.
    pub fn new(client: Client) -> Self {
        Nav { client, values: Vec::new() }
    }

    /// One step further, with the value of the next placeholder.
    pub fn with(&self, value: impl Into<String>) -> Self {
        let mut values = self.values.clone();
        values.push(value.into());
        Nav { client: self.client.clone(), values }
    }

    /// The client the chain sends with.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The value given for the `index`th placeholder (empty if none was,
    /// which `fill_path` refuses before anything is sent).
    pub fn value(&self, index: usize) -> String {
        self.values.get(index).cloned().unwrap_or_default()
    }

    /// The operation this step names, ready to be sent with the client.
    pub fn call<O: Operation>(&self, operation: O) -> Call<O> {
        Call { client: self.client.clone(), operation, options: RequestOptions::default() }
    }
}

/// An operation with its OData query options, which `Call` sets.
pub trait Queryable {
    fn query_mut(&mut self) -> &mut Query;
}

/// An operation and the client to send it with: set its query options and
/// headers, then `send` it (or `stream` a collection's items across pages).
#[derive(Debug)]
pub struct Call<O> {
    client: Client,
    operation: O,
    options: RequestOptions,
}

impl<O: Operation> Call<O> {
    pub fn operation(&self) -> &O {
        &self.operation
    }

    pub fn into_operation(self) -> O {
        self.operation
    }

    /// The permissions its page documents for this call (the case of its
    /// path, where the page gives them per case with their paths): give
    /// them to `runtime::needed` to learn the scopes a set of calls needs.
    pub fn permissions(&self) -> crate::Permissions {
        self.operation.permissions()
    }

    /// The request it will send, this call's headers included (to inspect
    /// it, or to send it elsewhere).
    pub fn request(&self) -> Result<Request, Error> {
        let mut request = self.operation.request()?;
        request.headers.extend(self.options.headers.iter().cloned());
        Ok(request)
    }

    /// A header on this call only (`Prefer`, `If-Match`, ...).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options = self.options.header(name, value);
        self
    }

    /// This call's options (timeout, retries, headers), instead of the client's.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    pub async fn send(self) -> Result<O::Output, Error> {
        self.client.send_with(&self.operation, &self.options).await
    }

    /// The answer's body as a stream of chunks, not whole in memory, and
    /// not read as the operation's output: a file's content, the report a
    /// `302 Found` leads to, a path's raw `/$value`.
    pub async fn download(self) -> Result<Download, Error> {
        let request = self.operation.request()?;
        self.client.download(request, &self.options).await
    }
}

impl<O: Operation + Queryable> Call<O> {
    fn query(mut self, f: impl FnOnce(Query) -> Query) -> Self {
        let query = std::mem::take(self.operation.query_mut());
        *self.operation.query_mut() = f(query);
        self
    }

    /// `$select` (`[User::ID, User::DISPLAY_NAME]`, or wire names).
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        self.query(|q| q.select(properties))
    }

    pub fn expand<I: IntoIterator<Item = S>, S: AsRef<str>>(self, relationships: I) -> Self {
        self.query(|q| q.expand(relationships))
    }

    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.query(|q| q.filter(expression))
    }

    /// `$search` (sends `ConsistencyLevel: eventual`, which Graph needs for it).
    pub fn search(self, terms: impl Into<String>) -> Self {
        self.query(|q| q.search(terms))
    }

    pub fn orderby(self, order: impl Into<String>) -> Self {
        self.query(|q| q.orderby(order))
    }

    pub fn top(self, n: u32) -> Self {
        self.query(|q| q.top(n))
    }

    pub fn skip(self, n: u32) -> Self {
        self.query(|q| q.skip(n))
    }

    /// `$count=true` (with `ConsistencyLevel: eventual`).
    pub fn count(self) -> Self {
        self.query(|q| q.count())
    }

    /// Any other query parameter.
    pub fn param(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query(|q| q.param(name, value))
    }
}

impl<O, T> Call<O>
where
    O: Operation<Output = Collection<T>>,
    T: DeserializeOwned + Send + 'static,
{
    /// The collection's items, across its pages.
    pub fn stream(self) -> Result<Items<T>, Error> {
        self.client.stream(&self.operation, self.options)
    }

    /// The collection's pages (with `@odata.count` and the delta link).
    pub fn pages(self) -> Result<Pages<T>, Error> {
        self.client.pages(&self.operation, self.options)
    }
}
