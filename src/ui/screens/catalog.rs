//! Catalogue screen: browse and search the services, see one service's documents and workflow.

use crate::ui::widget::button;
use crate::ui::widget::list::{self, List};
use iced::widget::{Column, column, container, rule, scrollable};
use iced::{Element, Length};

use crate::diagram::{self, Direction, FontMeasure, Layout, Options};
use crate::domain::catalog::{Catalog, Service};
use crate::i18n::{Arg, Language, Localizer};
use crate::ui::diagram_view::DiagramView;
use crate::ui::rtl;
use crate::ui::widget::{self, rtl_input};

/// The search box's id: the window opens with the cursor in it.
pub const SEARCH: &str = "catalog-search";
/// The list of services: one Tab stop, arrows move in it.
pub const LIST: &str = "catalog-list";

/// The drawing pans and zooms inside a fixed-height pane rather than growing with the workflow.
const DIAGRAM_HEIGHT: f32 = 560.0;

pub struct State {
    query: String,
    /// Catalogue numbers of the services matching `query`, in catalogue order.
    matches: Vec<u32>,
    selected: Option<u32>,
    /// The selected service's workflow, laid out once when it is chosen.
    diagram: Option<Layout>,
}

#[derive(Debug, Clone)]
pub enum Message {
    QueryChanged(String),
    Selected(u32),
}

impl State {
    pub fn new(catalog: &Catalog, language: Language) -> Self {
        let matches = catalog.services.iter().map(|s| s.number).collect();
        let mut state = Self { query: String::new(), matches, selected: None, diagram: None };
        if let Some(first) = catalog.services.first() {
            state.select(catalog, first.number, language);
        }
        state
    }

    fn select(&mut self, catalog: &Catalog, number: u32, language: Language) {
        let direction = if language.is_rtl() { Direction::Rtl } else { Direction::Ltr };
        let options = Options { direction, ..Options::default() };
        // Without the built-in font there is nothing to measure labels with; the details still show.
        let measure = FontMeasure::shared().map_err(|e| tracing::error!("diagram font: {e}")).ok();
        self.diagram = catalog.by_number(number).zip(measure).map(|(s, m)| diagram::layout(&s.workflow, m, &options));
        self.selected = Some(number);
    }

    /// The drawing follows the reading direction.
    pub fn set_language(&mut self, catalog: &Catalog, language: Language) {
        if let Some(number) = self.selected {
            self.select(catalog, number, language);
        }
    }

    pub fn update(&mut self, catalog: &Catalog, language: Language, message: Message) {
        match message {
            Message::QueryChanged(query) => {
                self.matches = catalog.search(&query).map(|s| s.number).collect();
                self.query = query;
            }
            Message::Selected(number) => self.select(catalog, number, language),
        }
    }

    pub fn view<'a>(&'a self, catalog: &'a Catalog, loc: &'a Localizer) -> Element<'a, Message> {
        let language = loc.language();
        let search = rtl_input(&loc.text("catalog-search-placeholder", &[]), &self.query)
            .direction(widget::Direction::of(language))
            .id(SEARCH)
            .on_input(Message::QueryChanged)
            .padding(8)
            .size(16);
        let count = rtl::line(language, loc.text("catalog-matches", &[("count", count_arg(self.matches.len()))]), 13.0);
        let list = column![search, count, scrollable(self.list(catalog, loc)).spacing(6).height(Length::Fill)]
            .spacing(8)
            .width(Length::FillPortion(2));
        let details = match (self.selected.and_then(|n| catalog.by_number(n)), &self.diagram) {
            (Some(service), Some(layout)) => {
                let drawing = container(DiagramView::new(layout).element()).height(DIAGRAM_HEIGHT);
                column![details(catalog, service, loc), drawing].spacing(12).into()
            }
            _ => rtl::line(language, loc.text("catalog-nothing-selected", &[]), 16.0),
        };
        let details = container(scrollable(details).spacing(6).height(Length::Fill)).width(Length::FillPortion(3)).padding(8);
        rtl::row(language, vec![list.into(), rule::vertical(1).into(), details.into()]).spacing(12).into()
    }

    fn list<'a>(&'a self, catalog: &'a Catalog, loc: &'a Localizer) -> List<'a, Message> {
        let language = loc.language();
        // The first page only: enough to choose from while typing, cheap to draw.
        let rows = self.matches.iter().take(200).filter_map(|&n| catalog.by_number(n)).map(|service| {
            let label = format!("{}. {}", loc.digits(&service.number.to_string()), service.sub_title_fa);
            let style = if self.selected == Some(service.number) { button::primary } else { button::text };
            let row =
                list::row(rtl::line(language, label, 14.0), Message::Selected(service.number)).style(style).width(Length::Fill);
            (service.number, row)
        });
        list::list(rows, 2.0).id(LIST)
    }
}

