//! The case screen driven as the clerk or the district governor drives it: buttons found and
//! clicked in the simulator, the tasks they start run to their end, their results fed back.

use iced_test::simulator::Simulator;

use super::*;
use crate::domain::applicant::{Applicant, NationalId};
use crate::domain::catalog::Service;
use crate::domain::issued::{IssueTerms, is_issuing_step};
use crate::domain::role::{Actor, Role};
use crate::domain::text::fold;
use crate::ui::screens::testing::{self, run};
use crate::ui::widget::sim;

const NAME: &str = "علی رضایی";

fn as_role(session: &Session, role: Role) -> Session {
    Session { actor: Actor { role, ..session.actor.clone() }, ..session.clone() }
}

/// Feeds `message` to the screen and every message its tasks produce after it, until none is left.
fn settle(state: &mut State, session: &Session, message: Message) {
    let mut queue = vec![message];
    while let Some(message) = queue.pop() {
        match state.update(message, session, Language::Persian) {
            Action::Run(task) => queue.extend(run(task)),
            Action::Failed(error) => panic!("{error}"),
            Action::None => {}
        }
    }
}

/// The screen's messages when the button labelled with message `id` is clicked (a label that
/// fills its button starts with the direction mark, a short one does not).
fn click(state: &State, session: &Session, loc: &Localizer, id: &str) -> Result<Vec<Message>, iced_test::Error> {
    let label = loc.text(id, &[]);
    let mut ui = Simulator::with_settings(sim::settings(), state.view(session, loc));
    if ui.click(format!("\u{200F}{label}").as_str()).is_err() {
        ui.click(label.as_str())?;
    }
    Ok(ui.into_messages().collect())
}

fn press(state: &mut State, session: &Session, loc: &Localizer, id: &str) {
    let messages = click(state, session, loc, id).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert!(!messages.is_empty(), "{id} sent nothing");
    for message in messages {
        settle(state, session, message);
    }
}

fn shows(state: &State, session: &Session, loc: &Localizer, content: &str) -> bool {
    let mut ui = Simulator::with_settings(sim::settings(), state.view(session, loc));
    ui.find(format!("\u{200F}{content}").as_str()).is_ok() || ui.find(content).is_ok()
}

/// A case of a document-issuing service, walked by the governor to its issuing step.
fn at_issuing_step(session: &Session) -> (Case, Service) {
    let service = session
        .catalog
        .services
        .iter()
        // One whose issuing steps name who acts there, for the drawing's current-step line.
        .find(|s| {
            s.issues_document.is_some()
                && s.workflow.nodes.iter().filter(|n| is_issuing_step(&s.workflow, &n.id)).all(|n| n.actor.is_some())
        })
        .unwrap_or_else(|| panic!("no service issues a document"))
        .clone();
    let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
    let applicant = Applicant::new(ApplicantIdentity::Person { national_id }, NAME, None).unwrap_or_else(|e| panic!("{e}"));
    let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
    let all: Vec<usize> = (0..service.documents_fa.len()).collect();
    let mut case = session
        .store
        .open_case_with_documents(&session.catalog, &service.key, applicant, &all, &ctx)
        .unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..40 {
        if is_issuing_step(&service.workflow, &case.step) {
            return (case, service);
        }
        // Forward where the workflow allows it: a return for correction would only go round.
        let edges: Vec<_> = service.workflow.outgoing(&case.step).collect();
        let edge = edges.iter().find(|e| !case.path.contains(&e.to)).or(edges.first()).unwrap_or_else(|| panic!("dead end"));
        case = testing::advance(session, &case.tracking_code, &edge.to, edge.label_fa.as_deref());
    }
    panic!("no issuing step reached")
}

/// A district with the clerk's session and the district governor's, and a case at its issuing
/// step; the screens speak Persian.
struct AtIssue {
    _dir: tempfile::TempDir,
    session: Session,
    governor: Session,
    loc: Localizer,
    case: Case,
    service: Service,
}

fn governor_at_issue() -> AtIssue {
    let (session, dir) = testing::session();
    let governor = as_role(&session, Role::DistrictGovernor);
    let (case, service) = at_issuing_step(&governor);
    AtIssue { _dir: dir, session, governor, loc: Localizer::new(Language::Persian, true), case, service }
}

fn loaded(session: &Session, code: &TrackingCode) -> State {
    let (mut state, task) = State::new(code.clone(), session);
    for message in run(task) {
        settle(&mut state, session, message);
    }
    assert!(state.case.is_some());
    state
}

