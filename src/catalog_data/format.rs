//! The catalogue's file format (TOML), kept apart from the domain types it is read into.

use serde::Deserialize;

use crate::domain::catalog::{AbsenceReason, IssuedDocumentKind, ServiceKind};
use crate::domain::workflow::{NodeKind, Office};

/// `catalog.toml`: the unit order and the generic workflows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexFile {
    pub format: u32,
    pub booklet_total: u32,
    pub units: Vec<String>,
    pub generic_workflow: WorkflowRecord,
    /// The internal services' generic workflow (issue 19); a catalogue without one (an older
    /// version kept in a store) gives them the citizens' generic workflow, as it did.
    pub internal_workflow: Option<WorkflowRecord>,
}

/// One `<unit-slug>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFile {
    pub deputy_fa: String,
    pub unit_fa: String,
    pub unit_slug: String,
    pub booklet_count: u32,
    #[serde(default)]
    pub notes_fa: Vec<String>,
    #[serde(default)]
    pub services: Vec<ServiceRecord>,
    /// Format 2: the services the booklet counts for the unit that cannot be listed.
    #[serde(default)]
    pub absent: Vec<AbsentRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbsentRecord {
    pub row: u32,
    pub reason: AbsenceReason,
    pub note_fa: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    pub number: u32,
    /// Format 2: the catalogue number of a service added after the first edition (issue 19),
    /// after the first edition's; the others are numbered by their place in booklet order.
    pub catalog_number: Option<u32>,
    pub title_fa: String,
    pub title_id: Option<String>,
    pub sub_title_fa: String,
    pub id: Option<String>,
    /// Left out only by a service added from the diagram pages whose row the booklet does not print.
    pub kind: Option<ServiceKind>,
    /// Left out as `kind` is.
    pub has_client: Option<bool>,
    pub issues_document: Option<IssuedDocumentKind>,
    /// What the issued document grants, named without the «صدور …» of the title.
    pub grant_fa: Option<String>,
    #[serde(default)]
    pub documents_fa: Vec<String>,
    #[serde(default)]
    pub notes_fa: Vec<String>,
    pub workflow: Option<WorkflowRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowRecord {
    pub nodes: Vec<NodeRecord>,
    pub edges: Vec<EdgeRecord>,
    #[serde(default)]
    pub fixes_fa: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeRecord {
    pub id: String,
    pub kind: NodeKind,
    pub label_fa: String,
    pub actor: Option<Office>,
    pub time_limit_days: Option<u32>,
    pub time_limit_fa: Option<String>,
    /// Format 2: a step the booklet does not print (see `Node::inferred`).
    #[serde(default)]
    pub inferred: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeRecord {
    pub from: String,
    pub to: String,
    pub label_fa: Option<String>,
    /// Format 2: a branch label the booklet does not print (see `Edge::inferred`).
    #[serde(default)]
    pub inferred: bool,
}
