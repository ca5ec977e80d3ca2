//! `{collection}/$count`: how many items a collection holds, with the
//! listing's `$filter` and `$search` applied, without fetching them.
//!
//! Graph answers it in plain text (`893`), and counts directory objects
//! only with `ConsistencyLevel: eventual` (without it, a 400 that users
//! of the other SDKs meet first); the request sends both headers.

use crate::{Error, Operation, Queryable, Request, Response};

/// The count of what the listing `O` returns. The generated client offers
/// it (`count()`) only on the paths whose `$count` the docs show.
#[derive(Clone, Debug, PartialEq)]
pub struct Count<O>(pub O);

impl<O: Operation> Operation for Count<O> {
    type Output = u64;

    fn request(&self) -> Result<Request, Error> {
        let mut request = self.0.request()?;
        request.path.push_str("/$count");
        request.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("Accept"));
        request.headers.push(("Accept".to_owned(), "text/plain".to_owned()));
        if !request.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("ConsistencyLevel")) {
            request.headers.push(("ConsistencyLevel".to_owned(), "eventual".to_owned()));
        }
        Ok(request)
    }

    fn response(&self, response: Response) -> Result<u64, Error> {
        let status = response.status;
        let body = crate::request::bytes_response(response)?;
        // The number as text; a byte-order mark or a line break around it
        // is not part of it.
        let text = String::from_utf8_lossy(&body);
        let number = text.trim_start_matches('\u{feff}').trim();
        serde_json::from_str::<u64>(number).map_err(|source| Error::Decode { status, source, body: crate::error::excerpt(&body) })
    }
}

impl<O: Queryable> Queryable for Count<O> {
    fn query_mut(&mut self) -> &mut crate::Query {
        self.0.query_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{query_request, ApiVersion, Method, Query};

    struct ListThings(Query);

    impl Operation for ListThings {
        type Output = ();
        fn request(&self) -> Result<Request, Error> {
            query_request(Method::Get, ApiVersion::V1_0, "/groups/a%2Fb/members".to_owned(), &self.0, None::<&()>)
        }
        fn response(&self, _: Response) -> Result<(), Error> {
            Ok(())
        }
    }

    #[test]
    fn the_count_is_the_listing_with_count_appended_asking_for_text() {
        let r = Count(ListThings(Query::new().filter("startswith(displayName,'é')"))).request().unwrap();
        assert_eq!(r.relative_url(), "/groups/a%2Fb/members/$count?$filter=startswith(displayName,'%C3%A9')");
        let header = |name: &str| r.headers.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
        assert_eq!(header("Accept"), ["text/plain"]);
        assert_eq!(header("ConsistencyLevel"), ["eventual"]);
        // `$search` asks for it too: one header, not two.
        let r = Count(ListThings(Query::new().search("\"displayName:a\""))).request().unwrap();
        assert_eq!(r.headers.iter().filter(|(k, _)| k == "ConsistencyLevel").count(), 1);
    }

    #[test]
    fn the_answer_is_a_number_in_text() {
        let count = |status: u16, body: &str| Count(ListThings(Query::new())).response(Response::new(status, vec![], body.as_bytes().to_vec()));
        for (body, want) in [("893", 893), ("\u{feff}17\r\n", 17), (" 0 ", 0)] {
            assert_eq!(count(200, body).unwrap(), want, "{body:?}");
        }
        for body in ["", "-1", "8 9", "neuf", "{\"value\": 3}", "1.5"] {
            assert!(matches!(count(200, body), Err(Error::Decode { status: 200, .. })), "{body:?}");
        }
        assert_eq!(count(400, r#"{"error": {"code": "Request_BadRequest", "message": "é"}}"#).unwrap_err().status(), Some(400));
    }
}
