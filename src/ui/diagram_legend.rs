//! What the marks of a workflow drawing mean, under the drawing: each office that acts in it with
//! its fill, outline dash and colour accent (`diagram::style`), then the case's current step, the
//! path taken and a return for correction. The marks are built of filled boxes, not canvases: on
//! the default renderer (wgpu) only the last of several canvases on a screen was drawn, which hid
//! the drawing itself. The names are text widgets in the reader's language.

use iced::alignment::Vertical;
use iced::widget::{Column, Row, column, container, space};
use iced::{Border, Color, Element, Length};

use crate::diagram::Layout;
use crate::diagram::style::office_style;
use crate::domain::workflow::Office;
use crate::i18n::Localizer;
use crate::ui::rtl;

const INK: Color = Color::from_rgb(0.13, 0.13, 0.13);
/// Legend entries on one line.
const PER_LINE: usize = 3;

/// A mark of the drawing, drawn small.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Office(Office),
    Current,
    Path,
    Return,
}

/// The marks `layout` uses, in a fixed order: its offices as the catalogue lists them, then the lines.
pub fn marks(layout: &Layout) -> Vec<Mark> {
    let offices = Office::ALL.into_iter().filter(|o| layout.nodes.iter().any(|n| n.actor == Some(*o))).map(Mark::Office);
    let returns = layout.edges.iter().any(|e| e.back_edge);
    offices.chain([Mark::Current, Mark::Path]).chain(returns.then_some(Mark::Return)).collect()
}

/// The words for a mark.
pub fn name(mark: Mark, loc: &Localizer) -> String {
    match mark {
        Mark::Office(office) => loc.text(&format!("office-{}", office.key()), &[]),
        Mark::Current => loc.text("gui-diagram-legend-current", &[]),
        Mark::Path => loc.text("gui-diagram-legend-path", &[]),
        Mark::Return => loc.text("gui-diagram-legend-return", &[]),
    }
}

pub fn legend<'a, Message: 'a>(layout: &Layout, loc: &Localizer) -> Element<'a, Message> {
    let language = loc.language();
    let rtl = language.is_rtl();
    let entries: Vec<Element<'a, Message>> = marks(layout)
        .into_iter()
        .map(|mark| {
            let swatch = container(swatch(mark, rtl)).width(SWATCH_WIDTH).height(SWATCH_HEIGHT).center_y(SWATCH_HEIGHT);
            let entry = rtl::row(language, vec![swatch.into(), rtl::line(language, name(mark, loc), 12.0)]);
            container(entry.spacing(6).align_y(Vertical::Center)).width(Length::FillPortion(1)).into()
        })
        .collect();
    let mut lines = Vec::new();
    let mut entries = entries.into_iter().peekable();
    while entries.peek().is_some() {
        let mut line: Vec<Element<'a, Message>> = entries.by_ref().take(PER_LINE).collect();
        // Short lines keep the grid: empty cells where entries would be.
        while line.len() < PER_LINE {
            line.push(container(space()).width(Length::FillPortion(1)).into());
        }
        lines.push(rtl::row(language, line).spacing(8).into());
    }
    Column::with_children(lines).spacing(4).into()
}

const SWATCH_WIDTH: f32 = 34.0;
const SWATCH_HEIGHT: f32 = 18.0;

fn filled<'a, Message: 'a>(width: impl Into<Length>, height: f32, color: Color) -> Element<'a, Message> {
    container(space())
        .width(width)
        .height(height)
        .style(move |_| container::Style { background: Some(color.into()), ..container::Style::default() })
        .into()
}

/// A line of `width` in the dash pattern `segments` (drawn, gap, drawn, …); solid when empty.
fn dashed<'a, Message: 'a>(segments: &[f32], width: f32, thickness: f32) -> Element<'a, Message> {
    if segments.is_empty() {
        return filled(width, thickness, INK);
    }
    let mut pieces = Vec::new();
    let mut at = 0.0;
    for (i, segment) in segments.iter().cycle().enumerate() {
        if at >= width {
            break;
        }
        let length = segment.min(width - at);
        let color = if i % 2 == 0 { INK } else { Color::TRANSPARENT };
        pieces.push(filled(length, thickness, color));
        at += length;
    }
    Row::with_children(pieces).into()
}

/// A mark of the drawing, small.
fn swatch<'a, Message: 'a>(mark: Mark, rtl: bool) -> Element<'a, Message> {
    let (w, h) = (SWATCH_WIDTH, SWATCH_HEIGHT - 4.0);
    match mark {
        Mark::Office(office) => {
            let style = office_style(Some(office));
            let fill = Color::from_rgb8(style.fill[0], style.fill[1], style.fill[2]);
            // The accent stands at the reading start, as on the drawing's boxes.
            let mut inside = vec![filled(3.0, h - 6.0, Color::TRANSPARENT), space().width(Length::Fill).into()];
            if let Some([r, g, b]) = style.accent {
                inside[0] = filled(3.0, h - 6.0, Color::from_rgb8(r, g, b));
            }
            if rtl {
                inside.reverse();
            }
            let body = container(Row::with_children(inside).align_y(Vertical::Center).padding([0, 3]))
                .width(Length::Fill)
                .height(Length::Fill)
                .center_y(Length::Fill);
            let side = || filled(1.2, h, INK);
            let middle = iced::widget::row![side(), body, side()].height(h - 2.4);
            let edge = || dashed(style.dash, w, 1.2);
            container(column![edge(), middle, edge()])
                .style(move |_| container::Style { background: Some(fill.into()), ..container::Style::default() })
                .into()
        }
        Mark::Current => container(space())
            .width(w)
            .height(h)
            .style(|_| container::Style {
                background: Some(Color::from_rgb8(0x9e, 0x9e, 0x9e).into()),
                border: Border { color: INK, width: 3.0, radius: 3.0.into() },
                ..container::Style::default()
            })
            .into(),
        Mark::Path => dashed(&[], w, 3.5),
        Mark::Return => dashed(&[7.0, 4.0], w, 1.4),
    }
}
