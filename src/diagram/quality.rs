//! Measures of a layout's readability, for the catalogue-wide test and `bakhshyar diagram --stats`.

use super::geometry::{Point, segments_cross};
use super::layout::{Layout, RoutedEdge};
use crate::domain::workflow::Workflow;

/// Pairs of node ids whose boxes overlap.
pub fn overlaps(layout: &Layout) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (i, a) in layout.nodes.iter().enumerate() {
        for b in &layout.nodes[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                found.push((a.id.clone(), b.id.clone()));
            }
        }
    }
    found
}

/// (edge index, node id) for every edge segment that passes through a node other than its own two ends.
/// Boxes are shrunk by 1 so a line running along a border does not count.
pub fn edges_through_nodes(layout: &Layout) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, edge) in layout.edges.iter().enumerate() {
        for node in layout.nodes.iter().filter(|n| n.id != edge.from && n.id != edge.to) {
            let inner = node.rect.shrunk(1.0);
            if segments(edge).any(|(a, b)| inner.hit_by(a, b)) {
                found.push((i, node.id.clone()));
            }
        }
    }
    found
}

/// Indexes of workflow edges whose branch label is missing from the layout or covers a node.
pub fn unplaced_labels(workflow: &Workflow, layout: &Layout) -> Vec<usize> {
    workflow
        .edges
        .iter()
        .zip(&layout.edges)
        .enumerate()
        .filter(|(_, (edge, routed))| {
            edge.label_fa.is_some() && routed.label.as_ref().is_none_or(|l| layout.nodes.iter().any(|n| n.rect.overlaps(&l.rect)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Indexes of edges whose branch label another edge's line runs through.
pub fn crossed_labels(layout: &Layout) -> Vec<usize> {
    layout
        .edges
        .iter()
        .enumerate()
        .filter(|(i, edge)| {
            edge.label.as_ref().is_some_and(|label| {
                let inner = label.rect.shrunk(1.0);
                layout.edges.iter().enumerate().any(|(j, other)| j != *i && segments(other).any(|(a, b)| inner.hit_by(a, b)))
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Points where segments of two different edges cross.
pub fn crossings(layout: &Layout) -> usize {
    let mut count = 0;
    for (i, a) in layout.edges.iter().enumerate() {
        for b in &layout.edges[i + 1..] {
            for (p, q) in segments(a) {
                count += segments(b).filter(|&(r, s)| segments_cross(p, q, r, s)).count();
            }
        }
    }
    count
}

fn segments(edge: &RoutedEdge) -> impl Iterator<Item = (Point, Point)> + '_ {
    edge.points.windows(2).map(|w| (w[0], w[1]))
}
