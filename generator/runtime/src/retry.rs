//! When to send a request again, and after how long.
//!
//! Defaults follow the Graph SDKs' retry handler (Kiota: 3 retries, 3 s
//! base delay, 180 s in all), with what their users report fixed:
//! `Retry-After` is read in all three forms (`1`, fractional `0.5`, an
//! HTTP-date) and a fraction is rounded up, never truncated to 0; without
//! it the delay is exponential with jitter, so clients throttled together
//! do not come back together.

use std::time::{Duration, SystemTime};

/// How the client retries. `RetryPolicy::default()` is on for every client;
/// `RetryPolicy::none()` sends each request once.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// The most the client waits across all retries of one request
    /// (default 180 s): a `Retry-After` that would pass it ends the retries.
    pub max_total_wait: Duration,
    /// The first backoff when the server gives no `Retry-After` (default
    /// 3 s); each retry doubles it, up to `max_delay`.
    pub base_delay: Duration,
    /// The longest single wait (default 60 s), `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_total_wait: Duration::from_secs(180),
            base_delay: Duration::from_secs(3),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..Default::default() }
    }

    /// The wait before retry number `retry` (1-based): the server's
    /// `Retry-After` when it gave one, else exponential backoff with jitter
    /// (between half and all of `base_delay * 2^(retry-1)`).
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let delay = retry_after.unwrap_or_else(|| {
            let full = self.base_delay.saturating_mul(1u32.checked_shl(retry.saturating_sub(1)).unwrap_or(u32::MAX));
            full.mul_f64(0.5 + fastrand::f64() / 2.0)
        });
        delay.min(self.max_delay)
    }
}

/// The statuses that ask for the same request later: 429 Too Many
/// Requests, 503 Service Unavailable, 504 Gateway Timeout.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// Methods that may be sent twice with the effect of once (RFC 9110): only
/// these are retried after a connection error, when the server may have
/// acted on the first.
pub fn is_idempotent(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE")
}

/// `Retry-After`: delta-seconds (`1`, and the fractional `2.128` Graph
/// sometimes sends, rounded up to the millisecond), or an HTTP-date (the
/// time until then; a past date is no wait). Anything else is no value.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(seconds) = v.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_millis((seconds * 1000.0).ceil().min(u64::MAX as f64) as u64));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_every_form() {
        let cases = [
            ("1", Some(Duration::from_secs(1))),
            ("0.5", Some(Duration::from_millis(500))),
            ("2.128", Some(Duration::from_millis(2128))),
            ("0.0001", Some(Duration::from_millis(1))),
            (" 3 ", Some(Duration::from_secs(3))),
            ("0", Some(Duration::ZERO)),
            ("-1", None),
            ("NaN", None),
            ("inf", None),
            ("soon", None),
            ("", None),
            ("Wed, 21 Oct 2015 07:28:00 GMT", Some(Duration::ZERO)),
            ("日本語", None),
        ];
        for (value, want) in cases {
            assert_eq!(parse_retry_after(value), want, "{value:?}");
        }
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let wait = parse_retry_after(&later).unwrap();
        assert!(wait > Duration::from_secs(28) && wait <= Duration::from_secs(30), "{wait:?}");
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let p = RetryPolicy::default();
        for retry in 1..=3 {
            let full = Duration::from_secs(3 * (1 << (retry - 1)));
            for _ in 0..50 {
                let d = p.delay(retry, None);
                assert!(d >= full / 2 && d <= full, "retry {retry}: {d:?}");
            }
        }
        assert!(p.delay(40, None) <= p.max_delay);
        assert_eq!(p.delay(1, Some(Duration::from_millis(1500))), Duration::from_millis(1500));
        assert_eq!(p.delay(1, Some(Duration::from_secs(3600))), p.max_delay);
    }

    #[test]
    fn what_is_retried() {
        assert!([429, 503, 504].into_iter().all(is_retryable_status));
        assert!(![200, 400, 401, 404, 500, 502].into_iter().any(is_retryable_status));
        assert!(["GET", "PUT", "DELETE"].into_iter().all(is_idempotent));
        assert!(!["POST", "PATCH"].into_iter().any(is_idempotent));
    }
}
