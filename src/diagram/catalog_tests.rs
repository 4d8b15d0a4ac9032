//! Every workflow of the built-in catalogue, laid out and checked.

use super::{FontMeasure, Options, layout, quality};
use crate::catalog_data;

fn is_linear(w: &crate::domain::workflow::Workflow) -> bool {
    w.nodes.iter().all(|n| w.outgoing(&n.id).count() <= 1) && w.edges.len() + 1 == w.nodes.len()
}

#[test]
fn every_catalogue_workflow_lays_out_cleanly() {
    let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("catalogue broken: {e:?}"));
    assert_eq!(catalog.services.len(), 331);
    let measure = FontMeasure::shared().unwrap_or_else(|e| panic!("{e}"));
    let mut total = 0;
    for service in &catalog.services {
        let w = &service.workflow;
        let l = layout(w, measure, &Options::default());
        let key = &service.key;
        assert!(quality::overlaps(&l).is_empty(), "{key}: overlapping nodes {:?}", quality::overlaps(&l));
        assert!(quality::edges_through_nodes(&l).is_empty(), "{key}: edges through nodes {:?}", quality::edges_through_nodes(&l));
        assert!(quality::unplaced_labels(w, &l).is_empty(), "{key}: labels not placed {:?}", quality::unplaced_labels(w, &l));
        for (node, placed) in w.nodes.iter().zip(&l.nodes) {
            // Wrapping only turns spaces into line breaks: every word, ZWNJ and all, stays whole.
            // A step the booklet does not print is drawn in brackets.
            let shown = super::shown_label(&node.label_fa, node.inferred);
            let words: Vec<&str> = shown.split(' ').filter(|w| !w.is_empty()).collect();
            assert_eq!(placed.lines.join(" "), words.join(" "), "{key}/{}: label changed by wrapping", node.id);
        }
        assert!(quality::crossed_labels(&l).is_empty(), "{key}: labels crossed by an edge {:?}", quality::crossed_labels(&l));
        let crossings = quality::crossings(&l);
        if w.generic || is_linear(w) {
            assert_eq!(crossings, 0, "{key} should draw without crossings");
        }
        if crossings > 0 {
            println!("{key}: {crossings} crossings");
        }
        total += crossings;
    }
    println!("total crossings over the catalogue: {total}");
}
