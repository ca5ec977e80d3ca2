//! Byte offset → 1-based line number.

pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { starts }
    }

    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_one_based() {
        let index = super::LineIndex::new("a\nbc\n\nd");
        let cases = [(0, 1), (1, 1), (2, 2), (4, 2), (5, 3), (6, 4)];
        for (offset, line) in cases {
            assert_eq!(index.line_of(offset), line, "offset {offset}");
        }
    }
}