#[test]
fn the_governor_issues_then_prints_and_the_pdf_holds_the_code_and_the_name() {
    let AtIssue { _dir, session, governor, loc, case, .. } = governor_at_issue();
    let mut state = loaded(&governor, &case.tracking_code);
    assert!(click(&state, &governor, &loc, "gui-case-print").is_err(), "print offered before issue");
    press(&mut state, &governor, &loc, "gui-case-issue");
    press(&mut state, &governor, &loc, "gui-case-issue-confirm");
    let issued = state.case.clone().unwrap_or_else(|| panic!("case"));
    let serial = issued.current_document().map_or_else(|e| panic!("{e}"), |d| d.serial);
    assert!(state.issuing.is_none(), "the form stayed open");
    // Issued: a second issue is only a correction of this document.
    assert!(click(&state, &governor, &loc, "gui-case-issue").is_err(), "issued twice");
    press(&mut state, &governor, &loc, "gui-case-issue-correction");
    assert_eq!(state.issuing.as_ref().map(|f| f.choices.clone()), Some(vec![Some(serial)]));
    settle(&mut state, &governor, Message::Cancel);

    // Print: the task writes the PDF and records the copy; showing it is the next task, not run here.
    let messages = click(&state, &governor, &loc, "gui-case-print").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(messages.as_slice(), [Message::Print { duplicate: false }]), "{messages:?}");
    let Action::Run(task) = state.update(Message::Print { duplicate: false }, &governor, Language::Persian) else {
        panic!("print started nothing")
    };
    assert!(state.busy);
    let printed = run(task);
    let Some(Message::Printed(Ok(done), true)) = printed.first() else { panic!("{printed:?}") };
    let expected = printing::data_dir(&session.store)
        .join(printing::PRINTED_DIR)
        .join(format!("{}-{serial}-1.pdf", case.tracking_code.as_str()));
    assert_eq!(done.path, expected);
    assert!(matches!(state.update(printed[0].clone(), &governor, Language::Persian), Action::Run(_)));
    assert!(!state.busy && state.problem.is_none());
    assert_eq!(state.case.as_ref().and_then(|c| c.current_document().ok()).map(|d| d.copies), Some(1));
    let bytes = std::fs::read(&expected).unwrap_or_else(|e| panic!("{e}"));
    let Some(text) = crate::print::tests::pdftotext(&bytes) else { panic!("pdftotext is not installed") };
    let text = fold(&text);
    assert!(text.contains(&case.tracking_code.grouped()) && text.contains(&fold(NAME)), "{text}");
    assert!(!expected.with_extension("pdf.partial").exists());

    // The original is printed: only a duplicate is offered now, and it counts as copy 2.
    assert!(click(&state, &governor, &loc, "gui-case-print").is_err());
    let messages = click(&state, &governor, &loc, "gui-case-duplicate").unwrap_or_else(|e| panic!("{e}"));
    let Action::Run(task) = state.update(messages[0].clone(), &governor, Language::Persian) else { panic!("no duplicate") };
    let printed = run(task);
    assert!(matches!(printed.first(), Some(Message::Printed(Ok(p), true)) if p.path.to_string_lossy().ends_with("-2.pdf")));
    let stored = session.store.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.current_document().map(|d| d.copies), Ok(2));
}

/// Beside the drawing: the current step in words with the office acting there, and a legend naming
/// every office of the drawing and its marks, in either language.
#[test]
fn the_drawing_names_the_current_step_and_explains_its_marks() {
    let (session, _dir) = testing::session();
    let governor = as_role(&session, Role::DistrictGovernor);
    let (case, service) = at_issuing_step(&governor);
    let node = service.workflow.node(&case.step).unwrap_or_else(|| panic!("no step {}", case.step));
    let actor = node.actor.unwrap_or_else(|| panic!("nobody acts at the issuing step"));
    for language in Language::ALL {
        let loc = Localizer::new(language, true);
        let mut state = loaded(&governor, &case.tracking_code);
        state.set_language(language);
        let mark = if language.is_rtl() { '\u{200F}' } else { '\u{200E}' };
        let office = loc.text(&format!("office-{}", actor.key()), &[]);
        let step =
            loc.text("gui-case-current-step-office", &[("step", Arg::Text(&node.label_fa)), ("office", Arg::Text(&office))]);
        let mut ui = Simulator::with_settings(sim::settings(), state.view(&governor, &loc));
        assert!(ui.find(format!("{mark}{step}").as_str()).is_ok(), "{language:?}: no {step:?}");
        let layout = state.layout.as_ref().unwrap_or_else(|| panic!("no drawing"));
        let marks = crate::ui::diagram_legend::marks(layout);
        assert!(marks.contains(&crate::ui::diagram_legend::Mark::Office(actor)) && marks.len() > 3, "{marks:?}");
        for mark_shown in marks {
            let name = crate::ui::diagram_legend::name(mark_shown, &loc);
            assert!(ui.find(format!("{mark}{name}").as_str()).is_ok(), "{language:?}: the legend lacks {name:?}");
        }
    }
}

