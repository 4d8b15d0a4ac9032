//! `bakhshyar catalog …`: list, show, check and export the service catalogue.

use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};

use bakhshyar::catalog_data;
use std::fmt::Write as _;

use bakhshyar::diagram::shown_label;
use bakhshyar::domain::catalog::{AbsentService, Catalog, IssuedDocumentKind, Service, ServiceKind, Unit};
use bakhshyar::domain::workflow::{Node, Office};
use bakhshyar::i18n::{Arg, Language, Localizer};

use super::Output;

pub fn list(catalog: &Catalog, unit: Option<&str>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let services = catalog.services.iter().filter(|s| unit.is_none_or(|u| s.unit_slug == u));
    if out.json {
        let persian = Localizer::new(Language::Persian, false);
        let rows: Vec<Value> = services.map(|s| service_json(catalog, s, &persian)).collect();
        out.json_value(&Value::Array(rows))?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in services {
        let loc = &out.localizer;
        let id = s.id.clone().unwrap_or_else(|| loc.text("catalog-field-no-id", &[]));
        let kind = kind_text(s.kind, loc);
        let line = format!("{}\t{}\t{}\t{}", loc.digits(&s.number.to_string()), loc.digits(&id), kind, s.sub_title_fa);
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(catalog: &Catalog, query: &str, out: &mut Output) -> anyhow::Result<ExitCode> {
    let Some(service) = catalog.find(query) else {
        let message = out.localizer.text("catalog-not-found", &[("query", Arg::Text(query))]);
        out.error(&message)?;
        return Ok(ExitCode::from(1));
    };
    if out.json {
        out.json_value(&service_json(catalog, service, &Localizer::new(Language::Persian, false)))?;
        return Ok(ExitCode::SUCCESS);
    }
    for line in describe(catalog, service, out.localizer) {
        out.line(&line)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Validates a catalogue folder, or the built-in one; prints every problem in Persian and English.
pub fn check(dir: Option<&Path>, out: &mut Output) -> anyhow::Result<ExitCode> {
    let result = match dir {
        Some(dir) => catalog_data::from_dir(dir),
        None => catalog_data::embedded(),
    };
    let both = [Localizer::new(Language::Persian, false), Localizer::new(Language::English, false)];
    match result {
        Ok(catalog) => {
            for loc in &both {
                out.line(&summary(&catalog, loc))?;
                for line in booklet_count(&catalog, loc) {
                    out.line(&line)?;
                }
                out.line(&loc.text("catalog-check-ok", &[]))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for error in &errors {
                for loc in &both {
                    out.error(&loc.catalog_error(error))?;
                }
            }
            for loc in &both {
                out.error(&loc.text("catalog-check-failed", &[("count", count(errors.len()))]))?;
            }
            Ok(ExitCode::from(1))
        }
    }
}

pub fn export(catalog: &Catalog, out: &mut Output) -> anyhow::Result<ExitCode> {
    let units: Vec<Value> = catalog
        .units
        .iter()
        .map(|u| {
            let absent: Vec<Value> =
                u.absent.iter().map(|a| json!({"row": a.row, "reason": a.reason.key(), "note_fa": a.note_fa})).collect();
            json!({"slug": u.slug, "deputy_fa": u.deputy_fa, "unit_fa": u.unit_fa, "booklet_count": u.booklet_count, "notes_fa": u.notes_fa, "absent": absent})
        })
        .collect();
    let persian = Localizer::new(Language::Persian, false);
    let services: Vec<Value> = catalog.services.iter().map(|s| service_json(catalog, s, &persian)).collect();
    out.json_value(&json!({"version": catalog.version, "units": units, "services": services}))?;
    Ok(ExitCode::SUCCESS)
}

fn count(n: usize) -> Arg<'static> {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

fn summary(catalog: &Catalog, loc: &Localizer) -> String {
    let generic = catalog.services.iter().filter(|s| s.workflow.generic).count();
    loc.text(
        "catalog-summary",
        &[
            ("version", Arg::Text(&catalog.version)),
            ("services", count(catalog.services.len())),
            ("units", count(catalog.units.len())),
            ("transcribed", count(catalog.services.len() - generic)),
            ("generic", count(generic)),
        ],
    )
}

/// The catalogue's count against the booklet's, each absent service with its reason, and each
/// unit whose listed and absent services do not add up to the booklet's count for it.
fn booklet_count(catalog: &Catalog, loc: &Localizer) -> Vec<String> {
    let absent = catalog.units.iter().map(|u| u.absent.len()).sum();
    let args = [
        ("booklet", Arg::Number(catalog.booklet_total.into())),
        ("listed", count(catalog.services.len())),
        ("absent", count(absent)),
    ];
    let mut lines = vec![loc.text("catalog-booklet-count", &args)];
    lines.extend(catalog.units.iter().flat_map(|u| u.absent.iter().map(move |a| absent_line(u, a, loc))));
    lines.extend(catalog.units.iter().filter_map(|u| {
        let listed = catalog.services.iter().filter(|s| s.unit_slug == u.slug).count();
        (listed + u.absent.len() != u.booklet_count as usize).then(|| {
            let args = [
                ("unit", Arg::Text(&u.unit_fa)),
                ("booklet", Arg::Number(u.booklet_count.into())),
                ("listed", count(listed)),
                ("absent", count(u.absent.len())),
            ];
            loc.text("catalog-unit-difference", &args)
        })
    }));
    lines
}

fn absent_line(unit: &Unit, absent: &AbsentService, loc: &Localizer) -> String {
    let reason = loc.text(&format!("catalog-absent-reason-{}", absent.reason.key().replace('_', "-")), &[]);
    let args = [
        ("unit", Arg::Text(&unit.unit_fa)),
        ("row", Arg::Number(absent.row.into())),
        ("reason", Arg::Text(&reason)),
        ("note", Arg::Text(&absent.note_fa)),
    ];
    loc.text("catalog-absent", &args)
}

/// A service's kind in words, or that the booklet does not say.
fn kind_text(kind: Option<ServiceKind>, loc: &Localizer) -> String {
    match kind {
        Some(kind) => loc.text(&format!("kind-{}", kind.key()), &[]),
        None => loc.text("catalog-unknown", &[]),
    }
}

/// The JSON shape scripts rely on (issue 2): keep these names stable.
/// `persian` names the acting offices (`actor_fa`), whatever language the command speaks.
fn service_json(catalog: &Catalog, s: &Service, persian: &Localizer) -> Value {
    let unit = catalog.unit(&s.unit_slug);
    let nodes: Vec<Value> = s
        .workflow
        .nodes
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "kind": n.kind.key(),
                "label_fa": n.label_fa,
                "actor": n.actor.map(Office::key),
                "actor_fa": n.actor.map(|a| persian.text(&format!("office-{}", a.key()), &[])),
                "time_limit_days": n.time_limit_days,
                "time_limit_fa": n.time_limit_fa,
                "inferred": n.inferred,
            })
        })
        .collect();
    let edges: Vec<Value> = s
        .workflow
        .edges
        .iter()
        .map(|e| json!({"from": e.from, "to": e.to, "label_fa": e.label_fa, "inferred": e.inferred}))
        .collect();
    json!({
        "number": s.number,
        "key": s.key,
        "id": s.id,
        "title_fa": s.title_fa,
        "title_id": s.title_id,
        "sub_title_fa": s.sub_title_fa,
        "unit_slug": s.unit_slug,
        "unit_fa": unit.map(|u| u.unit_fa.as_str()),
        "deputy_fa": unit.map(|u| u.deputy_fa.as_str()),
        "kind": s.kind.map(ServiceKind::key),
        "has_client": s.has_client,
        "documents_fa": s.documents_fa,
        "issues_document": s.issues_document.map(IssuedDocumentKind::key),
        "grant_fa": s.grant_fa,
        "notes_fa": s.notes_fa,
        "workflow": {"generic": s.workflow.generic, "nodes": nodes, "edges": edges, "fixes_fa": s.workflow_fixes_fa},
    })
}

fn describe(catalog: &Catalog, s: &Service, loc: &Localizer) -> Vec<String> {
    let field = |id: &str, value: &str| format!("{}: {value}", loc.text(id, &[]));
    let yes_no = |b: bool| loc.text(if b { "catalog-yes" } else { "catalog-no" }, &[]);
    let mut lines = vec![
        field("catalog-field-number", &loc.digits(&s.number.to_string())),
        field("catalog-field-id", &loc.digits(&s.id.clone().unwrap_or_else(|| loc.text("catalog-field-no-id", &[])))),
        field("catalog-field-title", &s.title_fa),
        field("catalog-field-sub-title", &s.sub_title_fa),
        field("catalog-field-unit", catalog.unit(&s.unit_slug).map_or("", |u| u.unit_fa.as_str())),
        field("catalog-field-kind", &kind_text(s.kind, loc)),
        field("catalog-field-has-client", &s.has_client.map_or_else(|| loc.text("catalog-unknown", &[]), yes_no)),
    ];
    if let Some(doc) = s.issues_document {
        lines.push(field("catalog-field-issues", &loc.text(&format!("document-{}", doc.key()), &[])));
    }
    lines.push(format!("{}:", loc.text("catalog-field-documents", &[])));
    lines.extend(s.documents_fa.iter().enumerate().map(|(i, d)| format!("  {}. {d}", loc.digits(&(i + 1).to_string()))));
    if !s.notes_fa.is_empty() {
        lines.push(format!("{}:", loc.text("catalog-field-notes", &[])));
        lines.extend(s.notes_fa.iter().map(|n| format!("  - {n}")));
    }
    let origin = if s.workflow.generic { "catalog-workflow-generic" } else { "catalog-workflow-booklet" };
    lines.push(format!("{} — {}:", loc.text("catalog-field-workflow", &[]), loc.text(origin, &[])));
    lines.extend(s.workflow.nodes.iter().map(|node| describe_node(s, node, loc)));
    lines
}

fn describe_node(s: &Service, node: &Node, loc: &Localizer) -> String {
    let kind = loc.text(&format!("node-{}", node.kind.key()), &[]);
    let mut line = format!("  [{}] {kind} — {}", node.id, shown_label(&node.label_fa, node.inferred));
    if let Some(actor) = node.actor {
        let _ = write!(line, " ({})", loc.text(&format!("office-{}", actor.key()), &[]));
    }
    if let Some(days) = node.time_limit_days {
        let _ = write!(line, " — {}", loc.text("catalog-time-limit", &[("days", Arg::Number(days.into()))]));
    }
    let exits: Vec<String> = s
        .workflow
        .outgoing(&node.id)
        .map(|e| match &e.label_fa {
            Some(label) => format!("{} → {}", shown_label(label, e.inferred), e.to),
            None => format!("→ {}", e.to),
        })
        .collect();
    if !exits.is_empty() {
        let _ = write!(line, "  ⟶ {}", exits.join(" | "));
    }
    line
}
