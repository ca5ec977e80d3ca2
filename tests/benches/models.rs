//! Model speed: a page of 20,000 users deserialized into the generated
//! `User` (unknown properties kept in `additional_properties`, three-state
//! fields) against a plain serde struct with the same fields that drops
//! what it does not know, in one run; and the generated page serialized
//! again, which must give the input back byte for byte.
//!
//!     cargo bench -p graphgen-tests --bench models

use graph_client::runtime::{Collection, DateTimeOffset};
use graph_client::v1_0::models::User;
use serde::Deserialize;
use std::time::{Duration, Instant};

/// The same documented properties, as a plain serde struct would have them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct PlainUser {
    #[serde(rename = "@odata.type", default)]
    odata_type: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    deleted_date_time: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    user_principal_name: Option<String>,
    #[serde(default)]
    account_enabled: Option<bool>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainPage {
    value: Vec<PlainUser>,
}

/// The plain struct as serde users keep what they do not know: the same
/// fields and a flattened map. What keeping costs, apart from graphgen.
#[derive(Deserialize)]
#[allow(dead_code)]
struct KeepingUser {
    #[serde(flatten)]
    user: PlainUser,
    #[serde(flatten)]
    additional_properties: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct KeepingPage {
    value: Vec<KeepingUser>,
}

const USERS: usize = 20_000;

/// The page as Graph sends it: documented properties, a `null`, and (with
/// `unknown`) two the docs do not list.
fn page(unknown: bool) -> String {
    let users: Vec<String> = (0..USERS)
        .map(|i| {
            format!(
                r##"{{"@odata.type":"#microsoft.graph.user","id":"{i:08}-1111-2222-3333-444444444444","deletedDateTime":null,"displayName":"User é {i}","userPrincipalName":"user{i}@contoso.com","accountEnabled":{}{}}}"##,
                i % 2 == 0,
                if unknown {
                    format!(r#","employeeHireDate":"2020-0{}-01T00:00:00Z","onPremisesExtensionAttributes":{{"extensionAttribute1":"x{i}","extensionAttribute2":null}}"#, 1 + i % 9)
                } else {
                    String::new()
                }
            )
        })
        .collect();
    format!(r##"{{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{}]}}"##, users.join(","))
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    for unknown in [true, false] {
        let json = page(unknown);
        let (generated, page): (Duration, Collection<User>) = best(7, || serde_json::from_str(&json).expect("the page reads as Users"));
        let (plain, _): (Duration, PlainPage) = best(7, || serde_json::from_str(&json).expect("the page reads as plain users"));
        let (keeping, _): (Duration, KeepingPage) = best(7, || serde_json::from_str(&json).expect("the page reads as keeping users"));
        assert_eq!(page.value.len(), USERS);
        assert_eq!(page.value[3].deleted_date_time, graph_client::Field::Null);
        assert_eq!(page.value[3].additional_properties.contains_key("onPremisesExtensionAttributes"), unknown);
        let _: Option<&DateTimeOffset> = page.value[0].deleted_date_time.as_option();
        let back = serde_json::to_string(&page).expect("the page serializes");
        let what = if unknown {
            "with two properties the docs do not list (kept by User, dropped by the plain struct)"
        } else {
            "with documented properties only"
        };
        println!("a page of {USERS} users ({:.1} MB), {what}:", json.len() as f64 / 1e6);
        println!("  generated User: {:.1} ms; plain serde struct: {:.1} ms", generated.as_secs_f64() * 1e3, plain.as_secs_f64() * 1e3);
        println!("  ratio: {:.2} (target 1.15)", generated.as_secs_f64() / plain.as_secs_f64());
        println!(
            "  a plain serde struct that keeps unknown properties too (#[serde(flatten)] map): {:.1} ms; generated User / it: {:.2}",
            keeping.as_secs_f64() * 1e3,
            generated.as_secs_f64() / keeping.as_secs_f64()
        );
        println!("  serialized again byte-identical: {}", back == json);
        assert_eq!(back, json, "the page serializes back as it came");
    }
}
