//! The national clouds Graph is served from.

/// Where Graph is served: the global service, the national clouds, or a
/// URL of your own (a proxy, a test server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cloud {
    Global,
    UsGovL4,
    UsGovL5Dod,
    China,
    Custom(String),
}

impl Cloud {
    pub fn base_url(&self) -> &str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5Dod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
            Cloud::Custom(url) => url.trim_end_matches('/'),
        }
    }
}