/// Where the label of the button with message `id` is drawn.
fn label_bounds(state: &State, session: &Session, loc: &Localizer, id: &str) -> Option<iced::Rectangle> {
    let label = loc.text(id, &[]);
    let mut ui = Simulator::with_settings(sim::settings(), state.view(session, loc));
    let found = ui.find(format!("\u{200F}{label}").as_str()).or_else(|_| ui.find(label.as_str())).ok()?;
    Some(iced_test::selector::Bounded::bounds(&found))
}

/// After a print the line naming the file goes under the buttons: the duplicate's button takes the
/// print button's place, and revoking does not move under the pointer that pressed «print».
#[test]
fn printing_leaves_the_buttons_where_they_were() {
    let AtIssue { _dir, governor, loc, case, .. } = governor_at_issue();
    let mut state = loaded(&governor, &case.tracking_code);
    press(&mut state, &governor, &loc, "gui-case-issue");
    press(&mut state, &governor, &loc, "gui-case-issue-confirm");
    let at = |state: &State, id| label_bounds(state, &governor, &loc, id).unwrap_or_else(|| panic!("no {id}"));
    let (print, revoke) = (at(&state, "gui-case-print"), at(&state, "gui-case-revoke"));
    let Action::Run(task) = state.update(Message::Print { duplicate: false }, &governor, Language::Persian) else {
        panic!("print started nothing")
    };
    let printed = run(task);
    let _ = state.update(printed[0].clone(), &governor, Language::Persian);
    assert!(state.printed.is_some(), "{printed:?}");
    let (duplicate, revoke_after) = (at(&state, "gui-case-duplicate"), at(&state, "gui-case-revoke"));
    assert!((duplicate.y - print.y).abs() < 1.0, "the duplicate's button moved from {print:?} to {duplicate:?}");
    assert!((revoke_after.y - revoke.y).abs() < 1.0, "revoking moved from {revoke:?} to {revoke_after:?}");
}

/// Types into the field with this ID, then the messages it sent are fed to the screen.
fn type_into(state: &mut State, session: &Session, loc: &Localizer, id: &'static str, text: &str, enter: bool) {
    let mut ui = Simulator::with_settings(sim::settings(), state.view(session, loc));
    ui.click(iced::widget::Id::new(id)).unwrap_or_else(|e| panic!("{id}: {e}"));
    ui.typewrite(text);
    if enter {
        ui.tap_key(iced::keyboard::key::Named::Enter);
    }
    let messages: Vec<Message> = ui.into_messages().collect();
    for message in messages {
        settle(state, session, message);
    }
}

