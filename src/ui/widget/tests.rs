//! The input widget driven by key and mouse events, as in a window: typing Persian and mixed text,
//! deleting, moving, selecting, copying and pasting; checked on the value sent to the screen and
//! on the editor's cursor.

use iced::keyboard::key::Named;
use iced_test::simulator::Simulator;

use super::sim::{self, Harness};
use super::{Direction, rtl_input};

const MIXED: &str = "علی\u{200C}رضا 123 Ali";

/// A focused input holding `initial`, cursor at its end.
fn input(initial: &str, direction: Direction) -> Harness<'static, String> {
    let mut h = Harness::new(rtl_input("نام", initial).direction(direction).on_input(|s| s).on_submit("submit".to_owned()));
    h.click(300.0, 20.0);
    h.send(sim::named(Named::End));
    h
}

fn value(h: &mut Harness<'_, String>) -> String {
    h.last().cloned().unwrap_or_default()
}

#[test]
fn typing_persian_and_mixed_text_keeps_it_as_typed_with_the_cursor_after_it() {
    let mut h = input("", Direction::Rtl);
    h.typewrite(MIXED);
    assert_eq!(value(&mut h), MIXED);
    let editor = h.editor();
    assert_eq!((editor.text(), editor.cursor()), (MIXED, MIXED.len()));
    // Persian, Arabic and Latin digits stay as typed.
    h.typewrite(" ۱۲٣4");
    assert_eq!(value(&mut h), format!("{MIXED} ۱۲٣4"));
}

#[test]
fn backspace_and_delete_remove_the_character_before_and_after() {
    let mut h = input("علی\u{200C}", Direction::Rtl);
    h.send(sim::named(Named::Backspace));
    assert_eq!(value(&mut h), "علی");
    h.send(sim::named(Named::Home));
    h.send(sim::named(Named::Delete));
    assert_eq!(value(&mut h), "لی");
    assert_eq!(h.editor().cursor(), 0);
}

#[test]
fn arrows_move_the_way_they_point_in_persian_and_in_english() {
    let mut h = input("سلام", Direction::Rtl);
    // Right arrow in a right-to-left line: towards the start of the text.
    h.send(sim::named(Named::ArrowRight));
    h.typewrite("x");
    assert_eq!(value(&mut h), "سلاxم");
    h.send(sim::named(Named::ArrowLeft));
    h.send(sim::named(Named::ArrowLeft));
    assert_eq!(h.editor().cursor(), "سلاxم".len());
    let mut h = input("Ali", Direction::Ltr);
    h.send(sim::named(Named::ArrowLeft));
    h.typewrite("x");
    assert_eq!(value(&mut h), "Alxi");
}

#[test]
fn a_value_starting_with_latin_stays_right_to_left_in_persian() {
    let mut h = input("123 Ali", Direction::Rtl);
    h.send(sim::named(Named::ArrowRight));
    assert_eq!(h.editor().cursor(), "123 Al".len());
}

#[test]
fn home_end_and_shift_select_then_typing_replaces() {
    let mut h = input(MIXED, Direction::Rtl);
    h.send(sim::named(Named::Home));
    h.typewrite("آقای ");
    assert_eq!(value(&mut h), format!("آقای {MIXED}"));
    h.send(sim::named(Named::End));
    for _ in 0..3 {
        h.send(sim::shift(Named::ArrowRight));
    }
    assert_eq!(h.editor().selected_text(), Some("Ali"));
    h.typewrite("علی");
    assert_eq!(value(&mut h), "آقای علی\u{200C}رضا 123 علی");
}

#[test]
fn copy_cut_and_paste_keep_the_logical_order() {
    let mut h = input(MIXED, Direction::Rtl);
    h.send(sim::command("a"));
    h.send(sim::command("c"));
    assert_eq!(h.clipboard.0.as_deref(), Some(MIXED));
    h.send(sim::command("x"));
    assert_eq!(value(&mut h), "");
    h.typewrite("نام: ");
    h.send(sim::command("v"));
    assert_eq!(value(&mut h), format!("نام: {MIXED}"));
    assert_eq!(h.editor().cursor(), format!("نام: {MIXED}").len());
}

