//! Edge routing: orthogonal polylines through the gaps between ranks, each jog on its own track,
//! loops around the side of the drawing, and branch labels near where each edge starts.

use std::collections::HashMap;

use super::geometry::{Point, Rect};
use super::layout::{Options, PlacedLabel, RoutedEdge, shown_label};
use super::order::Layers;
use super::text::TextMeasure;
use crate::domain::workflow::{Edge, Workflow};

/// Space between a line and the label beside it.
const LABEL_OFFSET: f32 = 4.0;
/// Distance between the vertical runs of two loops.
const CHANNEL_GAP: f32 = 14.0;
/// Extra height of a gap that has no tracks, so a straight branch's label fits.
const PLAIN_GAP: f32 = 12.0;

/// What a horizontal track in a gap carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    /// The jogs of every link leaving this item (a decision's branches share one track).
    Jog(usize),
    /// A loop leaving the item above this gap from its bottom.
    BackOut(usize),
    /// A loop entering the item below this gap from its top.
    BackIn(usize),
}

/// The tracks of every gap; gap `k` lies above rank `k`.
pub struct Tracks {
    gaps: Vec<HashMap<Key, usize>>,
}

impl Tracks {
    pub fn plan(layers: &Layers, x: &[f32]) -> Self {
        let mut ordered: Vec<Vec<Key>> = vec![Vec::new(); layers.ranks.len() + 1];
        for &edge in &layers.back_edges {
            let (from, _) = layers.ends[edge];
            if !layers.outermost(from) {
                ordered[layers.rank[from] + 1].push(Key::BackOut(edge));
            }
        }
        for (gap, keys) in jog_groups(layers, x) {
            ordered[gap].extend(keys);
        }
        for &edge in &layers.back_edges {
            let (_, to) = layers.ends[edge];
            if !layers.outermost(to) {
                ordered[layers.rank[to]].push(Key::BackIn(edge));
            }
        }
        let gaps = ordered.into_iter().map(|keys| keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect()).collect();
        Self { gaps }
    }

    pub fn count(&self, gap: usize) -> usize {
        self.gaps.get(gap).map_or(0, HashMap::len)
    }

    fn y(&self, frame: &Frame, gap: usize, key: Key, o: &Options) -> f32 {
        let index = self.gaps.get(gap).and_then(|g| g.get(&key)).copied().unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let offset = index as f32 * track_spacing(o);
        frame.gap_tops.get(gap).copied().unwrap_or(0.0) + track_pad(o) + offset
    }
}

/// Jog sources per gap, in an order where same-direction jogs nest instead of crossing:
/// rightward ones from the right first, then fan-outs, then leftward ones from the left.
fn jog_groups(layers: &Layers, x: &[f32]) -> Vec<(usize, Vec<Key>)> {
    let mut spans: HashMap<usize, (bool, bool)> = HashMap::new();
    for (a, b) in layers.links() {
        if (x[a] - x[b]).abs() > 0.5 {
            let entry = spans.entry(a).or_default();
            entry.0 |= x[b] > x[a];
            entry.1 |= x[b] < x[a];
        }
    }
    let mut keyed: Vec<(usize, u8, f32, usize)> = spans
        .into_iter()
        .map(|(item, (right, left))| {
            let (class, order) = match (right, left) {
                (true, false) => (0, -x[item]),
                (true, true) => (1, x[item]),
                _ => (2, x[item]),
            };
            (layers.rank[item] + 1, class, order, item)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.total_cmp(&b.2)).then(a.3.cmp(&b.3)));
    let mut groups: Vec<(usize, Vec<Key>)> = Vec::new();
    for (gap, _, _, item) in keyed {
        match groups.last_mut() {
            Some((g, keys)) if *g == gap => keys.push(Key::Jog(item)),
            _ => groups.push((gap, vec![Key::Jog(item)])),
        }
    }
    groups
}

fn track_pad(o: &Options) -> f32 {
    o.label_height() + 6.0
}

fn track_spacing(o: &Options) -> f32 {
    o.label_height() + 6.0
}

