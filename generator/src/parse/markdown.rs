//! The docs repository's Markdown: YAML front matter, pipe tables, fenced
//! code, `<!-- { ... } -->` annotations, `[!INCLUDE ...]` lines and tab
//! headings (`# [HTTP](#tab/http)`), read with pulldown-cmark.

use crate::blocks::{Block, CodeBlock, ParsedPage, Row, Shape, Table};
use crate::diagnostics::Sink;
use crate::parse::lenient_json;
use crate::parse::lines::LineIndex;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

pub(crate) fn parse(text: &str, sink: &mut Sink) -> ParsedPage {
    let (front_matter, body_start) = front_matter(text);
    let index = LineIndex::new(text);
    let body = &text[body_start..];
    let mut reader = Reader { index: &index, body, base: body_start, blocks: Vec::new(), pending_annotation: None };
    reader.read(body, sink);
    ParsedPage { shape: Shape::Markdown, front_matter, blocks: reader.blocks }
}

/// Splits off a leading `---` ... `---` block of flat `key: value` lines.
/// Graph's front matter is flat, so quoted scalars are all it needs.
fn front_matter(text: &str) -> (BTreeMap<String, String>, usize) {
    let mut map = BTreeMap::new();
    let Some(rest) = text.strip_prefix("---").filter(|r| r.starts_with('\n') || r.starts_with("\r\n")) else {
        return (map, 0);
    };
    let mut offset = text.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" {
            return (map, offset);
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let value = value.trim().trim_matches('"').trim_matches('\'');
            map.insert(key.trim().to_owned(), value.to_owned());
        }
    }
    // No closing line: this was not front matter after all.
    (BTreeMap::new(), 0)
}

struct Reader<'a> {
    index: &'a LineIndex,
    /// The text after the front matter, which the parser's offsets index.
    body: &'a str,
    base: usize,
    blocks: Vec<Block>,
    pending_annotation: Option<(BTreeMap<String, serde_json::Value>, usize)>,
}