/// With the Persian keyboard layout Ctrl+A arrives as the Persian letter on that key («ش»).
#[test]
fn shortcuts_work_with_the_persian_layout() {
    use iced::keyboard::key::{Code, Physical};
    use iced::keyboard::{Event as KeyEvent, Key, Location, Modifiers};
    let mut h = input(MIXED, Direction::Rtl);
    h.send([iced::Event::Keyboard(KeyEvent::KeyPressed {
        key: Key::Character("ش".into()),
        modified_key: Key::Character("ش".into()),
        physical_key: Physical::Code(Code::KeyA),
        location: Location::Standard,
        modifiers: Modifiers::CTRL,
        repeat: false,
        text: None,
    })]);
    assert_eq!(h.editor().selection(), Some(0..MIXED.len()));
}

#[test]
fn enter_submits_and_an_unfocused_input_ignores_keys() {
    let mut h = input("x", Direction::Rtl);
    h.send(sim::named(Named::Enter));
    assert_eq!(value(&mut h), "submit");
    h.click(300.0, 110.0);
    h.typewrite("y");
    assert_eq!(value(&mut h), "submit");
}

/// The simulator's own path: focus by id, type, read the messages.
#[test]
fn the_simulator_types_persian_into_it() {
    let id = iced::widget::Id::new("name");
    let widget = rtl_input::<String>("نام", "").id(id.clone()).on_input(|s| s);
    let mut ui = Simulator::with_settings(sim::settings(), widget);
    ui.click(id).unwrap_or_else(|e| panic!("{e}"));
    ui.typewrite("پروانه ۱۲");
    ui.snapshot(&iced::Theme::Light).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ui.into_messages().last().as_deref(), Some("پروانه ۱۲"));
}

#[test]
fn a_click_puts_the_cursor_where_the_letters_are() {
    let mut h = input("سلام", Direction::Rtl);
    // The text is right-aligned: its start is at the right edge, its end further left.
    h.click(590.0, 20.0);
    assert_eq!(h.editor().cursor(), 0);
    h.click(20.0, 20.0);
    assert_eq!(h.editor().cursor(), "سلام".len());
}

#[test]
fn the_direction_mark_keeps_a_line_starting_with_latin_right_to_left() {
    let rtl = |content: &str| sim::paragraph(content).buffer().layout_runs().next().is_some_and(|run| run.rtl);
    assert!(!rtl("123 Ali علی"), "without the mark the first strong letter decides");
    assert!(rtl("\u{200F}123 Ali علی"));
}

/// tiny-skia draws a paragraph only where its measured box lies at the drawing position; a Persian
/// line whose glyphs sat at the far end of the shaping box was drawn nowhere (empty Persian fields
/// in every screenshot under `ICED_BACKEND=tiny-skia`).
#[test]
fn a_shaped_line_starts_at_its_box_left_edge_in_either_direction() {
    for content in ["\u{200F}علی‌رضا 123", "\u{200E}Ali 123", "\u{200F}نام"] {
        let paragraph = sim::paragraph(content);
        let left = super::rtl_input::line_left(paragraph.buffer());
        assert!(left.abs() < 1.0, "{content:?} starts at x = {left}");
    }
}

/// A button reached by Tab (a focus operation) sends its message on Enter and on Space; unfocused,
/// or after a click elsewhere took the focus, it ignores them; a disabled one sends nothing.
#[test]
fn a_focused_button_is_pressed_with_enter_or_space() {
    use iced::widget::text;
    let id = iced::widget::Id::new("save");
    let focus = || Box::new(iced_core::widget::operation::focusable::focus(iced::widget::Id::new("save")));
    let mut h = Harness::new(super::button(text("ذخیره")).id(id.clone()).on_press("saved".to_owned()));
    h.send(sim::named(Named::Enter));
    assert!(h.messages.is_empty(), "an unfocused button took Enter");
    h.operate(focus());
    assert_eq!(h.focused(), Some(id.clone()));
    h.send(sim::named(Named::Enter));
    h.send(sim::tap(iced::keyboard::Key::Named(Named::Space), iced::keyboard::Modifiers::empty()));
    assert_eq!(h.messages, ["saved", "saved"]);
    assert!(h.last().is_some(), "drawing the ring failed");
    h.click(590.0, 110.0);
    assert_eq!(h.focused(), None, "a click elsewhere left the ring");
    let mut disabled = Harness::new(super::button::<String>(text("ذخیره")).id(id));
    disabled.operate(focus());
    disabled.send(sim::named(Named::Enter));
    assert!(disabled.messages.is_empty());
}

