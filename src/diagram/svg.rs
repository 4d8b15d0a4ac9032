//! A layout as an SVG document: grey fills and line styles that survive black-and-white printing,
//! with a thin colour stripe naming the acting office.

use std::fmt::Write as _;

use super::Highlight;
use super::geometry::{Point, Rect};
use super::layout::{Direction, Layout, PlacedNode, RoutedEdge};
use super::style::{hex, office_style};
use crate::domain::workflow::NodeKind;

/// Fill, dash pattern and colour stripe per office: the grey and the dashes carry the meaning on paper.
pub fn render(layout: &Layout, highlight: Highlight<'_>) -> String {
    let (w, h) = (layout.width, layout.height);
    render_framed(layout, highlight, (w, h), Rect { x: 0.0, y: 0.0, width: w, height: h })
}

/// The drawing centred on a page of `size` (points), scaled down to fit inside `margin` when needed.
pub fn render_page(layout: &Layout, highlight: Highlight<'_>, size: (f32, f32), margin: f32) -> String {
    let scale = page_scale(layout, size, margin);
    let (w, h) = (size.0 / scale, size.1 / scale);
    let view = Rect { x: (layout.width - w) / 2.0, y: (layout.height - h) / 2.0, width: w, height: h };
    render_framed(layout, highlight, size, view)
}

/// How much the drawing shrinks to fit a page of `size` inside `margin` (never enlarged).
pub fn page_scale(layout: &Layout, size: (f32, f32), margin: f32) -> f32 {
    let fit = ((size.0 - 2.0 * margin) / layout.width).min((size.1 - 2.0 * margin) / layout.height);
    if fit.is_finite() && fit > 0.0 { fit.min(1.0) } else { 1.0 }
}

/// An SVG `size` wide and high showing the `view` part of the drawing.
fn render_framed(layout: &Layout, highlight: Highlight<'_>, size: (f32, f32), view: Rect) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{:.1}" height="{:.1}" viewBox="{:.1} {:.1} {:.1} {:.1}" font-family="Vazirmatn, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker></defs>
<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff"/>
"##,
        size.0, size.1, view.x, view.y, view.width, view.height, view.x, view.y, view.width, view.height
    );
    for edge in &layout.edges {
        edge_svg(&mut out, edge, highlight.on_path(edge));
    }
    for node in &layout.nodes {
        node_svg(&mut out, layout, node, highlight.visited(&node.id), highlight.is_current(&node.id));
    }
    for label in layout.edges.iter().filter_map(|e| e.label.as_ref()) {
        let c = label.rect.center();
        // A label the booklet does not print is in brackets (its text) and in a dotted frame.
        let frame = if label.inferred { r##" stroke="#555" stroke-width="0.8" stroke-dasharray="2 2""## } else { "" };
        let _ = writeln!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff" opacity="0.9"{frame}/>"##,
            label.rect.x, label.rect.y, label.rect.width, label.rect.height
        );
        text_svg(
            &mut out,
            c,
            std::slice::from_ref(&label.text),
            layout.options.label_size,
            layout.options.line_height(),
            layout.options.direction,
        );
    }
    out.push_str("</svg>\n");
    out
}

fn edge_svg(out: &mut String, edge: &RoutedEdge, emphasised: bool) {
    let points: Vec<String> = edge.points.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect();
    let width = if emphasised { 3.5 } else { 1.4 };
    // Loops are dashed so a return for correction reads as such without colour.
    let dash = if edge.back_edge { r#" stroke-dasharray="7 4""# } else { "" };
    let _ = writeln!(
        out,
        r##"<polyline points="{}" fill="none" stroke="#222" stroke-width="{width}"{dash} marker-end="url(#arrow)"/>"##,
        points.join(" ")
    );
}

fn node_svg(out: &mut String, layout: &Layout, node: &PlacedNode, visited: bool, current: bool) {
    let style = office_style(node.actor);
    let fill = if current { "#9e9e9e".to_owned() } else { hex(style.fill) };
    let dash: Vec<String> = style.dash.iter().map(ToString::to_string).collect();
    let dash = dash.join(" ");
    let accent = style.accent.map(hex).unwrap_or_default();
    let stroke_width = match (current || visited, node.kind) {
        (true, _) => 3.0,
        (false, NodeKind::End) => 2.4,
        (false, _) => 1.2,
    };
    let dash = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
    let style = format!(r##"fill="{fill}" stroke="#222" stroke-width="{stroke_width}"{dash}"##);
    let r = node.rect;
    let _ = match node.kind {
        NodeKind::Task => writeln!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" {style}/>"#,
            r.x, r.y, r.width, r.height
        ),
        NodeKind::Start | NodeKind::End => {
            let rx = r.height / 2.0;
            writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{rx:.1}" {style}/>"#,
                r.x, r.y, r.width, r.height
            )
        }
        NodeKind::Decision => {
            let c = r.center();
            writeln!(
                out,
                r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" {style}/>"#,
                c.x,
                r.y,
                r.right(),
                c.y,
                c.x,
                r.bottom(),
                r.x,
                c.y
            )
        }
    };
    if !accent.is_empty() {
        accent_svg(out, r, node.kind, &accent, layout.options.direction);
    }
    let o = &layout.options;
    text_svg(out, r.center(), &node.lines, o.font_size, o.line_height(), o.direction);
}

