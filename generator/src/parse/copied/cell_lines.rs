//! Seed 001: every table cell on a line of its own ending in ` |`, with no
//! separator between header and rows; the header is the leading run of
//! cells that are template table headings.

use super::{fit_row, header_width, TableReader};
use crate::blocks::Table;
use crate::diagnostics::Sink;
use crate::parse::markdown::squash;

pub(crate) struct CellLines;

fn cell(line: &str) -> Option<String> {
    let t = line.trim_end();
    let t = t.strip_suffix(" |").or_else(|| (t == "|").then_some(""))?;
    Some(squash(t))
}

impl TableReader for CellLines {
    fn read(&self, lines: &[&str], at: usize, sink: &mut Sink) -> Option<(Table, usize)> {
        let mut cells = Vec::new();
        let mut i = at;
        while let Some(c) = lines.get(i).and_then(|l| cell(l)) {
            cells.push((c, i + 1));
            i += 1;
        }
        if cells.is_empty() {
            return None;
        }
        let width = header_width(cells.iter().map(|(c, _)| c.as_str()));
        // One line ending in ` |` and no heading a table starts with is
        // prose (a Markdown table that did not render, copied as text).
        if width == 0 && cells.len() == 1 {
            return None;
        }
        if width == 0 {
            sink.warning(at + 1, "table-header-unknown", format!(
                "expected a table header of template headings (Property, Type, Description, ...) at the start of these {} cells; they are kept as one-column rows",
                cells.len()
            ));
        }
        let width = width.max(1);
        let header = cells[..width.min(cells.len())].iter().map(|(c, _)| c.clone()).collect();
        let body = &cells[width.min(cells.len())..];
        if body.len() % width != 0 {
            sink.warning(
                at + 1,
                "table-cells-uneven",
                format!("expected a multiple of {width} cells after this table's header, found {}", body.len()),
            );
        }
        let rows = body.chunks(width).map(|chunk| fit_row(chunk.iter().map(|(c, _)| c.clone()).collect(), width, chunk[0].1, sink)).collect();
        Some((Table { header, rows, line: at + 1, unsplit_rows: Vec::new() }, i))
    }
}
