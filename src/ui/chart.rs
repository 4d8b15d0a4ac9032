//! A horizontal bar chart: labels on the reading-start side, each bar growing away from its label,
//! then the counts. Labels and counts are text widgets, so Persian is shaped and aligned as
//! everywhere else; a bar is a filled box sized by `FillPortion`, not a canvas: on the default
//! renderer (wgpu) only the last of several canvases on a screen was drawn. Each row is as tall as
//! its label: a label that wraps onto a second line (a service title in a narrow window) gets that
//! line, where rows of a fixed height cut it off.

use iced::alignment::Vertical;
use iced::widget::{Column, container, space, text};
use iced::{Color, Element, Length};

use crate::i18n::Language;
use crate::ui::rtl;

const BAR: Color = Color::from_rgb(0.22, 0.45, 0.70);
const ROW: f32 = 24.0;
/// The bar area's width in parts: a bar takes its share of them.
const PARTS: u16 = 1000;

/// `bars`: label (already in the reader's digits) and value, top to bottom.
pub fn bars<'a, Message: 'a>(language: Language, bars: Vec<(String, u32)>) -> Element<'a, Message> {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let rows = bars.into_iter().map(|(label, value)| {
        let digits = if language.is_rtl() { crate::i18n::digits::to_persian(&value.to_string()) } else { value.to_string() };
        let cells = vec![
            container(rtl::line(language, label, 13.0)).width(Length::FillPortion(9)).into(),
            container(bar(language, value, max)).width(Length::FillPortion(10)).height(ROW).center_y(ROW).into(),
            container(text(digits).size(13)).width(36).align_x(rtl::start(language)).into(),
        ];
        rtl::row(language, cells).spacing(6).align_y(Vertical::Center).into()
    });
    Column::with_children(rows).into()
}

/// `value` of `max` as a filled share of the width, starting on the label's side.
fn bar<'a, Message: 'a>(language: Language, value: u32, max: u32) -> Element<'a, Message> {
    let filled = u16::try_from(u64::from(value.min(max)) * u64::from(PARTS) / u64::from(max)).unwrap_or(PARTS);
    let fill = container(space())
        .width(Length::FillPortion(filled))
        .height(ROW - 10.0)
        .style(|_| container::Style { background: Some(BAR.into()), ..container::Style::default() });
    let mut parts: Vec<Element<'a, Message>> = Vec::new();
    if filled > 0 {
        parts.push(fill.into());
    }
    if filled < PARTS {
        parts.push(space().width(Length::FillPortion(PARTS - filled)).into());
    }
    rtl::row(language, parts).into()
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
        let mut ui = Simulator::with_size(sim::settings(), iced::Size::new(300.0, 400.0), chart);
        let bounds = |ui: &mut Simulator<'_, ()>, content: &str| {
            let found = ui.find(format!("\u{200F}{content}").as_str()).unwrap_or_else(|e| panic!("{e}"));
            iced_test::selector::Bounded::bounds(&found)
        };
        let (first, second) = (bounds(&mut ui, long), bounds(&mut ui, "۵ ثبت اتباع"));
        assert!(first.height > ROW, "the label did not wrap: {first:?}");
        assert!(first.y + first.height <= second.y + 0.5, "{first:?} runs into the next row at {second:?}");
    }
}