/// A short coloured bar inside the box at the reading-start side.
fn accent_svg(out: &mut String, r: Rect, kind: NodeKind, colour: &str, direction: Direction) {
    let inset = if kind == NodeKind::Decision { r.width / 4.0 } else { 3.0 };
    let height = if kind == NodeKind::Decision { r.height / 4.0 } else { r.height - 6.0 };
    let x = match direction {
        Direction::Rtl => r.right() - inset - 4.0,
        Direction::Ltr => r.x + inset,
    };
    let y = r.center().y - height / 2.0;
    let _ = writeln!(out, r#"<rect x="{x:.1}" y="{y:.1}" width="4" height="{height:.1}" fill="{colour}"/>"#);
}

fn text_svg(out: &mut String, center: Point, lines: &[String], size: f32, line_height: f32, direction: Direction) {
    let dir = match direction {
        Direction::Rtl => "rtl",
        Direction::Ltr => "ltr",
    };
    #[allow(clippy::cast_precision_loss)]
    let first = center.y - (lines.len() as f32 - 1.0) * line_height / 2.0;
    for (i, line) in lines.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = first + i as f32 * line_height;
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{y:.1}" font-size="{size}" direction="{dir}" text-anchor="middle" dominant-baseline="central" fill="#000">{}</text>"##,
            center.x,
            escape(line)
        );
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{FontMeasure, Options, layout, quality};
    use crate::domain::workflow::tests::sample;

    fn measure() -> &'static FontMeasure {
        FontMeasure::shared().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_kind_has_its_shape_and_labels_are_rtl_text() {
        let l = layout(&sample(), measure(), &Options::default());
        let svg = render(&l, Highlight::default());
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<polygon").count(), 1, "one diamond");
        assert_eq!(svg.matches("<polyline").count(), l.edges.len());
        assert!(svg.contains(r#"direction="rtl" text-anchor="middle""#));
        assert!(svg.contains(">بلی</text>") && svg.contains(">خیر</text>"));
        assert!(svg.contains("stroke-dasharray=\"7 4\""), "the loop is dashed");
    }

    #[test]
    fn what_the_booklet_does_not_print_is_drawn_in_brackets() {
        let mut w = sample();
        let plain = render(&layout(&w, measure(), &Options::default()), Highlight::default());
        assert!(!plain.contains('[') && !plain.contains("stroke-dasharray=\"2 2\""));
        for edge in w.edges.iter_mut().filter(|e| e.label_fa.as_deref() == Some("خیر")) {
            edge.inferred = true;
        }
        if let Some(node) = w.nodes.iter_mut().find(|n| n.id == "d1") {
            node.inferred = true;
        }
        let l = layout(&w, measure(), &Options::default());
        let svg = render(&l, Highlight::default());
        assert!(svg.contains(">\u{200F}[خیر]\u{200F}</text>") && svg.contains(">بلی</text>"), "{svg}");
        assert_eq!(svg.matches("stroke-dasharray=\"2 2\"").count(), 1, "one dotted label frame");
        assert!(svg.contains(">\u{200F}[d1]\u{200F}</text>"), "the added step in brackets");
        let label = l.edges.iter().find_map(|e| e.label.as_ref().filter(|l| l.inferred)).map(|l| l.text.clone());
        assert_eq!(label.as_deref(), Some("\u{200F}[خیر]\u{200F}"));
        assert!(quality::unplaced_labels(&w, &l).is_empty());
    }

    #[test]
    fn the_path_and_current_step_are_emphasised() {
        let l = layout(&sample(), measure(), &Options::default());
        let path = ["start".to_owned(), "t1".to_owned(), "d1".to_owned()];
        let plain = render(&l, Highlight::default());
        let marked = render(&l, Highlight { path: &path, current: Some("d1") });
        assert!(!plain.contains("stroke-width=\"3.5\""));
        assert_eq!(marked.matches("stroke-width=\"3.5\"").count(), 2, "two edges on the path");
        assert!(marked.contains("#9e9e9e"), "the current step is filled");
    }
}
