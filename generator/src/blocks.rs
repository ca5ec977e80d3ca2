//! The block model: what every page shape is parsed into before anything
//! reads meaning into it. Markdown gets here through pulldown-cmark; text
//! copied from the rendered pages gets here through the `parse::copied`
//! readers. Everything after this point is shape-independent.

use serde::Serialize;
use std::collections::BTreeMap;

/// How a page was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// The docs repository's Markdown source (seed 003).
    Markdown,
    /// Copied text whose tables are `a | b |` rows under a `---|---|` line (seeds 000, 004).
    CopiedPipeRows,
    /// Copied text whose table cells each stand on a line ending in ` |` (seed 001).
    CopiedCellLines,
    /// Copied text whose table cells are separated by single spaces (seed 002).
    CopiedSpaced,
}

impl Shape {
    pub const ALL: [Shape; 4] = [Shape::Markdown, Shape::CopiedPipeRows, Shape::CopiedCellLines, Shape::CopiedSpaced];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Markdown => "markdown",
            Shape::CopiedPipeRows => "copied-pipe-rows",
            Shape::CopiedCellLines => "copied-cell-lines",
            Shape::CopiedSpaced => "copied-spaced",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "block", rename_all = "kebab-case")]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    Paragraph {
        text: String,
        line: usize,
    },
    Table(Table),
    Code(CodeBlock),
    /// `[!INCLUDE [name](path)]`: a fragment the docs site splices in.
    Include {
        target: String,
        line: usize,
    },
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. } | Block::Paragraph { line, .. } | Block::Include { line, .. } => *line,
            Block::Table(t) => t.line,
            Block::Code(c) => c.line,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub line: usize,
    /// Lines of rows the shape's reader could not split into cells (kept
    /// whole in the first cell); whoever uses the table says so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsplit_rows: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeBlock {
    /// The fence's info string, lowercased (`http`, `json`, or empty).
    pub info: String,
    pub text: String,
    /// The line of the block's first content line.
    pub line: usize,
    /// The `<!-- { ... } -->` annotation just before the block, if any.
    pub annotation: Option<BTreeMap<String, serde_json::Value>>,
}

/// A page after its shape's reader: front matter (Markdown only) and blocks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParsedPage {
    pub shape: Shape,
    pub front_matter: BTreeMap<String, String>,
    pub blocks: Vec<Block>,
}