/// What the reader is inside of while it gathers inline text.
enum Open {
    Heading(u8),
    Paragraph,
    Cell,
    Code(String),
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        self.index.line_of(self.base + offset)
    }

    fn read(&mut self, body: &str, sink: &mut Sink) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut open: Option<(Open, usize)> = None;
        let mut text = String::new();
        let mut table: Option<Table> = None;
        let mut row: Vec<String> = Vec::new();
        let mut row_line = 0;
        let mut html_block: Option<(String, usize)> = None;
        let mut row_source = "";
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    open = Some((Open::Heading(level as u8), range.start));
                    text.clear();
                }
                Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if table.is_none() => {
                    self.flush_paragraph(&mut open, &mut text, sink);
                    open = Some((Open::Paragraph, range.start));
                }
                Event::Start(Tag::TableCell) => {
                    open = Some((Open::Cell, range.start));
                    text.clear();
                }
                Event::Start(Tag::Table(_)) => {
                    self.flush_paragraph(&mut open, &mut text, sink);
                    table = Some(Table { header: Vec::new(), rows: Vec::new(), line: self.line(range.start), unsplit_rows: Vec::new() });
                }
                Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                    row.clear();
                    row_line = self.line(range.start);
                    row_source = &body[range.clone()];
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    self.flush_paragraph(&mut open, &mut text, sink);
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.trim().to_ascii_lowercase(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    open = Some((Open::Code(info), range.start));
                    text.clear();
                }
                Event::Text(t) => text.push_str(&t),
                Event::Code(t) => {
                    text.push('`');
                    text.push_str(&t);
                    text.push('`');
                }
                Event::SoftBreak | Event::HardBreak => text.push(if matches!(open, Some((Open::Paragraph, _))) { ' ' } else { '\n' }),
                // An HTML block arrives line by line; an annotation is read whole.
                Event::Start(Tag::HtmlBlock) => html_block = Some((String::new(), range.start)),
                Event::Html(html) if html_block.is_some() => {
                    if let Some((buf, _)) = html_block.as_mut() {
                        buf.push_str(&html);
                    }
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((buf, start)) = html_block.take() {
                        self.html(&buf, start, sink, &mut text);
                    }
                }
                Event::Html(html) | Event::InlineHtml(html) => self.html(&html, range.start, sink, &mut text),
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((Open::Heading(level), start)) = open.take() {
                        // `# [C#](#tab/csharp)` marks a tab, not a section.
                        let is_tab = body[start..].lines().next().is_some_and(|l| l.contains("](#tab/"));
                        if !is_tab {
                            let line = self.line(start);
                            self.blocks.push(Block::Heading { level, text: squash(&text), line });
                        }
                    }
                    text.clear();
                }
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) if table.is_none() => {
                    self.flush_paragraph(&mut open, &mut text, sink);
                }
                Event::End(TagEnd::TableCell) => {
                    row.push(squash(&text));
                    text.clear();
                    open = None;
                }
                Event::End(TagEnd::TableHead) => {
                    if let Some(t) = table.as_mut() {
                        t.header = std::mem::take(&mut row);
                    }
                }
                Event::End(TagEnd::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        let mut cells = std::mem::take(&mut row);
                        rejoin_overflow(&mut cells, t.header.len(), row_source, row_line, sink);
                        t.rows.push(Row { cells, line: row_line });
                    }
                }
                Event::End(TagEnd::Table) => {
                    if let Some(t) = table.take() {
                        self.blocks.push(Block::Table(t));
                        // An annotation before a table is the table's
                        // (today's pages annotate permissions tables).
                        self.pending_annotation = None;
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((Open::Code(info), start)) = open.take() {
                        // The fence line itself is not content.
                        let fenced = body[start..].starts_with("```") || body[start..].starts_with("~~~");
                        let line = self.line(start) + usize::from(fenced);
                        let annotation = self.pending_annotation.take().map(|(a, _)| a);
                        self.blocks.push(Block::Code(CodeBlock { info, text: std::mem::take(&mut text), line, annotation }));
                    }
                }
                _ => {}
            }
        }
        self.flush_paragraph(&mut open, &mut text, sink);
    }

    fn flush_paragraph(&mut self, open: &mut Option<(Open, usize)>, text: &mut String, sink: &mut Sink) {
        if let Some((Open::Paragraph, start)) = open {
            let line = self.line(*start);
            let squashed = squash(text);
            if let Some(table) = squashed.starts_with('|').then(|| self.unaligned_table(*start, sink)).flatten() {
                self.blocks.push(Block::Table(table));
                self.pending_annotation = None;
            } else if squashed.starts_with("[!INCLUDE") {
                // An annotation before an INCLUDE line is the fragment's
                // (a permissions table's, since 2023), not the next code's.
                self.pending_annotation = None;
                // One block per line: consecutive INCLUDE lines (a tab's
                // snippet and its link) are one paragraph to Markdown.
                let (body, mut offset) = (self.body, *start);
                for source in body[*start..].split_inclusive('\n') {
                    let Some(target) = include_target(source) else { break };
                    self.blocks.push(Block::Include { target, line: self.line(offset) });
                    offset += source.len();
                }
            } else if !squashed.is_empty() {
                self.blocks.push(Block::Paragraph { text: squashed, line });
            }
            *open = None;
        }
        text.clear();
    }

    /// A paragraph of pipe rows under a delimiter row that pulldown-cmark
    /// did not take for a table's: one with more or fewer columns than
    /// the header (which GFM reads as text: 11 of v1.0's permissions
    /// tables, each the case "acting on other users"), or with a tab in it
    /// (4 of v1.0's property tables, the insights types'). Their rows were
    /// lost without a word; the docs site shows them as tables. Read as a
    /// table of the header's columns, and said. `None` where the paragraph
    /// is anything else, or runs on past its rows.
    fn unaligned_table(&self, start: usize, sink: &mut Sink) -> Option<Table> {
        let mut lines = self.body[start..].split_inclusive('\n');
        let (header, delimiter) = (lines.next()?, lines.next()?);
        if !is_delimiter_row(delimiter) || !header.trim_start().starts_with('|') {
            return None;
        }
        let width = split_cells(header).len();
        let mut rows = Vec::new();
        let mut offset = start + header.len() + delimiter.len();
        for source in lines {
            if source.trim().is_empty() {
                break;
            }
            if !source.trim_start().starts_with('|') {
                // A line that continues the paragraph: not a table's.
                return None;
            }
            let line = self.line(offset);
            // As a table's rows are read: missing cells empty, extra ones
            // joined to the last and said.
            let mut cells: Vec<String> = split_cells(source).iter().take(width).map(|c| inline_text(c)).collect();
            cells.resize(width, String::new());
            rejoin_overflow(&mut cells, width, source, line, sink);
            rows.push(Row { cells, line });
            offset += source.len();
        }
        let line = self.line(start);
        let found = split_cells(delimiter).len();
        let why = if found != width {
            format!("expected the row of dashes under a table's header to have a column per header cell ({width}), found {found}")
        } else if delimiter.contains('\t') {
            "a tab in the row of dashes under this table's header made the Markdown parser read the table as text (the docs site reads it)".to_owned()
        } else {
            "the Markdown parser read this table as text".to_owned()
        };
        sink.warning(line + 1, "table-delimiter-row", format!("{why}; read as a table of the header's {width} columns"));
        let header = split_cells(header).iter().map(|c| inline_text(c)).collect();
        Some(Table { header, rows, line, unsplit_rows: Vec::new() })
    }

    /// `<!-- { ... } -->` comments annotate the code block that follows.
    fn html(&mut self, html: &str, offset: usize, sink: &mut Sink, text: &mut String) {
        let trimmed = html.trim();
        let Some(inner) = trimmed.strip_prefix("<!--") else {
            // Inline HTML such as `<br/>` is part of the text around it.
            if matches!(trimmed, "<br>" | "<br/>" | "<br />") {
                text.push(' ');
            }
            return;
        };
        let inner = inner.trim_end().trim_end_matches("-->").trim();
        if !inner.starts_with('{') {
            return;
        }
        let line = self.line(offset);
        match lenient_json::read(inner) {
            Ok(read) => {
                if let serde_json::Value::Object(map) = read.value {
                    self.pending_annotation = Some((map.into_iter().collect(), line));
                }
            }
            Err(e) => sink.warning(line, "annotation-unreadable", format!("expected a JSON object in the `<!-- {{ ... }} -->` annotation: {e}")),
        }
    }
}