/// Height of gap with `tracks` tracks; the gaps above the first and below the last rank vanish when empty.
pub fn gap_height(tracks: usize, outer: bool, o: &Options) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let runs = tracks as f32 * track_spacing(o);
    match (tracks, outer) {
        (0, true) => 0.0,
        (0, false) => track_pad(o) + PLAIN_GAP,
        _ => track_pad(o) + runs,
    }
}

/// Everything routing needs to know about the placed items.
pub struct Frame<'a> {
    pub layers: &'a Layers,
    pub rects: &'a [Rect],
    pub tracks: &'a Tracks,
    pub gap_tops: &'a [f32],
}

/// Routes every edge, in the workflow's edge order; also returns the rightmost x used.
pub fn edges(workflow: &Workflow, frame: &Frame, measure: &dyn TextMeasure, o: &Options) -> (Vec<RoutedEdge>, f32) {
    let label_size = |text: &str| (measure.width(text, o.label_size) + 2.0 * LABEL_OFFSET, o.label_height());
    let content_right = frame.rects.iter().map(Rect::right).fold(0.0, f32::max);
    let side_label =
        frame.layers.back_edges.iter().filter_map(|&e| shown(&workflow.edges[e])).map(|t| label_size(&t).0).fold(0.0, f32::max);
    let mut loops = frame.layers.back_edges.clone();
    loops.sort_by_key(|&e| {
        let (from, to) = frame.layers.ends[e];
        (frame.layers.rank[from].abs_diff(frame.layers.rank[to]), e)
    });
    let first_channel = content_right + side_label + 2.0 * LABEL_OFFSET + CHANNEL_GAP;
    #[allow(clippy::cast_precision_loss)]
    let channels: HashMap<usize, f32> =
        loops.iter().enumerate().map(|(i, &e)| (e, first_channel + i as f32 * CHANNEL_GAP)).collect();
    let chains: HashMap<usize, &Vec<usize>> = frame.layers.chains.iter().map(|(e, items)| (*e, items)).collect();
    let mut routed: Vec<RoutedEdge> = workflow
        .edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            let text = shown(edge);
            let size = text.as_deref().map(label_size);
            let (points, label_rect) = match (chains.get(&i), channels.get(&i)) {
                (Some(items), _) => forward(frame, items, size, o),
                (None, Some(&channel)) => back(frame, i, channel, size, o),
                (None, None) => (Vec::new(), None),
            };
            let label = text.zip(label_rect).map(|(text, rect)| PlacedLabel { text, rect, inferred: edge.inferred });
            RoutedEdge {
                from: edge.from.clone(),
                to: edge.to.clone(),
                points: simplify(points),
                label,
                back_edge: !chains.contains_key(&i),
            }
        })
        .collect();
    let boxes: Vec<Rect> = frame.rects.iter().copied().filter(|r| r.height > 0.0).collect();
    clear_labels(&mut routed, &boxes);
    let right = channels.values().copied().fold(content_right, f32::max);
    (routed, right)
}

/// An edge's branch label as drawn (see `shown_label`).
fn shown(edge: &Edge) -> Option<String> {
    edge.label_fa.as_deref().map(|l| shown_label(l, edge.inferred))
}

/// A label another edge runs through moves to the other side of its own line when that side is clear:
/// routing places each label knowing only its own edge.
fn clear_labels(routed: &mut [RoutedEdge], boxes: &[Rect]) {
    for i in 0..routed.len() {
        let Some(label) = &routed[i].label else { continue };
        let crossed = |rect: &Rect| {
            routed.iter().enumerate().any(|(j, e)| j != i && e.points.windows(2).any(|w| rect.shrunk(1.0).hit_by(w[0], w[1])))
        };
        if !crossed(&label.rect) {
            continue;
        }
        let Some(alternative) = other_side(&routed[i].points, &label.rect) else { continue };
        let blocked = alternative.x < 0.0
            || crossed(&alternative)
            || boxes.iter().any(|b| b.overlaps(&alternative))
            || routed.iter().enumerate().any(|(j, e)| j != i && e.label.as_ref().is_some_and(|l| l.rect.overlaps(&alternative)));
        if !blocked && let Some(label) = &mut routed[i].label {
            label.rect = alternative;
        }
    }
}