#[test]
fn the_issue_form_takes_validity_and_conditions_and_the_pdf_and_history_carry_them() {
    let AtIssue { _dir, session, governor, loc, case, .. } = governor_at_issue();
    let mut state = loaded(&governor, &case.tracking_code);
    press(&mut state, &governor, &loc, "gui-case-issue");
    assert_eq!(state.issuing.as_ref().map(|f| f.choices.clone()), Some(vec![None]));

    // A validity that is not a number of days: the error under its field, nothing issued.
    type_into(&mut state, &governor, &loc, issue_form::VALIDITY_ID, "سی", true);
    let bad = loc.terms_error(&crate::domain::issued::TermsError::BadValidity("سی".into()));
    assert!(shows(&state, &governor, &loc, &bad), "{bad}");
    assert!(session.store.case(&case.tracking_code).map_or_else(|e| panic!("{e}"), |c| c.documents.is_empty()));

    settle(&mut state, &governor, Message::IssueField(Field::Validity(String::new())));
    type_into(&mut state, &governor, &loc, issue_form::VALIDITY_ID, "۳۰", false);
    let conditions = "فقط در ساعات اداری (8 تا 14)";
    let before = chrono::Utc::now();
    type_into(&mut state, &governor, &loc, issue_form::CONDITIONS_ID, conditions, true);
    let stored = session.store.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    let document = stored.current_document().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(document.conditions.as_deref(), Some(conditions));
    let until = document.valid_until.unwrap_or_else(|| panic!("no validity"));
    assert!(until >= before + chrono::Duration::days(30) && until <= chrono::Utc::now() + chrono::Duration::days(30));
    assert!(state.issuing.is_none() && state.problem.is_none());

    // The history line says so, in the window.
    let event = stored.history.last().unwrap_or_else(|| panic!("no history"));
    let line = history_line(event, None, &loc);
    assert!(line.contains(&loc.day(until)) && line.contains(conditions), "{line}");
    assert!(shows(&state, &governor, &loc, &line), "{line}");

    // And the printed document.
    let Action::Run(task) = state.update(Message::Print { duplicate: false }, &governor, Language::Persian) else {
        panic!("print started nothing")
    };
    let Some(Message::Printed(Ok(printed), _)) = run(task).into_iter().next() else { panic!("not printed") };
    let bytes = std::fs::read(&printed.path).unwrap_or_else(|e| panic!("{e}"));
    let Some(text) = crate::print::tests::pdftotext(&bytes) else { panic!("pdftotext is not installed") };
    let text = fold(&text);
    assert!(text.contains(&fold("فقط در ساعات اداری")), "{text}");
    let day = crate::domain::calendar::JalaliDate::at_iran(until);
    let printed_until = crate::i18n::digits::to_persian(&format!("{:04}/{:02}/{:02}", day.year, day.month, day.day));
    assert!(text.contains(&fold(&printed_until)), "{printed_until} not in {text}");
}

#[test]
fn cancel_closes_the_issue_form_and_a_correction_supersedes_the_live_document() {
    let AtIssue { _dir, session, governor, loc, case, .. } = governor_at_issue();
    let ctx = Context { actor: &governor.actor, at: chrono::Utc::now(), note: None };
    let first = session.store.issue(&session.catalog, &case.tracking_code, IssueTerms::default(), &ctx);
    let first = first.unwrap_or_else(|e| panic!("{e}")).current_document().map_or_else(|e| panic!("{e}"), |d| d.serial);
    let mut state = loaded(&governor, &case.tracking_code);
    press(&mut state, &governor, &loc, "gui-case-issue-correction");
    assert_eq!(state.issuing.as_ref().and_then(|f| f.supersedes), Some(first));
    let corrects = loc.text("gui-case-issue-corrects", &[("serial", Arg::Text(&loc.digits(&first.to_string())))]);
    assert!(shows(&state, &governor, &loc, &corrects), "{corrects}");
    settle(&mut state, &governor, Message::Cancel);
    assert!(state.issuing.is_none());

    press(&mut state, &governor, &loc, "gui-case-issue-correction");
    // Confirmed as Enter in a field confirms (the button is below the simulator's window here).
    settle(&mut state, &governor, Message::ConfirmIssue);
    let stored = session.store.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.documents.len(), 2);
    assert_eq!(stored.documents[0].superseded_by, Some(stored.documents[1].serial));
    assert!(stored.documents[1].is_live());
}

#[test]
fn revoking_asks_for_a_reason_and_a_confirmation() {
    let AtIssue { _dir, session, governor, loc, case, .. } = governor_at_issue();
    let ctx = Context { actor: &governor.actor, at: chrono::Utc::now(), note: None };
    session.store.issue(&session.catalog, &case.tracking_code, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
    let mut state = loaded(&governor, &case.tracking_code);
    let confirmation = loc.text("gui-case-revoke-confirm", &[]);
    assert!(!shows(&state, &governor, &loc, &confirmation), "confirmation before asking");
    press(&mut state, &governor, &loc, "gui-case-revoke");
    assert!(state.revoking && shows(&state, &governor, &loc, &confirmation));
    // Confirmed with no reason: a message in the window, nothing stored. (The confirmation sits
    // below the simulator's window now that the drawing has its legend, as the issue form's does.)
    assert!(matches!(state.update(Message::ConfirmRevoke, &governor, Language::Persian), Action::None));
    assert_eq!(state.problem, Some(WorkError::NoReason));
    assert!(shows(&state, &governor, &loc, &loc.text("gui-case-revoke-reason-required", &[])));
    let stored = session.store.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    assert!(stored.documents[0].revoked.is_none());

    settle(&mut state, &governor, Message::Reason("نام متقاضی اشتباه نوشته شده".into()));
    settle(&mut state, &governor, Message::ConfirmRevoke);
    assert!(!state.revoking && state.problem.is_none());
    let stored = session.store.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.documents[0].revoked.as_ref().map(|r| r.reason.as_str()), Some("نام متقاضی اشتباه نوشته شده"));
    // A revoked document is neither printed nor revoked again.
    for id in ["gui-case-print", "gui-case-duplicate", "gui-case-revoke"] {
        assert!(click(&state, &governor, &loc, id).is_err(), "{id} offered on a revoked document");
    }
}