/// A `|` left unescaped in a cell's text splits the row into more cells than
/// the header has, and GFM drops the extra ones. Their text is joined back
/// onto the last cell (as written: the split went through its markup), and
/// said.
fn rejoin_overflow(cells: &mut [String], width: usize, source: &str, line: usize, sink: &mut Sink) {
    let raw = split_cells(source);
    if width == 0 || raw.len() <= width || cells.len() < width {
        return;
    }
    let extra = raw[width..].iter().map(|c| squash(c)).collect::<Vec<_>>().join(" | ");
    let last = &mut cells[width - 1];
    last.push_str(" | ");
    last.push_str(&extra);
    sink.warning(
        line,
        "table-row-overflow",
        format!(
            "this row has {} cells for {width} columns (a `|` in a cell's text is not escaped as `\\|`); the extra text is joined to the last cell",
            raw.len()
        ),
    );
}

/// A table row's cells as written: split at `|` not escaped by `\`, the
/// outer pipes dropped.
fn split_cells(source: &str) -> Vec<&str> {
    let line = source.lines().next().unwrap_or("").trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').filter(|l| !l.ends_with('\\')).unwrap_or(line);
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&line[start..i]);
            start = i + 1;
        }
    }
    cells.push(&line[start..]);
    cells
}

/// A table's delimiter row: `|:---|---:|`, only pipes, colons, dashes
/// and spaces, a dash in each cell.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t')) && split_cells(line).iter().all(|c| c.contains('-'))
}

