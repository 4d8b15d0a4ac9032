//! What iced 0.14's own `text_input` does with Persian, measured in the simulator. These tests pin
//! the reasons the project has its own input widget (`rtl_input`); if iced fixes one, its test
//! fails and the note in `mod.rs` is due for an update.

use iced::keyboard::key::Named;
use iced::widget::text_input;
use iced_test::simulator;

use super::sim;
use iced_core::text::Paragraph as _;

use unicode_segmentation::UnicodeSegmentation;

use super::rtl_input::caret_x;
use super::sim::paragraph;

/// The value iced's `text_input` reports after the given events, starting from `initial` with the
/// cursor at its end.
fn edit(initial: &str, events: &[Vec<iced::Event>]) -> String {
    let id = iced::widget::Id::new("findings");
    let input = text_input::<String, iced::Theme, iced::Renderer>("", initial).id(id.clone()).on_input(|s| s);
    let mut ui = simulator::Simulator::with_settings(sim::settings(), input);
    ui.click(id).unwrap_or_else(|e| panic!("{e}"));
    ui.simulate(iced_test::simulator::tap_key(iced::keyboard::Key::Named(Named::End), None));
    for events in events {
        ui.simulate(events.clone());
    }
    ui.into_messages().last().unwrap_or_else(|| initial.to_owned())
}

#[test]
fn typing_persian_and_deleting_logically_work() {
    let typed = {
        let input = text_input::<String, iced::Theme, iced::Renderer>("", "").id("t").on_input(|s| s);
        let mut ui = simulator::Simulator::with_settings(sim::settings(), input);
        ui.click(iced::widget::Id::new("t")).unwrap_or_else(|e| panic!("{e}"));
        ui.typewrite("علی\u{200C}رضا 123 Ali");
        ui.into_messages().last().unwrap_or_default()
    };
    assert_eq!(typed, "علی\u{200C}رضا 123 Ali");
    assert_eq!(edit("علی\u{200C}رضا", &[sim::named(Named::Backspace)]), "علی\u{200C}رض");
}

/// In a right-to-left line the left arrow should move towards the end of the text (leftwards on
/// screen); iced moves it towards the start, so the cursor walks rightwards.
#[test]
fn left_arrow_moves_towards_the_start_even_in_persian() {
    let value = edit(
        "سلام",
        &[sim::named(Named::ArrowLeft), sim::tap(iced::keyboard::Key::Character("x".into()), iced::keyboard::Modifiers::empty())],
    );
    assert_eq!(value, "سلاxم", "iced moved the cursor logically backwards: visually to the right in RTL");
}

/// The cursor's x before each grapheme of `content` shown right-to-left: (iced's, `rtl_input`'s).
/// iced places its cursor with `grapheme_position`, which walks the glyphs counting graphemes and
/// gets the count wrong for joined Persian letters; `rtl_input` places it from each glyph's own byte
/// range and bidi level (`caret_x`).
fn cursor_positions(content: &str) -> Vec<(f32, f32)> {
    let line = paragraph(&format!("\u{200F}{content}"));
    let left = line.buffer().layout_runs().flat_map(|r| r.glyphs.iter()).map(|g| g.x).fold(f32::INFINITY, f32::min);
    let mut offsets = content.grapheme_indices(true).map(|(at, _)| at).collect::<Vec<_>>();
    offsets.push(content.len());
    // Grapheme 0 of the shown line is the direction mark, so the value's grapheme i is i + 1.
    let iced = |i: usize| line.grapheme_position(0, i + 1).map_or(f32::NAN, |p| p.x - left);
    offsets.iter().enumerate().map(|(i, &offset)| (iced(i), caret_x(line.buffer(), offset + 3))).collect()
}

#[test]
fn iced_cursor_jumps_back_and_forth_in_a_persian_word() {
    // Measured: iced 31.8, 31.8, 14.3, 19.2, 9.5 — stays, jumps two letters, comes back, never reaches 0.
    let positions = cursor_positions("سلام");
    let strictly_leftwards = |xs: Vec<f32>| xs.windows(2).all(|w| w[1] < w[0]);
    assert!(!strictly_leftwards(positions.iter().map(|p| p.0).collect()), "iced: {positions:?}");
    assert!(strictly_leftwards(positions.iter().map(|p| p.1).collect()), "rtl_input: {positions:?}");
    assert!(positions.last().is_some_and(|p| p.1.abs() < 0.01), "the end of a Persian word is its left edge");
}

