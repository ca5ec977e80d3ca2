//! OData query options as a builder: `Query::new().select(["id",
//! "displayName"]).filter("startswith(displayName,'A')").top(50).count()`.
//!
//! `$count` and `$search` on directory objects are "advanced queries",
//! which Graph answers only with `ConsistencyLevel: eventual`: the builder
//! adds that header itself when either is asked.

/// A property of model `M` by its wire name, for `$select` and `$orderby`:
/// every generated model has one per property (`User::DISPLAY_NAME`), so a
/// select names properties the model has, checked by the compiler.
pub struct Prop<M> {
    name: &'static str,
    model: std::marker::PhantomData<fn() -> M>,
}

impl<M> Prop<M> {
    pub const fn new(name: &'static str) -> Self {
        Prop { name, model: std::marker::PhantomData }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }
}

// By hand: a derive would ask `M: Clone`.
impl<M> Clone for Prop<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Prop<M> {}

impl<M> std::fmt::Debug for Prop<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Prop({})", self.name)
    }
}

impl<M> AsRef<str> for Prop<M> {
    fn as_ref(&self) -> &str {
        self.name
    }
}

/// The query options of one call, and the headers they need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    params: Vec<(String, String)>,
    eventual: bool,
}

impl Query {
    pub fn new() -> Self {
        Query::default()
    }

    /// `$select`: the properties to return: the model's own
    /// (`[User::ID, User::DISPLAY_NAME]`), or wire names for properties
    /// the docs do not list.
    pub fn select<I: IntoIterator<Item = S>, S: AsRef<str>>(self, properties: I) -> Self {
        let list: Vec<String> = properties.into_iter().map(|p| p.as_ref().to_owned()).collect();
        self.param("$select", list.join(","))
    }

    /// `$expand`: relationships to return inline.
    pub fn expand<I: IntoIterator<Item = S>, S: AsRef<str>>(self, relationships: I) -> Self {
        let list: Vec<String> = relationships.into_iter().map(|p| p.as_ref().to_owned()).collect();
        self.param("$expand", list.join(","))
    }

    /// `$filter`, an OData expression as Graph reads it.
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.param("$filter", expression)
    }

    /// `$search`, quoted as Graph wants (`"displayName:Ann"`); adds
    /// `ConsistencyLevel: eventual`.
    pub fn search(mut self, terms: impl Into<String>) -> Self {
        self.eventual = true;
        self.param("$search", terms)
    }

    /// `$orderby`: `displayName desc`.
    pub fn orderby(self, order: impl Into<String>) -> Self {
        self.param("$orderby", order)
    }

    pub fn top(self, n: u32) -> Self {
        self.param("$top", n.to_string())
    }

    pub fn skip(self, n: u32) -> Self {
        self.param("$skip", n.to_string())
    }

    /// `$count=true`: the total in `@odata.count`; adds
    /// `ConsistencyLevel: eventual`.
    pub fn count(mut self) -> Self {
        self.eventual = true;
        self.param("$count", "true")
    }

    /// Any other option (`$skiptoken`, `$format`, a function's own), kept
    /// in the order given; a name given twice keeps its last value.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.params.retain(|(n, _)| *n != name);
        self.params.push((name, value.into()));
        self
    }

    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The headers these options need.
    pub fn headers(&self) -> Vec<(String, String)> {
        if self.eventual {
            vec![("ConsistencyLevel".to_owned(), "eventual".to_owned())]
        } else {
            Vec::new()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }
}

/// Options as pairs, as an example URL gives them.
impl From<Vec<(String, String)>> for Query {
    fn from(pairs: Vec<(String, String)>) -> Self {
        pairs.into_iter().fold(Query::new(), |q, (k, v)| q.param(k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::Query;

    #[test]
    fn options_and_the_headers_they_need() {
        let q = Query::new().select(["id", "displayName"]).filter("startswith(displayName,'é')").top(5).count();
        let pairs: Vec<(&str, &str)> = q.params().iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("$select", "id,displayName"), ("$filter", "startswith(displayName,'é')"), ("$top", "5"), ("$count", "true")]);
        assert_eq!(q.headers(), [("ConsistencyLevel".to_owned(), "eventual".to_owned())]);
        assert!(Query::new().top(1).headers().is_empty());
        assert_eq!(Query::new().search("\"displayName:日本\"").headers().len(), 1);
        assert_eq!(Query::new().top(1).top(2).params(), [("$top".to_owned(), "2".to_owned())]);
        assert_eq!(Query::from(vec![("$expand".to_owned(), "members".to_owned())]), Query::new().expand(["members"]));
        struct User;
        const ID: super::Prop<User> = super::Prop::new("id");
        const MAIL: super::Prop<User> = super::Prop::new("mail");
        assert_eq!(Query::new().select([ID, MAIL]).params(), [("$select".to_owned(), "id,mail".to_owned())]);
    }
}
