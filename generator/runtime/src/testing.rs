//! Helpers for the generated example tests, public so users can check
//! their own payloads the same way.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// JSON equality where numbers compare by value (`1` equals `1.0`):
/// an `Edm.Double` written as `1` re-serializes as `1.0`.
pub fn json_equivalent(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64()),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equivalent(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equivalent(v, w))),
        _ => a == b,
    }
}

/// Deserializes `json` as `T`, serializes it back, and panics unless
/// the two are equivalent JSON.
pub fn assert_round_trip<T: DeserializeOwned + Serialize>(json: &str) {
    let original: Value = serde_json::from_str(json).expect("the example is JSON");
    // As bytes, as the client reads responses: a crate of example tests
    // then compiles each model's `Deserialize` for one reader, not two.
    let typed: T = serde_json::from_slice(json.as_bytes()).unwrap_or_else(|e| panic!("the example does not deserialize: {e}\n{json}"));
    let back = serde_json::to_value(&typed).expect("the type serializes");
    assert!(json_equivalent(&original, &back), "round trip changed the JSON\nbefore: {original:#}\nafter:  {back:#}");
}
