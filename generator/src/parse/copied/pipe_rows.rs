//! Seeds 000 and 004: `a | b |` rows under a `---|---|` separator line.

use super::{fit_row, TableReader};
use crate::blocks::Table;
use crate::diagnostics::Sink;
use crate::parse::markdown::squash;

pub(crate) struct PipeRows;

/// `---|---|` (the rendered table's header rule).
pub(crate) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('|') && t.len() >= 4 && t.chars().all(|c| c == '-' || c == '|' || c == ':' || c == ' ') && t.contains("--")
}

fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(squash).collect()
}

impl TableReader for PipeRows {
    fn read(&self, lines: &[&str], at: usize, sink: &mut Sink) -> Option<(Table, usize)> {
        let header_line = lines[at];
        if !header_line.contains('|') || !lines.get(at + 1).is_some_and(|l| is_separator(l)) {
            return None;
        }
        let header = cells(header_line);
        let mut rows = Vec::new();
        let mut i = at + 2;
        while i < lines.len() && lines[i].trim_end().ends_with('|') {
            rows.push(fit_row(cells(lines[i]), header.len(), i + 1, sink));
            i += 1;
        }
        Some((Table { header, rows, line: at + 1, unsplit_rows: Vec::new() }, i))
    }
}