#[test]
fn a_clerk_is_not_offered_what_only_the_governor_may_do() {
    use crate::domain::role::Action::{IssueDocument, ReprintDuplicate, RevokeDocument};
    let AtIssue { _dir, session, governor, loc, case, service } = governor_at_issue();
    let state = loaded(&session, &case.tracking_code);
    assert!(click(&state, &session, &loc, "gui-case-issue").is_err());
    assert!(!offers(&case, &service, Role::Clerk).contains(&Offer::Issue));
    // The clerk reads whose act the issue is.
    let why = loc.not_permitted(Role::Clerk, IssueDocument);
    assert!(why.contains("صدور مدرک") && why.contains("بخشدار"), "{why}");
    assert!(shows(&state, &session, &loc, &why), "the reason is on the screen");
    assert!(offers(&case, &service, Role::DistrictGovernor).contains(&Offer::Issue));
    click(&state, &session, &loc, "gui-case-attach").unwrap_or_else(|e| panic!("{e}"));

    // Issued and printed once: the clerk may neither reprint nor revoke.
    let ctx = Context { actor: &governor.actor, at: chrono::Utc::now(), note: None };
    let code = &case.tracking_code;
    session.store.issue(&session.catalog, code, IssueTerms::default(), &ctx).unwrap_or_else(|e| panic!("{e}"));
    let printed = session.store.record_print(&session.catalog, code, false, &ctx).unwrap_or_else(|e| panic!("{e}"));
    let state = loaded(&session, code);
    for id in ["gui-case-duplicate", "gui-case-revoke", "gui-case-print"] {
        assert!(click(&state, &session, &loc, id).is_err(), "{id} offered to a clerk");
    }
    let withheld = super::offers::withheld(&printed, &service, Role::Clerk);
    assert!(withheld.contains(&ReprintDuplicate) && withheld.contains(&RevokeDocument), "{withheld:?}");
    assert!(super::offers::withheld(&printed, &service, Role::DistrictGovernor).is_empty());
    assert!(shows(&state, &session, &loc, &loc.not_permitted(Role::Clerk, RevokeDocument)));
    assert_eq!(offers(&printed, &service, Role::DistrictGovernor)[..].iter().filter(|o| **o == Offer::Duplicate).count(), 1);
    // The administrator reads cases but does not work them.
    let admin = offers(&printed, &service, Role::Administrator);
    assert_eq!(admin, vec![Offer::Note]);
}