#[test]
fn iced_cursor_is_misplaced_in_mixed_text() {
    let positions = cursor_positions("علی\u{200C}رضا 123 Ali");
    assert!(positions.iter().filter(|(iced, ours)| (iced - ours).abs() > 1.0).count() > 3, "{positions:?}");
}

/// A filled circle of the given colour and radius in the canvas's middle.
struct Dot(iced::Color, f32);

impl iced::widget::canvas::Program<()> for Dot {
    type State = ();
    fn draw(
        &self,
        (): &(),
        renderer: &iced::Renderer,
        _: &iced::Theme,
        bounds: iced::Rectangle,
        _: iced::mouse::Cursor,
    ) -> Vec<iced::widget::canvas::Geometry> {
        use iced::widget::canvas::{Frame, Path};
        let mut frame = Frame::new(renderer, bounds.size());
        frame.fill(&Path::circle(frame.center(), self.1), self.0);
        vec![frame.into_geometry()]
    }
}

/// Red pixels on two screens drawn one after the other by `renderer`: a large red drawing, then a
/// screen with a small blue drawing at its top and none where the red one was.
fn red_then_elsewhere(renderer: &mut iced::Renderer) -> (usize, usize) {
    use iced::widget::{canvas, column, text};
    use iced_core::renderer::Headless as _;
    use iced_runtime::user_interface::{Cache, UserInterface};
    let size = iced::Size::new(400.0, 300.0);
    let mut frame = |element: iced::Element<'_, ()>| {
        let mut ui = UserInterface::build(element, size, Cache::default(), renderer);
        let style = iced_core::renderer::Style { text_color: iced::Color::BLACK };
        ui.draw(renderer, &iced::Theme::Light, &style, iced::mouse::Cursor::Unavailable);
        drop(ui);
        let pixels = renderer.screenshot(iced::Size::new(400, 300), 1.0, iced::Color::WHITE);
        pixels.chunks_exact(4).filter(|p| p[0] > 200 && p[1] < 60 && p[2] < 60).count()
    };
    let (red, blue) = (iced::Color::from_rgb(1.0, 0.0, 0.0), iced::Color::from_rgb(0.0, 0.0, 1.0));
    let first = frame(column![text("first screen"), canvas(Dot(red, 80.0)).width(400).height(260)].into());
    let second = frame(column![canvas(Dot(blue, 10.0)).width(30).height(30), text("second screen")].into());
    (first, second)
}

/// The software renderer leaves nothing of a screen's drawing on the next.
#[test]
fn a_drawing_leaves_nothing_on_the_next_screen_in_software() {
    let mut renderer = crate::ui::headless::renderer().unwrap_or_else(|| panic!("no tiny-skia renderer"));
    let (first, second) = red_then_elsewhere(&mut renderer);
    assert!(first > 10_000, "the drawing was not drawn");
    assert_eq!(second, 0);
}

/// The same on wgpu's OpenGL backend with iced's default multisampling (the headless renderer
/// always multisamples): the second screen still shows the whole first drawing. The multisampled
/// drawing is resolved into a texture laid over the whole window, and on OpenGL the resolve is
/// clipped to the last draw's scissor (wgpu-hal 27 `gles/queue.rs`; iced #2400), so the rest of
/// that texture keeps the earlier screen. This is why `ui::app::run` turns antialiasing off; the
/// window itself is checked by `tests/counter-pixels.sh`. When this fails, wgpu or iced has fixed
/// it. Needs Mesa or a GPU: `BAKHSHYAR_TEST_WGPU_GL=1 WGPU_BACKEND=gl cargo test --lib canvas_ghost`
/// (measured 7 Dec 2026 on Mesa llvmpipe: 19,961 red pixels on both screens).
#[test]
fn canvas_ghost_on_wgpu_opengl_when_multisampled() {
    if std::env::var_os("BAKHSHYAR_TEST_WGPU_GL").is_none() {
        return;
    }
    crate::ui::headless::load_fonts();
    let font = iced::Font::with_name("Vazirmatn");
    let made = <iced::Renderer as iced_core::renderer::Headless>::new(font, iced::Pixels(16.0), Some("wgpu"));
    let renderer = iced::futures::executor::block_on(made);
    let mut renderer = renderer.unwrap_or_else(|| panic!("no wgpu adapter"));
    let (first, second) = red_then_elsewhere(&mut renderer);
    assert!(first > 10_000, "the drawing was not drawn");
    assert_eq!(second, first, "the first drawing no longer stays: wgpu or iced fixed the resolve");
}