/// The same label mirrored across the vertical run of its own edge that it stands beside.
fn other_side(points: &[Point], rect: &Rect) -> Option<Rect> {
    let beside = points.windows(2).find(|w| {
        let vertical = (w[0].x - w[1].x).abs() < 1e-3;
        let (top, bottom) = (w[0].y.min(w[1].y), w[0].y.max(w[1].y));
        vertical && top <= rect.y && rect.y <= bottom && (rect.x > w[0].x || rect.right() < w[0].x)
    })?;
    let line = beside[0].x;
    let gap = if rect.x > line { rect.x - line } else { line - rect.right() };
    let x = if rect.x > line { line - gap - rect.width } else { line + gap };
    Some(Rect { x, ..*rect })
}

/// Down from the source's bottom, jogging sideways on a track in each gap where the column changes.
fn forward(frame: &Frame, items: &[usize], label: Option<(f32, f32)>, opts: &Options) -> (Vec<Point>, Option<Rect>) {
    let rects = frame.rects;
    let (first, last) = (items[0], items[items.len() - 1]);
    let mut points = vec![Point::new(rects[first].center().x, rects[first].bottom())];
    let mut label_rect = None;
    for (step, pair) in items.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let (xa, xb) = (rects[a].center().x, rects[b].center().x);
        let gap = frame.layers.rank[a] + 1;
        let jog = (xa - xb).abs() > 0.5;
        if jog {
            let y = frame.tracks.y(frame, gap, Key::Jog(a), opts);
            points.push(Point::new(xa, y));
            points.push(Point::new(xb, y));
        }
        if step == 0 {
            label_rect = label.map(|(w, h)| {
                if jog {
                    // Beside the drop, below the track: where this branch leaves its siblings.
                    let y = frame.tracks.y(frame, gap, Key::Jog(a), opts) + 3.0;
                    let x = if xb > xa { xb + LABEL_OFFSET } else { xb - LABEL_OFFSET - w };
                    Rect { x, y, width: w, height: h }
                } else {
                    let y = frame.gap_tops.get(gap).copied().unwrap_or(0.0) + 3.0;
                    Rect { x: xa - LABEL_OFFSET - w, y, width: w, height: h }
                }
            });
        }
    }
    points.push(Point::new(rects[last].center().x, rects[last].y));
    (points, label_rect)
}

/// Out to the side channel and back up into the earlier step: from the side when nothing is in the way,
/// otherwise through the gap below the source and the gap above the target.
fn back(frame: &Frame, edge: usize, channel: f32, label: Option<(f32, f32)>, opts: &Options) -> (Vec<Point>, Option<Rect>) {
    let layers = frame.layers;
    let (from, to) = layers.ends[edge];
    let (src, dst) = (frame.rects[from], frame.rects[to]);
    let mut points = Vec::new();
    let label_rect = if layers.outermost(from) {
        let y = src.center().y;
        points.extend([Point::new(src.right(), y), Point::new(channel, y)]);
        label.map(|(w, h)| Rect { x: src.right() + LABEL_OFFSET, y: y - 3.0 - h, width: w, height: h })
    } else {
        let (x, y) = (src.center().x, frame.tracks.y(frame, layers.rank[from] + 1, Key::BackOut(edge), opts));
        points.extend([Point::new(x, src.bottom()), Point::new(x, y), Point::new(channel, y)]);
        label.map(|(w, h)| Rect { x: x + LABEL_OFFSET, y: y + 3.0, width: w, height: h })
    };
    if layers.outermost(to) {
        let y = dst.center().y;
        points.extend([Point::new(channel, y), Point::new(dst.right(), y)]);
    } else {
        let (x, y) = (dst.center().x, frame.tracks.y(frame, layers.rank[to], Key::BackIn(edge), opts));
        points.extend([Point::new(channel, y), Point::new(x, y), Point::new(x, dst.y)]);
    }
    (points, label_rect)
}

/// Drops repeated points and the middle of three collinear ones.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| (q.x - p.x).abs() < 1e-3 && (q.y - p.y).abs() < 1e-3) {
            continue;
        }
        if let [.., a, b] = out.as_slice() {
            let straight =
                ((a.x - b.x).abs() < 1e-3 && (b.x - p.x).abs() < 1e-3) || ((a.y - b.y).abs() < 1e-3 && (b.y - p.y).abs() < 1e-3);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}