#[test]
fn moves_are_legal_and_a_step_visited_before_is_a_return_for_correction() {
    let (session, _dir) = testing::session();
    let national_id = NationalId::parse("0012345679").unwrap_or_else(|e| panic!("{e}"));
    let applicant = Applicant::new(ApplicantIdentity::Person { national_id }, NAME, None).unwrap_or_else(|e| panic!("{e}"));
    let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
    let mut case = session.store.open_case(&session.catalog, "1", applicant, &ctx).unwrap_or_else(|e| panic!("{e}"));
    let service = session.catalog.find(&case.service_key).unwrap_or_else(|| panic!("service")).clone();
    let moves = |case: &Case, role| -> Vec<Offer> {
        offers(case, &service, role).into_iter().filter(|o| matches!(o, Offer::Move { .. })).collect()
    };
    assert!(moves(&case, Role::Administrator).is_empty());
    let mut returns = 0;
    // Walk the case to its end as the clerk, always taking the first forward move offered.
    for _ in 0..40 {
        let offered = moves(&case, Role::Clerk);
        returns += offered.iter().filter(|o| matches!(o, Offer::Move { back: true, .. })).count();
        let forward = offered.iter().find(|o| matches!(o, Offer::Move { back: false, .. })).or(offered.first());
        let Some(Offer::Move { to, branch, back }) = forward else { break };
        assert_eq!(*back, case.path.contains(to));
        case = session
            .store
            .advance(&session.catalog, &case.tracking_code, to, branch.as_deref(), &ctx)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(case.status, CaseStatus::Closed);
    assert!(moves(&case, Role::Clerk).is_empty());
    assert!(!offers(&case, &service, Role::Clerk).contains(&Offer::AttachFile));
    assert_eq!(returns, 0, "the first service's workflow has no correction loop");

    // start → t1 → d1 —بلی→ t2 → end; d1 —خیر→ t1: at d1, «خیر» returns the case for correction.
    let looped = Service { workflow: crate::domain::workflow::tests::sample(), ..service.clone() };
    let code = TrackingCode::compose("1234", 1405, 7).unwrap_or_else(|e| panic!("{e:?}"));
    let applicant = case.applicant.clone();
    let (mut case, _) = Case::open(code, &looped, "test", applicant, &ctx).unwrap_or_else(|e| panic!("{e}"));
    let event = case.advance(&looped.workflow, "d1", None, &ctx).unwrap_or_else(|e| panic!("{e}"));
    case.apply(&event).unwrap_or_else(|e| panic!("{e}"));
    let offered = offers(&case, &looped, Role::Clerk);
    assert!(offered.contains(&Offer::Move { to: "t1".into(), branch: Some("خیر".into()), back: true }), "{offered:?}");
    assert!(offered.contains(&Offer::Move { to: "t2".into(), branch: Some("بلی".into()), back: false }), "{offered:?}");
}

/// What follows the open dialog: the chosen scan is kept in the data folder and recorded; a
/// cancelled dialog changes nothing.
#[test]
fn a_chosen_scan_is_attached_and_a_cancelled_dialog_does_nothing() {
    let (session, dir) = testing::session();
    let (case, _) = at_issuing_step(&as_role(&session, Role::DistrictGovernor));
    let mut state = loaded(&session, &case.tracking_code);
    state.busy = true; // as the dialog leaves it
    settle(&mut state, &session, Message::ScanChosen(None));
    assert!(!state.busy);
    assert_eq!(state.case.as_ref().map(|c| c.history.len()), Some(case.history.len()));
    let scan = dir.path().join("اسکن شناسنامه.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan").unwrap_or_else(|e| panic!("{e}"));
    settle(&mut state, &session, Message::ScanChosen(Some(scan)));
    let last = state.case.as_ref().and_then(|c| c.history.last()).map(|e| e.kind.clone());
    assert!(matches!(last, Some(EventKind::FileAttached { ref file_name, .. }) if file_name == "اسکن شناسنامه.pdf"), "{last:?}");
    // A file that is not there: the clerk reads why, in the window.
    settle(&mut state, &session, Message::ScanChosen(Some(dir.path().join("missing.pdf"))));
    assert!(matches!(state.problem, Some(WorkError::Store(StoreError::Io { .. }))), "{:?}", state.problem);
}

/// A case opened under one catalogue version reads as that version has it after a newer one
/// came down: its service's title and workflow, not the active version's.
#[test]
fn a_case_shows_the_catalogue_version_it_was_opened_under() {
    let (session, _dir) = testing::session();
    let loc = Localizer::new(Language::Persian, true);
    let older = crate::catalog_data::embedded_files();
    session.store.install_catalog(&older, chrono::Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    let (case, service) = at_issuing_step(&session);
    let mut newer_files = older.clone();
    for (_, text) in newer_files.iter_mut().filter(|(name, _)| name != "catalog.toml") {
        *text = text.replace("sub_title_fa = \"", "sub_title_fa = \"نو ").replace("label_fa = \"", "label_fa = \"نو ");
    }
    session.store.install_catalog(&newer_files, chrono::Utc::now()).unwrap_or_else(|e| panic!("{e}"));
    let newer = session.store.active_catalog().unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("no active"));
    assert_ne!(newer.version, case.catalog_version);
    let now_active = Session { catalog: Arc::new(newer), ..session.clone() };
    let state = loaded(&now_active, &case.tracking_code);
    assert_eq!(state.service().map(|s| &s.workflow), Some(&service.workflow));
    let title = rtl::field(&loc.text("gui-case-service", &[]), &service.sub_title_fa);
    assert!(shows(&state, &now_active, &loc, &title), "{title}");
    let newer_title = rtl::field(&loc.text("gui-case-service", &[]), &format!("نو {}", service.sub_title_fa));
    assert!(!shows(&state, &now_active, &loc, &newer_title), "{newer_title}");
}

/// A step of the governorate (service 29's t3): nobody at the district is offered it, the window
/// says whose it is, a clerk's advance is refused, and the governor takes it only with the paper
/// letter's number and date, which the history shows.
#[test]
fn a_step_of_the_governorate_waits_for_its_decision_or_the_governors_paper_letter() {
    use crate::domain::case::PaperLetter;
    let (session, _dir) = testing::session();
    let code = testing::open_case(&session, "29", "0012345679", NAME).tracking_code;
    testing::advance(&session, &code, "t2", None);
    let case = testing::advance(&session, &code, "t3", None);
    let service = session.catalog.find(&case.service_key).unwrap_or_else(|| panic!("service")).clone();
    assert_eq!(waiting_upstream(&case, &service), Some(crate::domain::workflow::Office::Governorate));
    for role in [Role::Clerk, Role::DistrictGovernor, Role::Administrator] {
        assert!(!offers(&case, &service, role).iter().any(|o| matches!(o, Offer::Move { .. })), "{role:?}");
    }
    let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: None };
    let refused = office::advance(&session.store, &session.catalog, &code, "d1", None, &ctx);
    assert!(matches!(refused, Err(StoreError::Case(crate::domain::case::CaseError::UpstreamStep { .. }))), "{refused:?}");
    let letter =
        PaperLetter { number: "۱۲۳/ص/۴۵".into(), date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default() };
    let refused = office::record_paper_decision(&session.store, &session.catalog, &code, "d1", None, &letter, &ctx);
    assert!(
        matches!(refused, Err(StoreError::Case(crate::domain::case::CaseError::NotPermitted { .. }))),
        "a clerk: {refused:?}"
    );
    let governor = Actor { role: Role::DistrictGovernor, ..session.actor.clone() };
    let ctx = Context { actor: &governor, ..ctx };
    let moved = office::record_paper_decision(&session.store, &session.catalog, &code, "d1", None, &letter, &ctx)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(moved.step, "d1");
    let line = history_line(
        moved.history.last().unwrap_or_else(|| panic!("no history")),
        Some(&service.workflow),
        &Localizer::new(Language::Persian, false),
    );
    assert!(line.contains("۱۲۳/ص/۴۵") && line.contains("۱۴۰۵/۰۹/۱۰"), "{line}");
}

