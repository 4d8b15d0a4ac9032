//! What a drawing emphasises for a case: the steps it went through and the step it waits at.
//! The SVG and the window ask the same questions, so both draw the same path.

use super::layout::RoutedEdge;

/// The case's visited steps (node ids, in order, the current one last or absent) and its current step.
#[derive(Debug, Clone, Copy, Default)]
pub struct Highlight<'a> {
    pub path: &'a [String],
    pub current: Option<&'a str>,
}

impl Highlight<'_> {
    /// True when the case went along `edge`: its two ends follow each other somewhere on the path.
    pub fn on_path(&self, edge: &RoutedEdge) -> bool {
        self.path.windows(2).any(|w| w[0] == edge.from && w[1] == edge.to)
    }

    pub fn visited(&self, node: &str) -> bool {
        self.path.iter().any(|id| id == node)
    }

    pub fn is_current(&self, node: &str) -> bool {
        self.current == Some(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: &str, to: &str) -> RoutedEdge {
        RoutedEdge { from: from.to_owned(), to: to.to_owned(), points: Vec::new(), label: None, back_edge: false }
    }

    #[test]
    fn an_edge_is_on_the_path_only_when_taken_in_its_direction() {
        let path = ["start".to_owned(), "t1".to_owned(), "d1".to_owned(), "t1".to_owned()];
        let h = Highlight { path: &path, current: Some("t1") };
        assert!(h.on_path(&edge("start", "t1")) && h.on_path(&edge("d1", "t1")));
        assert!(!h.on_path(&edge("t1", "start")) && !h.on_path(&edge("start", "d1")));
        assert!(h.visited("d1") && !h.visited("end"));
        assert!(h.is_current("t1") && !h.is_current("d1"));
        assert!(!Highlight::default().visited("start"));
    }
}