fn count_arg(n: usize) -> Arg<'static> {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

fn details<'a>(catalog: &'a Catalog, s: &'a Service, loc: &'a Localizer) -> Element<'a, Message> {
    let language = loc.language();
    let field = |id: &str, value: String| rtl::line(language, rtl::field(&loc.text(id, &[]), &value), 15.0);
    let id = s.id.clone().unwrap_or_else(|| loc.text("catalog-field-no-id", &[]));
    let mut items: Vec<Element<'a, Message>> = vec![
        rtl::line(language, s.sub_title_fa.as_str(), 22.0),
        field("catalog-field-title", s.title_fa.clone()),
        field("catalog-field-unit", catalog.unit(&s.unit_slug).map(|u| u.unit_fa.clone()).unwrap_or_default()),
        field("catalog-field-id", loc.digits(&id)),
        field(
            "catalog-field-kind",
            s.kind.map_or_else(|| loc.text("catalog-unknown", &[]), |k| loc.text(&format!("kind-{}", k.key()), &[])),
        ),
        field(
            "catalog-field-has-client",
            loc.text(
                match s.has_client {
                    Some(true) => "catalog-yes",
                    Some(false) => "catalog-no",
                    None => "catalog-unknown",
                },
                &[],
            ),
        ),
    ];
    if let Some(doc) = s.issues_document {
        items.push(field("catalog-field-issues", loc.text(&format!("document-{}", doc.key()), &[])));
    }
    items.push(rtl::line(language, loc.text("catalog-field-documents", &[]), 17.0));
    items.extend(
        s.documents_fa
            .iter()
            .enumerate()
            .map(|(i, d)| rtl::line(language, format!("{}. {d}", loc.digits(&(i + 1).to_string())), 14.0)),
    );
    let origin = if s.workflow.generic { "catalog-workflow-generic" } else { "catalog-workflow-booklet" };
    items.push(rtl::line(language, format!("{} — {}", loc.text("catalog-field-workflow", &[]), loc.text(origin, &[])), 17.0));
    Column::with_children(items).spacing(6).into()
}

#[cfg(test)]
mod tests {
    use iced_test::simulator::Simulator;

    use super::*;
    use crate::catalog_data;
    use crate::ui::widget::sim;

    #[test]
    fn typing_narrows_the_list_and_selection_follows_clicks() {
        let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let mut state = State::new(&catalog, Language::Persian);
        assert_eq!(state.matches.len(), catalog.services.len());
        state.update(&catalog, Language::Persian, Message::QueryChanged("اتباع".into()));
        assert!(!state.matches.is_empty() && state.matches.len() < catalog.services.len());
        let first = state.matches[0];
        state.update(&catalog, Language::Persian, Message::Selected(first));
        assert_eq!(state.selected, Some(first));
        assert!(state.diagram.as_ref().is_some_and(|d| d.options.direction == Direction::Rtl && !d.nodes.is_empty()));
    }

