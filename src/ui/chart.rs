//! A horizontal bar chart: labels on the reading-start side, the bars drawn on one iced canvas
//! growing away from them, then the counts. Labels and counts are text widgets, so Persian is
//! shaped and aligned as everywhere else; only the bars are drawn.

use iced::widget::{Column, canvas, container, text};
use iced::{Color, Element, Length, Rectangle, Renderer, Size, Theme, mouse};

use crate::i18n::Language;
use crate::ui::rtl;

const BAR: Color = Color::from_rgb(0.22, 0.45, 0.70);
const ROW: f32 = 24.0;

/// `bars`: label (already in the reader's digits) and value, top to bottom.
pub fn bars<'a, Message: 'a>(language: Language, bars: Vec<(String, u32)>) -> Element<'a, Message> {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    #[allow(clippy::cast_precision_loss)] // counts of cases on one screen
    let fractions: Vec<f32> = bars.iter().map(|(_, v)| *v as f32 / max as f32).collect();
    #[allow(clippy::cast_precision_loss)]
    let height = ROW * bars.len() as f32;
    let cell = |content: Element<'a, Message>| container(content).height(ROW).center_y(ROW);
    let mut labels = Vec::new();
    let mut counts = Vec::new();
    for (label, value) in bars {
        let digits = if language.is_rtl() { crate::i18n::digits::to_persian(&value.to_string()) } else { value.to_string() };
        labels.push(cell(rtl::line(language, label, 13.0)).into());
        counts.push(cell(text(digits).size(13).into()).width(Length::Fill).align_x(rtl::start(language)).into());
    }
    let drawing = canvas(Bars { fractions, rtl: language.is_rtl() }).width(Length::FillPortion(10)).height(height);
    rtl::row(
        language,
        vec![
            Column::with_children(labels).width(Length::FillPortion(9)).into(),
            drawing.into(),
            Column::with_children(counts).width(36).into(),
        ],
    )
    .spacing(6)
    .into()
}

/// One bar per row, its `fraction` of the width, starting on the labels' side.
struct Bars {
    fractions: Vec<f32>,
    rtl: bool,
}

impl<Message> canvas::Program<Message> for Bars {
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
        let mut y = 0.0;
        for fraction in &self.fractions {
            let length = bounds.width * fraction;
            let x = if self.rtl { bounds.width - length } else { 0.0 };
            frame.fill_rectangle(iced::Point::new(x, y + 5.0), Size::new(length, ROW - 10.0), BAR);
            y += ROW;
        }
        vec![frame.into_geometry()]
    }
}
