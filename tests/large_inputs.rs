//! Pages built to be large in the ways that once made graphgen's time grow
//! faster than its input: each must cost about what its size does. Shared by
//! the fuzz test (which checks they finish and are read) and the bench
//! (which reports seconds per megabyte).

/// (file name, text) of each large input.
pub fn pages() -> Vec<(&'static str, String)> {
    let op = |sections: &str| format!("# Get x\n\n## HTTP request\n\n```http\nGET /x\n```\n\n{sections}");
    let json_lines = (0..40_000).map(|i| format!("  \"k{i}\": \"v\"")).collect::<Vec<_>>().join(",\n");
    vec![
        ("blank-lines-in-broken-json.md", op(&format!("## Example\n\n```http\nHTTP/1.1 200 OK\n\n{{\n  \"a\": 1\n{}  \"b\": \n```\n", "\n".repeat(200_000)))),
        (
            "copied-40000-line-json.txt",
            format!("Get x\n\nNamespace: microsoft.graph\n\nHTTP request\n\nGET /x\n\nExample\n\nResponse\n\nHTTP/1.1 200 OK\n\n{{\n{json_lines}\n}}\n"),
        ),
        (
            "40000-rows-one-name.md",
            format!(
                "# Do x\n\n## HTTP request\n\n```http\nPOST /x/do\n```\n\n## Request body\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n{}\n## Response\n\nIf successful, this action returns a `204 No Content` response code.\n",
                "|same|String|d|\n".repeat(40_000)
            ),
        ),
        (
            "40000-properties.md",
            format!("# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n{}", (0..40_000).map(|i| format!("|p{i}|String|d|\n")).collect::<String>()),
        ),
        ("copied-40000-status-lines.txt", format!("Get x\n\nNamespace: microsoft.graph\n\nHTTP request\n\nGET /x\n\nExample\n\nResponse\n\n{}", "HTTP/1.1 200 OK\n".repeat(40_000))),
        ("deep-nesting.md", op(&format!("## Example\n\n```http\nHTTP/1.1 200 OK\n\n{}\n```\n", "[".repeat(100_000)))),
        ("10000-columns.md", format!("# t resource type\n\n## Properties\n\n{}|\n{}|\n{}|\n", "|a".repeat(10_000), "|--".repeat(10_000), "|b".repeat(10_000))),
        ("10-mb-line.txt", format!("Get x\n\nNamespace: microsoft.graph\n\n{}\n", "word ".repeat(2_000_000))),
    ]
}
