//! A deterministic layered (Sugiyama-style) layout of a workflow: ranks from the start downwards,
//! nodes of a rank side by side and centred, loops routed around the side of the drawing.

use serde::Serialize;

use super::geometry::{Point, Rect};
use super::order::Layers;
use super::route::{self, Tracks};
use super::text::{TextMeasure, wrap};
use crate::domain::workflow::{NodeKind, Office, Workflow};

/// Reading direction: right-to-left mirrors every x, so the flow starts on the right and loops run down the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    Rtl,
    Ltr,
}

/// Sizes in the layout's units (pixels on screen, points on a PDF page).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Options {
    pub direction: Direction,
    pub font_size: f32,
    pub label_size: f32,
    /// Line height as a multiple of the font size.
    pub line_spacing: f32,
    pub max_text_width: f32,
    /// Decisions wrap narrower: a diamond is twice as wide as its text.
    pub max_decision_text_width: f32,
    pub padding: f32,
    pub node_gap: f32,
    pub margin: f32,
    /// Barycentre sweeps that reorder ranks to reduce crossings; 0 keeps the reading order.
    pub crossing_sweeps: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            direction: Direction::Rtl,
            font_size: 14.0,
            label_size: 12.0,
            line_spacing: 1.5,
            max_text_width: 190.0,
            max_decision_text_width: 120.0,
            padding: 8.0,
            node_gap: 32.0,
            margin: 16.0,
            crossing_sweeps: 8,
        }
    }
}

impl Options {
    pub fn line_height(&self) -> f32 {
        self.font_size * self.line_spacing
    }

