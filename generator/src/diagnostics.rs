//! Diagnostics: every problem the generator finds in a page, with the
//! `file:line` it came from and what was expected there.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    /// A stable kebab-case identifier, counted by `graphgen report`.
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, line: usize, code: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, file: file.to_owned(), line, code, message: message.into() }
    }

    pub fn warning(file: &str, line: usize, code: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, file: file.to_owned(), line, code, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}: {severity}[{}]: {}", self.file, self.line, self.code, self.message)
    }
}

/// Collects the diagnostics of one page (or of the merge), bound to its file
/// so call sites only say the line.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    file: String,
    pub items: Vec<Diagnostic>,
}

impl Sink {
    pub(crate) fn new(file: &str) -> Self {
        Self { file: file.to_owned(), items: Vec::new() }
    }

    pub(crate) fn error(&mut self, line: usize, code: &'static str, message: impl Into<String>) {
        self.items.push(Diagnostic::error(&self.file, line, code, message));
    }

    pub(crate) fn warning(&mut self, line: usize, code: &'static str, message: impl Into<String>) {
        self.items.push(Diagnostic::warning(&self.file, line, code, message));
    }

    /// Binds the sink to another file (a fragment the page includes),
    /// giving back the one it was bound to.
    pub(crate) fn swap_file(&mut self, file: String) -> String {
        std::mem::replace(&mut self.file, file)
    }
}
