//! The national clouds Graph is served from: each gives the Graph root,
//! the login authority and the token scope together, so a client can't
//! ask one cloud's authority for another cloud's token.

/// Where Graph is served: the global service, the national clouds, or a
/// URL of your own (a proxy, a test server; its tokens are the global
/// cloud's, for its own root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cloud {
    Global,
    UsGovL4,
    UsGovL5Dod,
    China,
    Custom(String),
}

impl Cloud {
    /// The Graph root: `https://graph.microsoft.com`.
    pub fn base_url(&self) -> &str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
            Cloud::Custom(url) => url.trim_end_matches('/'),
        }
    }

    /// The Microsoft Entra authority tokens for this cloud come from.
    pub fn login_authority(&self) -> &str {
        match self {
            Cloud::Global | Cloud::Custom(_) => "https://login.microsoftonline.com",
            Cloud::UsGovL4 | Cloud::UsGovL5Dod => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The scope a token for this cloud's Graph is asked with.
    pub fn scope(&self) -> String {
        format!("{}/.default", self.base_url())
    }
}

#[cfg(test)]
mod tests {
    use super::Cloud;

    #[test]
    fn each_cloud_names_its_root_authority_and_scope() {
        let cases = [
            (Cloud::Global, "https://graph.microsoft.com", "https://login.microsoftonline.com", "https://graph.microsoft.com/.default"),
            (Cloud::UsGovL4, "https://graph.microsoft.us", "https://login.microsoftonline.us", "https://graph.microsoft.us/.default"),
            (Cloud::UsGovL5Dod, "https://dod-graph.microsoft.us", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us/.default"),
            (
                Cloud::China,
                "https://microsoftgraph.chinacloudapi.cn",
                "https://login.chinacloudapi.cn",
                "https://microsoftgraph.chinacloudapi.cn/.default",
            ),
            (Cloud::Custom("http://127.0.0.1:9/".into()), "http://127.0.0.1:9", "https://login.microsoftonline.com", "http://127.0.0.1:9/.default"),
        ];
        for (cloud, root, authority, scope) in cases {
            assert_eq!((cloud.base_url(), cloud.login_authority(), cloud.scope().as_str()), (root, authority, scope), "{cloud:?}");
        }
    }
}
