//! Tokens from the `azure_identity` crate's credentials (feature
//! `azure-identity`): any `azure_core::credentials::TokenCredential`
//! (`DeveloperToolsCredential`, `ClientSecretCredential`,
//! `ManagedIdentityCredential`, ...) as this client's `TokenProvider`.
//!
//! azure_core 1.x takes no claims when asking for a token, so after a
//! claims challenge the credential is simply asked again (the client's
//! cache keys tokens by claims, so it does ask).

use crate::auth::{AccessToken, BoxError, TokenProvider, TokenRequest};
use azure_core::credentials::TokenCredential;
use futures_util::future::BoxFuture;
use std::sync::Arc;

/// An `azure_core` credential as a token provider.
#[derive(Debug, Clone)]
pub struct AzureCredential(pub Arc<dyn TokenCredential>);

impl TokenProvider for AzureCredential {
    fn token<'a>(&'a self, request: &'a TokenRequest) -> BoxFuture<'a, Result<AccessToken, BoxError>> {
        Box::pin(async move {
            let scopes: Vec<&str> = request.scopes.iter().map(String::as_str).collect();
            let token = self.0.get_token(&scopes, None).await?;
            Ok(AccessToken::new(token.token.secret(), Some(std::time::SystemTime::from(token.expires_on))))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use azure_core::credentials::{Secret, TokenRequestOptions};
    use azure_core::time::OffsetDateTime;

    #[derive(Debug)]
    struct Fixed;

    #[async_trait::async_trait]
    impl TokenCredential for Fixed {
        async fn get_token(&self, scopes: &[&str], _: Option<TokenRequestOptions<'_>>) -> azure_core::Result<azure_core::credentials::AccessToken> {
            assert_eq!(scopes, ["https://graph.microsoft.us/.default"]);
            Ok(azure_core::credentials::AccessToken::new(Secret::new("s3cr3t"), OffsetDateTime::from_unix_timestamp(4_000_000_000).unwrap()))
        }
    }

    #[tokio::test]
    async fn credentials_give_tokens_with_their_expiry() {
        let provider = AzureCredential(Arc::new(Fixed));
        let request = TokenRequest { scopes: vec![crate::Cloud::UsGovL4.scope()], claims: None };
        let token = provider.token(&request).await.unwrap();
        assert_eq!(token.secret(), "s3cr3t");
        assert_eq!(token.expires_on, Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(4_000_000_000)));
        assert!(!format!("{provider:?}{token:?}").contains("s3cr3t"));
    }
}