    /// The clerk types «پروانه» into the search box; the list then holds the services whose titles
    /// match, and no other.
    #[test]
    fn typing_a_persian_query_lists_the_matching_services() {
        let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let loc = Localizer::new(Language::Persian, true);
        let mut state = State::new(&catalog, Language::Persian);
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_settings(sim::settings(), state.view(&catalog, &loc));
            ui.click(iced::widget::Id::new(SEARCH)).unwrap_or_else(|e| panic!("{e}"));
            ui.typewrite("پروانه");
            ui.into_messages().collect()
        };
        assert!(matches!(messages.last(), Some(Message::QueryChanged(q)) if q == "پروانه"), "{messages:?}");
        for message in messages {
            state.update(&catalog, Language::Persian, message);
        }
        let expected: Vec<&Service> = catalog.search("پروانه").collect();
        assert!(!expected.is_empty() && expected.len() < catalog.services.len());
        let row = |s: &Service| format!("\u{200F}{}. {}", loc.digits(&s.number.to_string()), s.sub_title_fa);
        let mut ui = Simulator::with_settings(sim::settings(), state.view(&catalog, &loc));
        for service in &expected {
            ui.find(row(service).as_str()).unwrap_or_else(|e| panic!("{e}"));
        }
        let other = catalog.services.iter().find(|s| !expected.iter().any(|e| e.number == s.number));
        assert!(other.is_some_and(|s| ui.find(row(s).as_str()).is_err()));
    }

    /// The screen's main path in both languages: the number typed in the search box, the service's
    /// row clicked, its details shown with their headings in the reader's language and its drawing
    /// laid out in the reader's direction.
    #[test]
    fn a_service_is_looked_up_and_shown_in_both_languages() {
        let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        for language in Language::ALL {
            let loc = Localizer::new(language, true);
            let mut state = State::new(&catalog, language);
            let send = |state: &mut State, steps: &dyn Fn(&mut Simulator<'_, Message>)| {
                let messages: Vec<Message> = {
                    let mut ui = Simulator::with_settings(sim::settings(), state.view(&catalog, &loc));
                    steps(&mut ui);
                    ui.into_messages().collect()
                };
                for message in messages {
                    state.update(&catalog, language, message);
                }
            };
            send(&mut state, &|ui| {
                ui.click(iced::widget::Id::new(SEARCH)).unwrap_or_else(|e| panic!("{e}"));
                ui.typewrite(&loc.digits("96"));
            });
            let service = catalog.by_number(96).unwrap_or_else(|| panic!("service 96"));
            let mark = if language.is_rtl() { '\u{200F}' } else { '\u{200E}' };
            let row = format!("{mark}{}. {}", loc.digits("96"), service.sub_title_fa);
            send(&mut state, &|ui| drop(ui.click(row.as_str()).unwrap_or_else(|e| panic!("{language:?}: {e}"))));
            assert_eq!(state.selected, Some(96), "{language:?}");
            let heading = format!("{mark}{}", loc.text("catalog-field-documents", &[]));
            let mut ui = Simulator::with_settings(sim::settings(), state.view(&catalog, &loc));
            assert!(ui.find(heading.as_str()).is_ok(), "{language:?}: no {heading}");
            let direction = if language.is_rtl() { Direction::Rtl } else { Direction::Ltr };
            assert!(state.diagram.as_ref().is_some_and(|d| d.options.direction == direction), "{language:?}");
        }
    }

    /// A booklet number in Persian, Arabic-Indic or Latin digits puts that service first; a
    /// service's 11-digit ID, or its last digits, finds it too.
    #[test]
    fn a_service_is_found_by_its_number_or_its_id_in_any_digits() {
        let catalog = catalog_data::embedded().unwrap_or_else(|e| panic!("{e:?}"));
        let mut state = State::new(&catalog, Language::Persian);
        for typed in ["96", "۹۶", "٩٦"] {
            state.update(&catalog, Language::Persian, Message::QueryChanged(typed.into()));
            assert_eq!(state.matches.first(), Some(&96), "{typed}");
        }
        let with_id = catalog.services.iter().find(|s| s.id.is_some()).unwrap_or_else(|| panic!("no service has an ID"));
        let id = with_id.id.clone().unwrap_or_default();
        for typed in [crate::i18n::digits::to_persian(&id), crate::i18n::digits::to_persian(&id[id.len() - 5..])] {
            state.update(&catalog, Language::Persian, Message::QueryChanged(typed.clone()));
            assert!(state.matches.contains(&with_id.number), "{typed}");
        }
    }
}
