//! Parse: detect a page's shape and read it into blocks with that shape's reader.

pub(crate) mod copied;
pub(crate) mod lenient_json;
pub(crate) mod lines;
pub(crate) mod markdown;
pub(crate) mod status_line;

use crate::blocks::{ParsedPage, Shape};
use crate::diagnostics::Sink;

/// Which of the four shapes a page is in, from marks only that shape has.
/// Markdown has front matter, `#` headings or fences; copied text has none,
/// and its three shapes differ in how tables are laid out.
pub fn detect_shape(text: &str) -> Shape {
    let lines = || text.lines().map(str::trim_end);
    let is_markdown = text.starts_with("---\n")
        || text.starts_with("---\r\n")
        || lines().any(|l| l.starts_with("```") || l.starts_with("## ") || l.starts_with("|:--") || l.starts_with("|--") || l.starts_with("| --"));
    if is_markdown {
        Shape::Markdown
    } else if lines().any(copied::pipe_rows::is_separator) {
        Shape::CopiedPipeRows
    } else if lines().filter(|l| l.ends_with(" |")).count() >= 2 {
        Shape::CopiedCellLines
    } else {
        Shape::CopiedSpaced
    }
}

/// Reads a page's text, in whichever shape, into blocks; `file` names it
/// in the diagnostics.
pub fn parse_blocks(file: &str, text: &str) -> (ParsedPage, Vec<crate::Diagnostic>) {
    let mut sink = Sink::new(file);
    let page = parse(text, &mut sink);
    (page, sink.items)
}

pub(crate) fn parse(text: &str, sink: &mut Sink) -> ParsedPage {
    match detect_shape(text) {
        Shape::Markdown => markdown::parse(text, sink),
        shape => copied::parse(text, shape, sink),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_from_their_marks() {
        let cases = [
            ("---\ntitle: x\n---\n# T\n", Shape::Markdown),
            ("# T\n\n## Permissions\n", Shape::Markdown),
            ("T\nNamespace: microsoft.graph\nA | B |\n---|---|\n1 | 2 |\n", Shape::CopiedPipeRows),
            ("Namespace: microsoft.graph\nA |\nB |\n1 |\n2 |\n", Shape::CopiedCellLines),
            ("T\n\nNamespace: microsoft.graph\n\nProperty Type Description\nid String Key.\n", Shape::CopiedSpaced),
        ];
        for (text, shape) in cases {
            assert_eq!(detect_shape(text), shape, "{text:?}");
        }
    }
}
