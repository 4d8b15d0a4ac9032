//! A horizontal bar chart: labels on the reading-start side, each bar drawn on a small iced canvas
//! growing away from its label, then the counts. Labels and counts are text widgets, so Persian is
//! shaped and aligned as everywhere else; only the bars are drawn. Each row is as tall as its label:
//! a label that wraps onto a second line (a service title in a narrow window) gets that line, where
//! rows of a fixed height cut it off.

use iced::alignment::Vertical;
use iced::widget::{Column, canvas, container, text};
use iced::{Color, Element, Length, Rectangle, Renderer, Size, Theme, mouse};

use crate::i18n::Language;
use crate::ui::rtl;

const BAR: Color = Color::from_rgb(0.22, 0.45, 0.70);
const ROW: f32 = 24.0;

/// `bars`: label (already in the reader's digits) and value, top to bottom.
pub fn bars<'a, Message: 'a>(language: Language, bars: Vec<(String, u32)>) -> Element<'a, Message> {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let rows = bars.into_iter().map(|(label, value)| {
        #[allow(clippy::cast_precision_loss)] // counts of cases on one screen
        let fraction = value as f32 / max as f32;
        let digits = if language.is_rtl() { crate::i18n::digits::to_persian(&value.to_string()) } else { value.to_string() };
        let bar = canvas(Bar { fraction, rtl: language.is_rtl() }).width(Length::FillPortion(10)).height(ROW);
        let cells = vec![
            container(rtl::line(language, label, 13.0)).width(Length::FillPortion(9)).into(),
            bar.into(),
            container(text(digits).size(13)).width(36).align_x(rtl::start(language)).into(),
        ];
        rtl::row(language, cells).spacing(6).align_y(Vertical::Center).into()
    });
    Column::with_children(rows).into()
}

/// One bar, its `fraction` of the width, starting on the label's side.
struct Bar {
    fraction: f32,
    rtl: bool,
}

impl<Message> canvas::Program<Message> for Bar {
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
        let length = bounds.width * self.fraction;
        let x = if self.rtl { bounds.width - length } else { 0.0 };
        frame.fill_rectangle(iced::Point::new(x, 5.0), Size::new(length, ROW - 10.0), BAR);
        vec![frame.into_geometry()]
    }
}

#[cfg(test)]
mod tests {
    use iced_test::simulator::Simulator;

    use super::*;
    use crate::ui::widget::sim;

    /// In a narrow panel (the counter at 1024×600) a long service title wraps; its row grows with it,
    /// so the second line is not cut off by the next row.
    #[test]
    fn a_wrapped_label_keeps_its_second_line_clear_of_the_next_row() {
        let long = "۱۲ صدور مجوز برای تأسیس و بهره‌برداری از واحدهای صنفی";
        let rows = vec![(long.to_owned(), 3), ("۵ ثبت اتباع".to_owned(), 1)];
        let chart: Element<'_, ()> = container(bars(Language::Persian, rows)).width(300).into();
        let mut ui = Simulator::with_size(sim::settings(), Size::new(300.0, 400.0), chart);
        let bounds = |ui: &mut Simulator<'_, ()>, content: &str| {
            let found = ui.find(format!("\u{200F}{content}").as_str()).unwrap_or_else(|e| panic!("{e}"));
            iced_test::selector::Bounded::bounds(&found)
        };
        let (first, second) = (bounds(&mut ui, long), bounds(&mut ui, "۵ ثبت اتباع"));
        assert!(first.height > ROW, "the label did not wrap: {first:?}");
        assert!(first.y + first.height <= second.y + 0.5, "{first:?} runs into the next row at {second:?}");
    }
}