    pub fn label_height(&self) -> f32 {
        self.label_size * self.line_spacing + 4.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    pub options: Options,
    pub nodes: Vec<PlacedNode>,
    pub edges: Vec<RoutedEdge>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedNode {
    pub id: String,
    pub kind: NodeKind,
    /// The bounding box; a decision's diamond touches the middle of each side.
    pub rect: Rect,
    /// The label, wrapped; drawn centred, one line under the other.
    pub lines: Vec<String>,
    pub actor: Option<Office>,
    /// A step the booklet does not print: its lines stand in brackets.
    pub inferred: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoutedEdge {
    pub from: String,
    pub to: String,
    /// An orthogonal polyline from the source's border to the target's border (the arrowhead end).
    pub points: Vec<Point>,
    pub label: Option<PlacedLabel>,
    /// True for an edge that returns to an earlier step (a correction loop), routed around the side.
    pub back_edge: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedLabel {
    /// As drawn: in brackets when the booklet does not print it.
    pub text: String,
    /// A branch label added where the booklet prints none.
    pub inferred: bool,
    /// The box the label's text is centred in.
    pub rect: Rect,
}

/// Width kept free on each side of a label for the office's colour bar (4 wide, 3 in from the border).
const ACCENT_ROOM: f32 = 6.0;

/// How much of the gap between neighbours a small straightening move may take.
const STRAIGHTEN_SLACK: f32 = 8.0;

/// Width of the column a dummy node (a long edge passing through a rank) takes.
const DUMMY_WIDTH: f32 = 8.0;

/// A step's or a branch's label as a diagram shows it: what the booklet does not print (what was
/// inferred while transcribing) stands in brackets, so a reader tells it from the booklet's words.
pub fn shown_label(text: &str, inferred: bool) -> String {
    // The brackets are neutral: between right-to-left marks they take the label's direction and
    // land at its two ends whatever direction a renderer gives the line they end up on.
    if inferred { format!("\u{200F}[{text}]\u{200F}") } else { text.to_owned() }
}

/// Lays out `workflow`; the same input always gives the same `Layout`.
pub fn layout(workflow: &Workflow, measure: &dyn TextMeasure, options: &Options) -> Layout {
    let layers = Layers::build(workflow, options.crossing_sweeps);
    let boxes = node_boxes(workflow, measure, options);
    let mut sizes: Vec<(f32, f32)> = boxes.iter().map(|b| b.1).collect();
    sizes.resize(layers.items(), (DUMMY_WIDTH, 0.0));
    let center_x = columns(&layers, &sizes, options);
    let tracks = Tracks::plan(&layers, &center_x);
    let bands = Bands::stack(&layers, &sizes, &tracks, options);
    let rects: Vec<Rect> = (0..layers.items())
        .map(|item| {
            let (top, bottom) = bands.band(layers.rank[item]);
            Rect::centered(Point::new(center_x[item], f32::midpoint(top, bottom)), sizes[item].0, sizes[item].1)
        })
        .collect();
    let frame = route::Frame { layers: &layers, rects: &rects, tracks: &tracks, gap_tops: &bands.gap_tops };
    let (edges, right) = route::edges(workflow, &frame, measure, options);
    let nodes = workflow
        .nodes
        .iter()
        .zip(boxes)
        .zip(&rects)
        .map(|((node, (lines, _)), rect)| PlacedNode {
            id: node.id.clone(),
            kind: node.kind,
            rect: *rect,
            lines,
            actor: node.actor,
            inferred: node.inferred,
        })
        .collect();
    let mut layout =
        Layout { width: right + options.margin, height: bands.height + options.margin, options: *options, nodes, edges };
    if options.direction == Direction::Rtl {
        mirror(&mut layout);
    }
    layout
}

/// Each node's wrapped label and its box size.
fn node_boxes(workflow: &Workflow, measure: &dyn TextMeasure, o: &Options) -> Vec<(Vec<String>, (f32, f32))> {
    workflow
        .nodes
        .iter()
        .map(|node| {
            let max = if node.kind == NodeKind::Decision { o.max_decision_text_width } else { o.max_text_width };
            let lines = wrap(&shown_label(&node.label_fa, node.inferred), measure, o.font_size, max);
            // Room on each side for the office's colour bar, which stands inside the border.
            let text_w = lines.iter().map(|l| measure.width(l, o.font_size)).fold(0.0, f32::max) + 2.0 * ACCENT_ROOM;
            #[allow(clippy::cast_precision_loss)] // a handful of lines
            let text_h = lines.len() as f32 * o.line_height();
            let size = match node.kind {
                NodeKind::Task => ((text_w + 2.0 * o.padding).max(80.0), text_h + 2.0 * o.padding),
                // A stadium: the round ends need half the height on each side.
                NodeKind::Start | NodeKind::End => {
                    let h = text_h + 2.0 * o.padding;
                    (text_w + h + o.padding, h)
                }
                // The text box is inscribed in the diamond when the diamond is twice its size.
                NodeKind::Decision => (2.0 * (text_w + o.padding), 2.0 * (text_h + o.padding / 2.0)),
            };
            (lines, size)
        })
        .collect()
}

/// The centre x of every item. Rank by rank from the top, each item wants to sit under the mean of
/// its upper neighbours (so chains and long edges run straight); a left-packed and a right-packed
/// placement that keep the order and the gaps are averaged, which keeps both properties.
fn columns(layers: &Layers, sizes: &[(f32, f32)], o: &Options) -> Vec<f32> {
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); layers.items()];
    for (a, b) in layers.links() {
        up[b].push(a);
    }
    let mut x = vec![0.0_f32; layers.items()];
    for rank in &layers.ranks {
        let mut left = -rank.iter().map(|&i| sizes[i].0 + o.node_gap).sum::<f32>() / 2.0;
        let desired: Vec<f32> = rank
            .iter()
            .map(|&item| {
                let centred = left + sizes[item].0 / 2.0;
                left += sizes[item].0 + o.node_gap;
                #[allow(clippy::cast_precision_loss)]
                let count = up[item].len() as f32;
                if up[item].is_empty() { centred } else { up[item].iter().map(|&u| x[u]).sum::<f32>() / count }
            })
            .collect();
        let apart = |i: usize| sizes[rank[i]].0 / 2.0 + o.node_gap + sizes[rank[i + 1]].0 / 2.0;
        let mut packed_left = desired.clone();
        for i in 1..rank.len() {
            packed_left[i] = packed_left[i].max(packed_left[i - 1] + apart(i - 1));
        }
        let mut packed_right = desired;
        for i in (0..rank.len().saturating_sub(1)).rev() {
            packed_right[i] = packed_right[i].min(packed_right[i + 1] - apart(i));
        }
        for (i, &item) in rank.iter().enumerate() {
            x[item] = f32::midpoint(packed_left[i], packed_right[i]);
        }
    }
    straighten(layers, sizes, &mut x, o);
    let min_left = (0..layers.items()).map(|i| x[i] - sizes[i].0 / 2.0).fold(f32::INFINITY, f32::min);
    let shift = if min_left.is_finite() { o.margin - min_left } else { 0.0 };
    x.iter().map(|v| v + shift).collect()
}

/// Lines up the two ends of every link that is the only one out of its upper item and the only one
/// into its lower item (chains of steps, long edges), moving the lower item, or else the upper one,
/// where its rank has room: a jog of a few pixels reads as noise. Twice, so a move can follow a move.
fn straighten(layers: &Layers, sizes: &[(f32, f32)], x: &mut [f32], o: &Options) {
    let (mut up, mut down) = (vec![Vec::new(); layers.items()], vec![Vec::new(); layers.items()]);
    for (a, b) in layers.links() {
        down[a].push(b);
        up[b].push(a);
    }
    let mut slot = vec![0; layers.items()];
    for rank in &layers.ranks {
        for (i, &item) in rank.iter().enumerate() {
            slot[item] = i;
        }
    }
    // Whether `item` can sit at `to` without coming closer than the gap to its rank neighbours.
    let fits = |x: &[f32], item: usize, to: f32| {
        let rank = &layers.ranks[layers.rank[item]];
        let i = slot[item];
        // A small move may eat a little of the gap: a jog of a few pixels looks worse than a slightly narrower gap.
        let slack = (to - x[item]).abs().min(STRAIGHTEN_SLACK);
        let apart = |other: usize| sizes[item].0 / 2.0 + o.node_gap - slack + sizes[other].0 / 2.0;
        let left_ok = i == 0 || to >= x[rank[i - 1]] + apart(rank[i - 1]) - 1e-3;
        let right_ok = i + 1 >= rank.len() || to <= x[rank[i + 1]] - apart(rank[i + 1]) + 1e-3;
        left_ok && right_ok
    };
    for _ in 0..2 {
        for rank in &layers.ranks {
            for &b in rank {
                let [a] = up[b][..] else { continue };
                if down[a].len() != 1 || (x[a] - x[b]).abs() < 1e-3 {
                    continue;
                }
                if fits(x, b, x[a]) {
                    x[b] = x[a];
                } else if up[a].len() <= 1 && fits(x, a, x[b]) {
                    x[a] = x[b];
                }
            }
        }
    }
}

/// The vertical stack: gap 0, rank 0, gap 1, rank 1, …, last gap. Gap `k` lies above rank `k`.
struct Bands {
    /// Top of each rank's band and its height.
    tops: Vec<(f32, f32)>,
    gap_tops: Vec<f32>,
    height: f32,
}

impl Bands {
    fn stack(layers: &Layers, sizes: &[(f32, f32)], tracks: &Tracks, o: &Options) -> Self {
        let mut y = o.margin;
        let mut tops = Vec::new();
        let mut gap_tops = Vec::new();
        let last = layers.ranks.len();
        for k in 0..=last {
            gap_tops.push(y);
            y += route::gap_height(tracks.count(k), k == 0 || k == last, o);
            if let Some(rank) = layers.ranks.get(k) {
                let h = rank.iter().map(|&i| sizes[i].1).fold(o.line_height(), f32::max);
                tops.push((y, h));
                y += h;
            }
        }
        Self { tops, gap_tops, height: y }
    }

    fn band(&self, rank: usize) -> (f32, f32) {
        self.tops.get(rank).map_or((0.0, 0.0), |&(top, h)| (top, top + h))
    }
}

fn mirror(layout: &mut Layout) {
    let width = layout.width;
    for node in &mut layout.nodes {
        node.rect = node.rect.mirrored(width);
    }
    for edge in &mut layout.edges {
        for p in &mut edge.points {
            p.x = width - p.x;
        }
        if let Some(label) = &mut edge.label {
            label.rect = label.rect.mirrored(width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{FontMeasure, quality};
    use crate::domain::workflow::tests::{edge, node, sample};

    fn measure() -> &'static FontMeasure {
        FontMeasure::shared().unwrap_or_else(|e| panic!("{e}"))
    }

    fn ltr() -> Options {
        Options { direction: Direction::Ltr, ..Options::default() }
    }

    fn placed<'a>(l: &'a Layout, id: &str) -> &'a PlacedNode {
        l.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("{id} not placed"))
    }

    #[test]
    fn a_loop_is_one_back_edge_routed_outside_the_boxes() {
        let w = sample();
        let l = layout(&w, measure(), &ltr());
        let ys: Vec<f32> = ["start", "t1", "d1", "t2", "end"].iter().map(|id| placed(&l, id).rect.y).collect();
        assert!(ys.windows(2).all(|p| p[0] < p[1]), "ranks go down: {ys:?}");
        let back: Vec<&RoutedEdge> = l.edges.iter().filter(|e| e.back_edge).collect();
        assert_eq!(back.len(), 1);
        assert_eq!((back[0].from.as_str(), back[0].to.as_str()), ("d1", "t1"));
        let rightmost_box = l.nodes.iter().map(|n| n.rect.right()).fold(0.0, f32::max);
        assert!(back[0].points.iter().any(|p| p.x > rightmost_box), "the loop runs right of every box in LTR");
        assert!(quality::overlaps(&l).is_empty());
        assert!(quality::edges_through_nodes(&l).is_empty());
        assert!(quality::unplaced_labels(&w, &l).is_empty());
        assert_eq!(quality::crossings(&l), 0);
    }

    #[test]
    fn a_diamond_is_larger_than_its_text() {
        let measure = measure();
        let l = layout(&sample(), measure, &ltr());
        let d = placed(&l, "d1");
        assert_eq!(d.kind, NodeKind::Decision);
        let text = measure.width("d1", l.options.font_size);
        assert!(d.rect.width >= 2.0 * text && d.rect.height >= 2.0 * l.options.line_height());
    }

    #[test]
    fn the_same_input_gives_the_same_layout() {
        let w = sample();
        let m = measure();
        assert_eq!(layout(&w, m, &Options::default()), layout(&w, m, &Options::default()));
    }

    #[test]
    fn rtl_mirrors_ltr() {
        let w = sample();
        let m = measure();
        let left = layout(&w, m, &ltr());
        let right = layout(&w, m, &Options::default());
        assert_eq!((left.width, left.height), (right.width, right.height));
        for (a, b) in left.nodes.iter().zip(&right.nodes) {
            assert_eq!(b.rect, a.rect.mirrored(left.width));
        }
        for (a, b) in left.edges.iter().zip(&right.edges) {
            let mirrored: Vec<Point> = a.points.iter().map(|p| Point::new(left.width - p.x, p.y)).collect();
            assert_eq!(b.points, mirrored);
        }
        let leftmost_box = right.nodes.iter().map(|n| n.rect.x).fold(f32::INFINITY, f32::min);
        assert!(right.edges.iter().filter(|e| e.back_edge).all(|e| e.points.iter().any(|p| p.x < leftmost_box)));
    }

    #[test]
    fn a_fan_out_and_a_long_edge_place_both_labels_without_crossings() {
        // start → d —بلی→ a → b → end, d —خیر→ end (long edge past a and b).
        let w = Workflow {
            generic: false,
            nodes: vec![
                node("start", NodeKind::Start),
                node("d", NodeKind::Decision),
                node("a", NodeKind::Task),
                node("b", NodeKind::Task),
                node("end", NodeKind::End),
            ],
            edges: vec![
                edge("start", "d", None),
                edge("d", "a", Some("بلی")),
                edge("d", "end", Some("خیر")),
                edge("a", "b", None),
                edge("b", "end", None),
            ],
        };
        let l = layout(&w, measure(), &Options::default());
        assert!(l.edges.iter().all(|e| !e.back_edge));
        assert!(quality::overlaps(&l).is_empty());
        assert!(quality::edges_through_nodes(&l).is_empty());
        assert!(quality::unplaced_labels(&w, &l).is_empty());
        assert_eq!(quality::crossings(&l), 0);
    }
}