/// The district governor at the governorate's step t3 of service 29: the window offers the paper
/// letter's form for each way out; a date that is not a Solar Hijri day stays in the form with
/// its reason, a right one records the letter and moves the case on.
#[test]
fn the_governor_records_the_governorates_paper_letter_in_the_window() {
    let (session, _dir) = testing::session();
    let code = testing::open_case(&session, "29", "0012345679", NAME).tracking_code;
    testing::advance(&session, &code, "t2", None);
    testing::advance(&session, &code, "t3", None);
    let governor = as_role(&session, Role::DistrictGovernor);
    let mut state = loaded(&governor, &code);
    let case = state.case.as_deref().cloned().unwrap_or_else(|| panic!("no case"));
    let service = session.catalog.find(&case.service_key).unwrap_or_else(|| panic!("service")).clone();
    assert!(offers(&case, &service, Role::DistrictGovernor).contains(&Offer::PaperDecision { to: "d1".into(), branch: None }));
    assert!(!offers(&case, &service, Role::Clerk).iter().any(|o| matches!(o, Offer::PaperDecision { .. })));
    settle(&mut state, &governor, Message::Paper { to: "d1".into(), branch: None });
    settle(&mut state, &governor, Message::PaperField(paper_form::Field::Number("۱۴۰۵/۲۳۱".into())));
    settle(&mut state, &governor, Message::PaperField(paper_form::Field::Date("۱۴۰۵/۱۳/۱۰".into())));
    settle(&mut state, &governor, Message::ConfirmPaper);
    assert_eq!(state.paper.as_ref().and_then(|f| f.bad_date.as_deref()), Some("۱۴۰۵/۱۳/۱۰"));
    assert_eq!(session.store.case(&code).map(|c| c.step).unwrap_or_default(), "t3", "nothing recorded");
    settle(&mut state, &governor, Message::PaperField(paper_form::Field::Date("۱۴۰۵/۰۹/۱۰".into())));
    settle(&mut state, &governor, Message::ConfirmPaper);
    let stored = session.store.case(&code).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.step, "d1");
    assert!(state.paper.is_none(), "the form closes once recorded");
    let Some(EventKind::Advanced { paper: Some(letter), .. }) = stored.history.last().map(|e| &e.kind) else {
        panic!("no paper letter in the history")
    };
    assert_eq!(
        (letter.number.as_str(), letter.date),
        ("۱۴۰۵/۲۳۱", chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default())
    );
}