/// A page of thirty buttons in a scrollable 200 px high, the first few showing.
fn tall_page() -> Harness<'static, usize> {
    use iced::widget::{Column, scrollable, text};
    let buttons = (0..30).map(|i| super::button(text(format!("ردیف {i}"))).on_press(i).width(iced::Length::Fill).into());
    let page = scrollable(Column::with_children(buttons).spacing(4)).height(200);
    Harness::sized(super::FocusScope::new(page, true), iced::Size::new(300.0, 200.0))
}

#[test]
fn tab_scrolls_the_control_it_reaches_below_the_fold_into_view() {
    let mut h = tall_page();
    let mut below_the_fold = false;
    // Forward down to the last button, then back up to the first.
    for forward in [true; 30].into_iter().chain([false; 29]) {
        h.statuses(if forward { sim::named(Named::Tab) } else { sim::shift(Named::Tab) });
        let focused = h.focused_bounds().unwrap_or_else(|| panic!("nothing focused"));
        below_the_fold |= focused.y > 200.0;
        assert!(h.shows(focused), "{focused:?} is scrolled out of view");
    }
    assert!(below_the_fold, "the page was never longer than its view");
}

/// Keys sent to the interface, inside the window's `FocusScope`.
fn keys(h: &mut Harness<'_, usize>, events: Vec<iced::Event>) {
    h.statuses(events);
}

#[test]
fn a_long_list_is_one_tab_stop_and_arrows_move_in_it() {
    use iced::widget::{column, scrollable, text};
    let rows = (0..40usize).map(|i| (i, super::list::row(text(format!("خدمت {i}")), i).width(iced::Length::Fill)));
    let page = column![
        super::button(text("جست‌وجو")).on_press(1000).id("before"),
        scrollable(super::list(rows, 2.0).id("services")).height(200),
    ];
    let mut h = Harness::sized(super::FocusScope::new(page, true), iced::Size::new(300.0, 260.0));
    let tab = |h: &mut Harness<'_, usize>| {
        keys(h, sim::named(Named::Tab));
        h.focused()
    };
    let before = iced::widget::Id::new("before");
    let services = iced::widget::Id::new("services");
    // Two stops: the button and the whole list.
    assert_eq!([tab(&mut h), tab(&mut h), tab(&mut h)], [Some(before.clone()), Some(services.clone()), Some(before)]);
    assert_eq!(tab(&mut h), Some(services));
    let first = h.focused_row().unwrap_or_else(|| panic!("no current row"));
    keys(&mut h, sim::named(Named::ArrowDown));
    keys(&mut h, sim::named(Named::ArrowDown));
    keys(&mut h, sim::named(Named::ArrowUp));
    keys(&mut h, sim::named(Named::Enter));
    assert_eq!(h.messages, [1]);
    keys(&mut h, sim::named(Named::End));
    let last = h.focused_row().unwrap_or_else(|| panic!("no current row"));
    assert!(last.y > first.y + 200.0 && h.shows(last), "the last row {last:?} is not scrolled into view");
    keys(&mut h, sim::named(Named::PageUp));
    let page_up = h.focused_row().unwrap_or_else(|| panic!("no current row"));
    assert!(page_up.y < last.y - 100.0 && page_up.y > first.y && h.shows(page_up), "{page_up:?}");
    keys(&mut h, sim::named(Named::Home));
    assert!(h.focused_row() == Some(first) && h.shows(first));
    keys(&mut h, sim::tap(iced::keyboard::Key::Named(Named::Space), iced::keyboard::Modifiers::empty()));
    assert_eq!(h.messages, [1, 0]);
    assert!(h.last().is_some(), "drawing the ring failed");
}
