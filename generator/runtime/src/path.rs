//! Request paths: templates filled with percent-encoded values, and OData
//! function arguments.

use crate::Error;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters encoded in a path segment: all but unreserved ones, so an id
/// like `a/b` or `{x}` stays one segment.
pub(crate) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// Query keys keep `$` (`$select`); values are encoded like segments.
pub(crate) const QUERY: &AsciiSet = &SEGMENT.remove(b'$').remove(b',').remove(b'\'').remove(b'(').remove(b')');

/// Fills a path template's `{name}` placeholders, in order, with
/// percent-encoded values; literal text is kept as written. A value inside
/// quotes (`(period='{period}')`) has its `'` doubled, as OData reads it.
///
/// A value that would change which resource the URL names is refused
/// before anything is sent: an empty one (the segment would vanish), and
/// `.` or `..` as a whole segment, which every URL parser (reqwest's too)
/// removes or resolves to the parent, encoded (`%2E%2E`) or not.
pub fn fill_path(template: &str, values: &[&str]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let after = &rest[close + 1..];
        let value = values.next().copied().unwrap_or("");
        let invalid = |reason: &str| Error::InvalidParameter { name: name.to_owned(), reason: reason.to_owned() };
        if value.is_empty() {
            return Err(invalid("it is empty, and the path would lose a segment"));
        }
        let whole_segment = out.ends_with('/') && (after.is_empty() || after.starts_with('/'));
        if whole_segment && (value == "." || value == "..") {
            return Err(invalid("`.` and `..` as a path segment name another resource (URL parsers resolve them)"));
        }
        if out.ends_with('\'') && after.starts_with('\'') {
            out.extend(utf8_percent_encode(&value.replace('\'', "''"), SEGMENT));
        } else {
            out.extend(utf8_percent_encode(value, SEGMENT));
        }
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

/// `name(a='x',b=2)`: a function call segment. Strings are quoted with `'`
/// doubled inside; other values are written as they are. An empty value is
/// an argument not given (the docs' optional ones: `usedRange` takes
/// `valuesOnly` or nothing), left out; with none given there are no
/// parentheses, which Graph reads as the function called without any.
pub fn function_args(args: &[(&str, FunctionArg<'_>)]) -> String {
    let given: Vec<_> = args.iter().filter(|(_, v)| !matches!(v, FunctionArg::String("") | FunctionArg::Raw(""))).collect();
    if given.is_empty() {
        return String::new();
    }
    let mut out = String::from("(");
    for (i, (name, value)) in given.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(name);
        out.push('=');
        match value {
            FunctionArg::String(s) => {
                out.push('\'');
                out.extend(utf8_percent_encode(&s.replace('\'', "''"), SEGMENT));
                out.push('\'');
            }
            FunctionArg::Raw(s) => out.extend(utf8_percent_encode(s, SEGMENT)),
        }
    }
    out.push(')');
    out
}

/// The query a path's docs write with values to give
/// (`$expand=extensions($filter=id eq '{id}')`) as the pairs to send, each
/// placeholder replaced by its value: `values` holds one per placeholder,
/// in the order they are first written (one written twice takes the same
/// value). Inside quotes a value's `'` is doubled, as OData reads strings;
/// as a segment of a URL (`$id=https://…/users/{id}`) it is percent-encoded.
/// The pairs are plain text: the request encodes them as it sends them.
/// An empty value is refused: the query would ask for nothing.
pub fn fill_query(template: &'static str, values: &[&str]) -> Result<Vec<(&'static str, String)>, Error> {
    let mut names: Vec<&str> = Vec::new();
    let mut pairs = Vec::new();
    for pair in template.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let mut out = String::with_capacity(value.len() + 16);
        let mut rest = value;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let index = names.iter().position(|n| *n == name).unwrap_or_else(|| {
                names.push(name);
                names.len() - 1
            });
            let given = values.get(index).copied().unwrap_or("");
            if given.is_empty() {
                return Err(Error::InvalidParameter { name: name.to_owned(), reason: "it is empty, and the query would ask for nothing".to_owned() });
            }
            if out.ends_with('\'') {
                out.push_str(&given.replace('\'', "''"));
            } else {
                out.extend(utf8_percent_encode(given, SEGMENT));
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        pairs.push((key, out));
    }
    Ok(pairs)
}

pub enum FunctionArg<'a> {
    String(&'a str),
    Raw(&'a str),
}

/// A function argument's value as the URL writes it, before quoting and
/// percent-encoding: a number or a boolean as JSON writes it (`5`,
/// `true`), a timestamp, a GUID or an enum member as its text
/// (`2021-01-01T00:00:00Z`, `windows`). Navigation takes arguments typed
/// as the docs give them and writes them with this; the operations hold
/// the text. `None` (an optional argument) and a number JSON cannot write
/// (NaN) are empty: an argument not given.
pub fn arg_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_written_as_the_url_writes_them() {
        // An enum as graphgen writes one: its wire name.
        enum Standard {
            Windows,
            Other(String),
        }
        impl serde::Serialize for Standard {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(match self {
                    Standard::Windows => "windows",
                    Standard::Other(name) => name,
                })
            }
        }
        let cases: &[(String, &str)] = &[
            (arg_text(&5i32), "5"),
            (arg_text(&-12i64), "-12"),
            (arg_text(&true), "true"),
            (arg_text(&1.5f64), "1.5"),
            (arg_text(&f64::NAN), ""),
            (arg_text(&crate::DateTimeOffset("2021-01-01T00:00:00.1234567+01:00".to_owned())), "2021-01-01T00:00:00.1234567+01:00"),
            (arg_text(&Standard::Windows), "windows"),
            (arg_text(&Standard::Other("iana é".to_owned())), "iana é"),
            (arg_text("o'brien"), "o'brien"),
            (arg_text(&Some(3u8)), "3"),
            (arg_text(&None::<bool>), ""),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn arguments_not_given_are_left_out() {
        let cases: &[(&[(&str, FunctionArg)], &str)] = &[
            (&[("a", FunctionArg::String("x'y")), ("b", FunctionArg::Raw("2"))], "(a='x%27%27y',b=2)"),
            (&[("a", FunctionArg::String("")), ("b", FunctionArg::Raw("2"))], "(b=2)"),
            (&[("valuesOnly", FunctionArg::Raw(""))], ""),
            (&[], ""),
        ];
        for (args, want) in cases {
            assert_eq!(function_args(args), *want);
        }
    }

    #[test]
    fn paths_are_filled_and_encoded() {
        let cases = [
            ("/users/{id}", vec!["a/b c"], "/users/a%2Fb%20c"),
            ("/users/{id}/messages/{message-id}", vec!["u", "{m}"], "/users/u/messages/%7Bm%7D"),
            ("/range(address='{address}')", vec!["A1:B2"], "/range(address='A1%3AB2')"),
            ("/me", vec![], "/me"),
            ("/users/{id}", vec!["?#%"], "/users/%3F%23%25"),
            ("/users/{id}", vec!["日本語 🙂"], "/users/%E6%97%A5%E6%9C%AC%E8%AA%9E%20%F0%9F%99%82"),
            ("/users/{id}", vec!["O'Brien"], "/users/O%27Brien"),
            ("/x(name='{name}')", vec!["O'Brien"], "/x(name='O%27%27Brien')"),
            ("/x(name={name})", vec!["3"], "/x(name=3)"),
            ("/items/{id}", vec!["..."], "/items/..."),
            ("/items/{id}.json", vec![".."], "/items/...json"),
            ("/range(address='{a}')", vec![".."], "/range(address='..')"),
        ];
        for (template, values, want) in cases {
            assert_eq!(fill_path(template, &values).unwrap(), want, "{template}");
        }
    }

    #[test]
    fn queries_are_filled_as_plain_text() {
        // (template, values, the pairs sent)
        type Case = (&'static str, &'static [&'static str], &'static [(&'static str, &'static str)]);
        let cases: [Case; 5] = [
            ("$expand=extensions($filter=id eq '{id}')", &["Com.Contoso.É"], &[("$expand", "extensions($filter=id eq 'Com.Contoso.É')")]),
            ("$filter=name eq '{name}'", &["O'Brien & co"], &[("$filter", "name eq 'O''Brien & co'")]),
            (
                "$filter=Extensions/any(f:f/id eq '{x}')&$expand=Extensions($filter=id eq '{x}')&$top=5",
                &["a"],
                &[("$filter", "Extensions/any(f:f/id eq 'a')"), ("$expand", "Extensions($filter=id eq 'a')"), ("$top", "5")],
            ),
            ("$id=https://graph.microsoft.com/v1.0/users/{id}", &["a/b 日"], &[("$id", "https://graph.microsoft.com/v1.0/users/a%2Fb%20%E6%97%A5")]),
            ("$filter=a eq '{a}' and b eq '{b}'", &["1", "2"], &[("$filter", "a eq '1' and b eq '2'")]),
        ];
        for (template, values, want) in cases {
            let got = fill_query(template, values).unwrap();
            assert_eq!(got.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(), want, "{template}");
        }
        match fill_query("$filter=id eq '{id}'", &[""]) {
            Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, "id"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn values_that_would_change_the_resource_are_refused() {
        for (template, value) in [("/items/{id}", ""), ("/items/{id}/x", "."), ("/items/{id}/x", ".."), ("/items/{id}", "..")] {
            match fill_path(template, &[value]) {
                Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, "id"),
                other => panic!("{template} with {value:?}: {other:?}"),
            }
        }
    }
}