/// A required document not received: the issue form says how many are missing and asks why; an
/// issue without a reason is refused with the domain's words, one with it is issued and keeps it.
#[test]
fn the_issue_form_asks_why_when_documents_are_missing() {
    let AtIssue { _dir, session, governor, loc, case, service } = governor_at_issue();
    let ctx = Context { actor: &governor.actor, at: chrono::Utc::now(), note: None };
    office::mark_document(&session.store, &session.catalog, &case.tracking_code, 0, false, &ctx)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut state = loaded(&governor, &case.tracking_code);
    press(&mut state, &governor, &loc, "gui-case-issue");
    let total = service.documents_fa.len();
    let count = |n: usize| Arg::Number(i64::try_from(n).unwrap_or(i64::MAX));
    let warning = loc.text("gui-case-issue-missing", &[("missing", count(1)), ("total", count(total))]);
    assert!(shows(&state, &governor, &loc, &warning), "{warning}");

    settle(&mut state, &governor, Message::ConfirmIssue);
    let refused = crate::domain::case::CaseError::DocumentsMissing { missing: 1, total };
    assert!(shows(&state, &governor, &loc, &loc.case_error(&refused)), "the refusal is shown");
    assert!(session.store.case(&case.tracking_code).is_ok_and(|c| c.documents.is_empty()), "nothing issued");

    settle(&mut state, &governor, Message::IssueField(Field::OverrideReason("دستور کتبی فرماندار".into())));
    settle(&mut state, &governor, Message::ConfirmIssue);
    let stored = session.store.case(&case.tracking_code).unwrap_or_else(|e| panic!("{e}"));
    let document = stored.current_document().unwrap_or_else(|e| panic!("{e}"));
    let exception = document.documents_override.clone().unwrap_or_else(|| panic!("no exception recorded"));
    assert_eq!((exception.missing, exception.reason.as_str()), (vec![0], "دستور کتبی فرماندار"));
}

/// An English history line quoting a Persian step, with a Persian note after it: laid out, the
/// opening quote stands left of the step's every glyph, the closing quote right of them, and the
/// note right of the closing quote (the step's words running right to left inside the quotes).
/// iced's text engine gets this right (so does the window: the screenshot's quotes read “…” once
/// zoomed); the test keeps it so.
#[test]
fn an_english_history_line_keeps_its_quotes_around_a_persian_step_and_its_note() {
    let (session, _dir) = testing::session();
    let loc = Localizer::new(Language::English, true);
    let case = testing::open_case(&session, "1", "0012345679", NAME);
    let ctx = Context { actor: &session.actor, at: chrono::Utc::now(), note: Some("مدارک کامل است") };
    let case = session.store.advance(&session.catalog, &case.tracking_code, "document_check", None, &ctx);
    let case = case.unwrap_or_else(|e| panic!("{e}"));
    let workflow = session.catalog.find(&case.service_key).map(|s| &s.workflow);
    let step = workflow.and_then(|w| w.node("document_check")).map(|n| n.label_fa.clone()).unwrap_or_default();
    let line = format!("\u{200E}{}", history_line(&case.history[1], workflow, &loc));
    let shaped = sim::paragraph(&line);
    let glyphs: Vec<(f32, usize)> =
        shaped.buffer().layout_runs().flat_map(|run| run.glyphs.iter()).map(|g| (g.x, g.start)).collect();
    let x_of = |at: usize| glyphs.iter().find(|(_, start)| *start == at).map(|(x, _)| *x);
    let (open, close) = (line.find('“').unwrap_or_else(|| panic!("{line}")), line.find('”').unwrap_or_else(|| panic!("{line}")));
    let (step_at, note_at) = (line.find(step.as_str()).unwrap_or(0), line.find("مدارک کامل").unwrap_or(0));
    let step_xs: Vec<f32> = glyphs.iter().filter(|(_, s)| (step_at..step_at + step.len()).contains(s)).map(|(x, _)| *x).collect();
    let note_xs: Vec<f32> = glyphs.iter().filter(|(_, s)| *s >= note_at).map(|(x, _)| *x).collect();
    let (open_x, close_x) = (x_of(open).unwrap_or(f32::NAN), x_of(close).unwrap_or(f32::NAN));
    assert!(!step_xs.is_empty() && !note_xs.is_empty(), "{line}");
    assert!(step_xs.iter().all(|x| open_x < *x && *x < close_x), "{line}: quotes at {open_x}, {close_x}, step at {step_xs:?}");
    assert!(note_xs.iter().all(|x| close_x < *x), "{line}: the note left of the closing quote");
}
