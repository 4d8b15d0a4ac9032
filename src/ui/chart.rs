//! A horizontal bar chart on an iced canvas: a label on the reading-start side, its bar growing
//! towards the other side, and the count at the bar's end.

use iced::alignment::Vertical;
use iced::widget::canvas::{self, Frame, Text};
use iced::widget::text::{Alignment, Shaping};
use iced::{Color, Font, Pixels, Point, Rectangle, Renderer, Size, Theme, mouse};

const BAR: Color = Color::from_rgb(0.22, 0.45, 0.70);
const INK: Color = Color::from_rgb(0.13, 0.13, 0.13);

pub struct BarChart {
    /// Label (already in the reader's digits) and value, top to bottom.
    pub bars: Vec<(String, u32)>,
    /// Persian: labels on the right, bars growing leftwards, Persian digits.
    pub rtl: bool,
}

/// The height a chart of `n` bars needs.
#[allow(clippy::cast_precision_loss)] // a chart has a handful of bars
pub fn height(n: usize) -> f32 {
    n.max(1) as f32 * ROW
}

const ROW: f32 = 24.0;

impl<Message> canvas::Program<Message> for BarChart {
    type State = ();

    #[allow(clippy::cast_precision_loss)]
    fn draw(&self, _state: &(), renderer: &Renderer, _theme: &Theme, bounds: Rectangle, _cursor: mouse::Cursor) -> Vec<canvas::Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let label_width = (bounds.width * 0.45).max(1.0);
        let bar_room = (bounds.width - label_width - 48.0).max(1.0);
        let max = self.bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f32;
        for (i, (label, value)) in self.bars.iter().enumerate() {
            let y = i as f32 * ROW;
            let middle = y + ROW / 2.0;
            let length = bar_room * (*value as f32) / max;
            let (label_x, label_align, bar_x, count_x, count_align) = if self.rtl {
                let edge = bounds.width - label_width;
                (bounds.width - 4.0, Alignment::Right, edge - 8.0 - length, edge - 12.0 - length, Alignment::Right)
            } else {
                (4.0, Alignment::Left, label_width + 8.0, label_width + 12.0 + length, Alignment::Left)
            };
            frame.fill_text(text(label, Point::new(label_x, middle), label_align));
            frame.fill_rectangle(Point::new(bar_x, y + 5.0), Size::new(length, ROW - 10.0), BAR);
            let value = if self.rtl { crate::i18n::digits::to_persian(&value.to_string()) } else { value.to_string() };
            frame.fill_text(text(&value, Point::new(count_x, middle), count_align));
        }
        vec![frame.into_geometry()]
    }
}

fn text(content: &str, position: Point, align_x: Alignment) -> Text {
    Text {
        content: content.to_owned(),
        position,
        color: INK,
        size: Pixels(13.0),
        align_x,
        align_y: Vertical::Center,
        font: Font::with_name("Vazirmatn"),
        shaping: Shaping::Advanced,
        ..Text::default()
    }
}
