//! Tokens: a provider the client asks per request, a cache in front of it,
//! and a type for the secret that never prints it.

use futures_util::future::BoxFuture;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A bearer token. `Debug` and `Display` print `AccessToken(***)`, so no
/// log line, error or `{:?}` of a client shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    secret: String,
    /// When it stops being valid, if known.
    pub expires_on: Option<SystemTime>,
}

impl AccessToken {
    pub fn new(secret: impl Into<String>, expires_on: Option<SystemTime>) -> Self {
        AccessToken { secret: secret.into(), expires_on }
    }

    /// The secret, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.secret
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken").field("secret", &"***").field("expires_on", &self.expires_on).finish()
    }
}

/// What the client asks a token for: the scopes of its cloud
/// (`https://graph.microsoft.com/.default`), and, after a 401 with a claims
/// challenge, those claims.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TokenRequest {
    pub scopes: Vec<String>,
    pub claims: Option<String>,
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Where tokens come from: a static string, `azure_identity`'s credentials
/// (feature `azure-identity`), or your own code. Asked per request; the
/// client caches what it returns until shortly before `expires_on`.
pub trait TokenProvider: Send + Sync {
    fn token<'a>(&'a self, request: &'a TokenRequest) -> BoxFuture<'a, Result<AccessToken, BoxError>>;
}

/// One token for ever (tests, scripts, a token you refresh yourself with
/// `Client::set_token_provider`).
pub struct StaticToken(AccessToken);

impl StaticToken {
    pub fn new(secret: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(secret, None))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StaticToken").field(&self.0).finish()
    }
}

impl TokenProvider for StaticToken {
    fn token<'a>(&'a self, _: &'a TokenRequest) -> BoxFuture<'a, Result<AccessToken, BoxError>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

/// A token is renewed this long before it expires, so a request never
/// leaves with a token that expires on the way.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// The client's cache in front of a provider: one token per request kind
/// (scopes and claims), kept until `REFRESH_MARGIN` before it expires.
pub(crate) struct TokenCache {
    provider: Box<dyn TokenProvider>,
    cached: Mutex<Vec<(TokenRequest, AccessToken)>>,
}

impl TokenCache {
    pub(crate) fn new(provider: Box<dyn TokenProvider>) -> Self {
        TokenCache { provider, cached: Mutex::new(Vec::new()) }
    }

    pub(crate) async fn token(&self, request: &TokenRequest) -> Result<AccessToken, BoxError> {
        let fresh = |t: &AccessToken| t.expires_on.is_none_or(|at| at > SystemTime::now() + REFRESH_MARGIN);
        if let Some((_, t)) = self.lock().iter().find(|(r, t)| r == request && fresh(t)) {
            return Ok(t.clone());
        }
        let token = self.provider.token(request).await?;
        let mut cached = self.lock();
        cached.retain(|(r, _)| r != request);
        cached.push((request.clone(), token.clone()));
        Ok(token)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(TokenRequest, AccessToken)>> {
        // A panic while holding the lock leaves a list that is still whole.
        self.cached.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The `claims` of a `WWW-Authenticate: Bearer ... claims="..."` challenge
/// (continuous access evaluation): the token the service wants next.
pub fn claims_challenge(www_authenticate: &str) -> Option<String> {
    let at = www_authenticate.find("claims=")? + "claims=".len();
    let rest = &www_authenticate[at..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => &quoted[..quoted.find('"')?],
        None => rest.split([',', ' ']).next()?,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn secrets_never_print() {
        let t = AccessToken::new("eyJ0eXAiOiJKV1Qi.s3cr3t", None);
        assert!(!format!("{t:?}").contains("s3cr3t"), "{t:?}");
        let s = StaticToken::new("eyJ0eXAiOiJKV1Qi.secret");
        assert!(!format!("{s:?}").contains("eyJ"), "{s:?}");
    }

    #[test]
    fn claims_from_challenges() {
        let cases = [
            (
                r#"Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ==""#,
                Some("eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ=="),
            ),
            ("Bearer claims=abc, error=x", Some("abc")),
            ("Bearer realm=\"\"", None),
            (r#"Bearer claims="""#, None),
            (r#"Bearer claims="unclosed"#, None),
        ];
        for (header, want) in cases {
            assert_eq!(claims_challenge(header).as_deref(), want, "{header}");
        }
    }

    struct Counting(AtomicU32, Duration);
    impl TokenProvider for Counting {
        fn token<'a>(&'a self, _: &'a TokenRequest) -> BoxFuture<'a, Result<AccessToken, BoxError>> {
            let n = self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(std::future::ready(Ok(AccessToken::new(format!("t{n}"), Some(SystemTime::now() + self.1)))))
        }
    }

    #[tokio::test]
    async fn tokens_are_cached_until_shortly_before_expiry() {
        let request = TokenRequest { scopes: vec!["s".into()], claims: None };
        let long = TokenCache::new(Box::new(Counting(AtomicU32::new(0), Duration::from_secs(3600))));
        assert_eq!(long.token(&request).await.unwrap().secret(), "t0");
        assert_eq!(long.token(&request).await.unwrap().secret(), "t0");
        // Other claims: another token.
        let challenged = TokenRequest { claims: Some("c".into()), ..request.clone() };
        assert_eq!(long.token(&challenged).await.unwrap().secret(), "t1");
        // Expiring within the margin: asked again each time.
        let short = TokenCache::new(Box::new(Counting(AtomicU32::new(0), Duration::from_secs(60))));
        assert_eq!(short.token(&request).await.unwrap().secret(), "t0");
        assert_eq!(short.token(&request).await.unwrap().secret(), "t1");
    }
}