/// A cell's text as the reader gives a table cell: its inline Markdown
/// read (links as their text, code in backticks), white space squashed.
fn inline_text(cell: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(cell.trim(), Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::Code(t) => {
                text.push('`');
                text.push_str(&t);
                text.push('`');
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    squash(&text)
}

/// The file an `[!INCLUDE [name](path)]` line names (its link, which
/// pulldown-cmark's text drops): `path`; the name where the line has no
/// link. `None` for a line that is not an INCLUDE.
fn include_target(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("[!INCLUDE")?.trim_start();
    let inner = rest.strip_prefix('[')?;
    let name_end = inner.find(']')?;
    let (name, after) = (&inner[..name_end], &inner[name_end + 1..]);
    let target = match after.trim_start().strip_prefix('(').and_then(|link| link.find(')').map(|end| &link[..end])) {
        Some(path) => path,
        None => name,
    };
    Some(target.trim().to_owned())
}

/// Collapses runs of white space (including NBSP) to one space.
pub(crate) fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lines() {
        // (line, the file it names)
        let cases = [
            (
                "[!INCLUDE [permissions-table](../includes/permissions/user-get-permissions.md)]",
                Some("../includes/permissions/user-get-permissions.md"),
            ),
            ("  [!INCLUDE[webclient](includes/webclient.md)]\r\n", Some("includes/webclient.md")),
            ("[!INCLUDE [tableau-é]( ../inclus/é.md )]", Some("../inclus/é.md")),
            // No link: the name is all there is.
            ("[!INCLUDE [beta-disclaimer]]", Some("beta-disclaimer")),
            // Truncated lines.
            ("[!INCLUDE [permissions-table](../includes/x.md", Some("permissions-table")),
            ("[!INCLUDE [permissions-ta", None),
            ("[!INCLUDE", None),
            ("Some text [!INCLUDE [a](b.md)]", None),
            ("", None),
        ];
        for (line, want) in cases {
            assert_eq!(include_target(line).as_deref(), want, "{line:?}");
        }
    }

    #[test]
    fn tables_whose_delimiter_row_does_not_match_their_header() {
        // (page, (header, rows) read, warnings)
        type Read<'a> = Option<(Vec<&'a str>, Vec<Vec<&'a str>>)>;
        let cases: [(&str, Read, usize); 8] = [
            (
                "|Permission type | Permissions |\n|:---|:---|:---|\n|Delegated (work or school account)| `Mail.Read`, [Mail.Send](x.md) |\n|Application|Not supported.|\n",
                Some((vec!["Permission type", "Permissions"], vec![vec!["Delegated (work or school account)", "`Mail.Read`, Mail.Send"], vec!["Application", "Not supported."]])),
                1,
            ),
            // Fewer delimiter cells; short and long rows fitted to the
            // header, the extra cells joined as a table's are (and said).
            ("| a | b | c |\n|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 \\| é |\n", Some((vec!["a", "b", "c"], vec![vec!["1", "", ""], vec!["1", "2", "3 | 4 \\| é"]])), 1),
            // Rows end at a blank line; what follows is its own paragraph.
            ("| a | b |\n|--|--|--|\n| 1 | 2 |\n\nAfter.\n", Some((vec!["a", "b"], vec![vec!["1", "2"]])), 1),
            // A header alone.
            ("| a | b |\n|--|--|--|\n", Some((vec!["a", "b"], vec![])), 1),
            // A paragraph that runs on past the rows is text.
            ("| a | b |\n|--|--|--|\n| 1 | 2 |\ntext\n", None, 0),
            // A tab in the delimiter row: pulldown-cmark reads text.
            ("| Property | Type \t| Description |\n| --- |---\t \t| --- |\n| id | String | é |\n", Some((vec!["Property", "Type", "Description"], vec![vec!["id", "String", "é"]])), 1),
            // Not a delimiter row.
            ("| a | b |\n| 1 | 2 | 3 |\n", None, 0),
            ("| a | b |\n", None, 0),
        ];
        for (page, want, warnings) in cases {
            let mut sink = Sink::new("x.md");
            let blocks = parse(page, &mut sink).blocks;
            let table = blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None });
            let got = table.map(|t| (t.header.clone(), t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>()));
            let want = want.map(|(h, rows)| {
                (h.iter().map(|c| c.to_string()).collect::<Vec<_>>(), rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect())
            });
            assert_eq!(got, want, "{page:?}");
            assert_eq!(sink.items.iter().filter(|d| d.code == "table-delimiter-row" && d.line == 2).count(), warnings, "{page:?}");
            let overflowing = table.is_some_and(|t| t.rows.iter().any(|r| r.cells.iter().any(|c| c.contains(" | "))));
            assert_eq!(sink.items.iter().any(|d| d.code == "table-row-overflow"), overflowing, "{page:?}");
            if let Some(t) = table {
                assert!(t.rows.iter().enumerate().all(|(i, r)| r.line == 3 + i), "rows at their lines: {page:?}");
            }
        }
        // Where the rows end, the page goes on.
        let mut sink = Sink::new("x.md");
        let blocks = parse("| a | b |\n|--|--|--|\n| 1 | 2 |\n\nAfter.\n", &mut sink).blocks;
        assert!(matches!(blocks.last(), Some(Block::Paragraph { text, line: 5 }) if text == "After."));
    }

    #[test]
    fn an_annotation_is_the_next_blocks_not_the_next_codes() {
        // (what follows a permissions annotation, whether the code after it gets it)
        let cases = [
            ("[!INCLUDE [permissions-table](../includes/permissions/é.md)]\n", false),
            ("|Permission type|Permissions|\n|:--|:--|\n|Application|A.Read|\n", false),
            ("|Permission type|Permissions|\n|:--|:--|:--|\n|Application|A.Read|\n", false),
            // Nothing between: the code's own.
            ("", true),
        ];
        for (between, annotated) in cases {
            let page = format!("## Permissions\n\n<!-- {{ \"blockType\": \"permissions\", \"name\": \"x_get\" }} -->\n{between}\n## HTTP request\n\n```http\nGET /x\n```\n");
            let mut sink = Sink::new("x.md");
            let blocks = parse(&page, &mut sink).blocks;
            let code = blocks.iter().find_map(|b| if let Block::Code(c) = b { Some(c) } else { None }).expect("the request block");
            assert_eq!(code.annotation.is_some(), annotated, "{between:?}");
        }
    }

    #[test]
    fn consecutive_include_lines_are_a_block_each() {
        let text = "## Permissions\n\n[!INCLUDE [permissions-table](../includes/permissions/ü.md)]\n\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/a.md)]\n[!INCLUDE [sdk-documentation](../includes/snippets/link.md)]\n\nAfter.\n";
        let mut sink = Sink::new("x.md");
        let blocks = parse(text, &mut sink).blocks;
        let includes: Vec<_> =
            blocks.iter().filter_map(|b| if let Block::Include { target, line } = b { Some((target.as_str(), *line)) } else { None }).collect();
        assert_eq!(includes, [("../includes/permissions/ü.md", 3), ("../includes/snippets/csharp/a.md", 6), ("../includes/snippets/link.md", 7)]);
        assert!(matches!(blocks.last(), Some(Block::Paragraph { text, line: 9 }) if text == "After."));
    }

    #[test]
    fn overflowing_rows_keep_their_text() {
        let page = "|Property|Type|Description|\n|:--|:--|:--|\n|a|String|Either x | y, or z.|\n|b|String|Escaped \\| stays.|\n";
        let mut sink = Sink::new("t.md");
        let parsed = parse(page, &mut sink);
        let Block::Table(t) = &parsed.blocks[0] else { panic!("{:?}", parsed.blocks) };
        assert_eq!(t.rows[0].cells, ["a", "String", "Either x | y, or z."]);
        assert_eq!(t.rows[1].cells, ["b", "String", "Escaped | stays."]);
        assert_eq!(sink.items.len(), 1, "{:?}", sink.items);
        assert_eq!((sink.items[0].code, sink.items[0].line), ("table-row-overflow", 3));
    }
}
