//! What the marks of a workflow drawing mean, under the drawing: each office that acts in it with
//! its fill, outline dash and colour accent (`diagram::style`), then the case's current step, the
//! path taken and a return for correction. The marks are drawn as the drawing draws them; the
//! names are text widgets in the reader's language.

use iced::alignment::Vertical;
use iced::widget::canvas::{self, LineDash, Path, Stroke};
use iced::widget::{Column, canvas as new_canvas, container};
use iced::{Color, Element, Length, Point, Rectangle, Renderer, Size, Theme, mouse};

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
            let swatch = new_canvas(Swatch { mark, rtl }).width(34).height(18);
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
            line.push(container(iced::widget::space()).width(Length::FillPortion(1)).into());
        }
        lines.push(rtl::row(language, line).spacing(8).into());
    }
    Column::with_children(lines).spacing(4).into()
}

struct Swatch {
    mark: Mark,
    rtl: bool,
}

impl<Message> canvas::Program<Message> for Swatch {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        let (w, h) = (bounds.width, bounds.height);
        let body = Path::rounded_rectangle(Point::new(2.0, 2.0), Size::new(w - 4.0, h - 4.0), 3.0.into());
        let middle = Path::line(Point::new(2.0, h / 2.0), Point::new(w - 2.0, h / 2.0));
        match self.mark {
            Mark::Office(office) => {
                let style = office_style(Some(office));
                frame.fill(&body, Color::from_rgb8(style.fill[0], style.fill[1], style.fill[2]));
                let dash = LineDash { segments: style.dash, offset: 0 };
                frame.stroke(&body, Stroke { line_dash: dash, ..Stroke::default().with_color(INK).with_width(1.2) });
                if let Some([r, g, b]) = style.accent {
                    // At the reading start, as on the drawing's boxes.
                    let x = if self.rtl { w - 8.0 } else { 5.0 };
                    frame.fill_rectangle(Point::new(x, 4.0), Size::new(3.0, h - 8.0), Color::from_rgb8(r, g, b));
                }
            }
            Mark::Current => {
                frame.fill(&body, Color::from_rgb8(0x9e, 0x9e, 0x9e));
                frame.stroke(&body, Stroke::default().with_color(INK).with_width(3.0));
            }
            Mark::Path => frame.stroke(&middle, Stroke::default().with_color(INK).with_width(3.5)),
            Mark::Return => {
                let dash = LineDash { segments: &[7.0, 4.0], offset: 0 };
                frame.stroke(&middle, Stroke { line_dash: dash, ..Stroke::default().with_color(INK).with_width(1.4) });
            }
        }
        vec![frame.into_geometry()]
    }
}
