//! Catalogue problems as people read them, through Fluent.

use super::{Arg, Localizer};
use crate::catalog_data::{CatalogError, Problem};
use crate::domain::workflow::WorkflowError;

impl Localizer {
    /// «file، ردیف n: problem» in the localizer's language.
    pub fn catalog_error(&self, error: &CatalogError) -> String {
        let place = match error.service {
            Some(row) => {
                self.text("problem-location-service", &[("file", Arg::Text(&error.file)), ("row", Arg::Number(row.into()))])
            }
            None => self.text("problem-location", &[("file", Arg::Text(&error.file))]),
        };
        format!("{place}: {}", self.problem(&error.problem))
    }

    fn problem(&self, problem: &Problem) -> String {
        let t = |id: &str, args: &[(&str, Arg<'_>)]| self.text(id, args);
        match problem {
            Problem::Unreadable(detail) => t("problem-unreadable", &[("detail", Arg::Text(detail))]),
            Problem::Syntax(detail) => t("problem-syntax", &[("detail", Arg::Text(detail))]),
            Problem::UnsupportedFormat(v) => t("problem-unsupported-format", &[("version", Arg::Number((*v).into()))]),
            Problem::MissingUnitFile => t("problem-missing-unit-file", &[]),
            Problem::UnlistedFile => t("problem-unlisted-file", &[]),
            Problem::SlugMismatch(slug) => t("problem-slug-mismatch", &[("slug", Arg::Text(slug))]),
            Problem::DuplicateRow(row) => t("problem-duplicate-row", &[("row", Arg::Number((*row).into()))]),
            Problem::MalformedServiceId(id) => t("problem-malformed-service-id", &[("id", Arg::Text(id))]),
            Problem::DuplicateServiceId { id, other } => {
                t("problem-duplicate-service-id", &[("id", Arg::Text(id)), ("other", Arg::Text(other))])
            }
            Problem::EmptyText(field) => t("problem-empty-text", &[("field", Arg::Text(field))]),
            Problem::NotNormalized(field) => t("problem-not-normalized", &[("field", Arg::Text(field))]),
            Problem::ZeroTimeLimit(node) => t("problem-zero-time-limit", &[("node", Arg::Text(node))]),
            Problem::Workflow(e) => t("problem-workflow", &[("detail", Arg::Text(&self.workflow_error(e)))]),
            Problem::MissingField(field) => t("problem-missing-field", &[("field", Arg::Text(field))]),
            Problem::AbsentRowListed(row) => t("problem-absent-row-listed", &[("row", Arg::Number((*row).into()))]),
            Problem::DuplicateCatalogNumber(n) => t("problem-duplicate-catalog-number", &[("number", Arg::Number((*n).into()))]),
            Problem::CatalogNumberGap(n) => t("problem-catalog-number-gap", &[("number", Arg::Number((*n).into()))]),
        }
    }

    pub fn workflow_error(&self, error: &WorkflowError) -> String {
        let node = |id: &str, n: &str| self.text(id, &[("node", Arg::Text(n))]);
        match error {
            WorkflowError::StartCount(count) => {
                self.text("workflow-start-count", &[("count", Arg::Number(i64::try_from(*count).unwrap_or(i64::MAX)))])
            }
            WorkflowError::NoEnd => self.text("workflow-no-end", &[]),
            WorkflowError::DuplicateNode(n) => node("workflow-duplicate-node", n),
            WorkflowError::UnknownNode(n) => node("workflow-unknown-node", n),
            WorkflowError::Unreachable(n) => node("workflow-unreachable", n),
            WorkflowError::DeadEnd(n) => node("workflow-dead-end", n),
            WorkflowError::DecisionBranches(n) => node("workflow-decision-branches", n),
            WorkflowError::UnlabelledBranch(n) => node("workflow-unlabelled-branch", n),
            WorkflowError::DuplicateBranch(n) => node("workflow-duplicate-branch", n),
            WorkflowError::TaskBranches(n) => node("workflow-task-branches", n),
            WorkflowError::LabelOutsideDecision(n) => node("workflow-label-outside-decision", n),
            WorkflowError::IntoStart(n) => node("workflow-into-start", n),
            WorkflowError::OutOfEnd(n) => node("workflow-out-of-end", n),
            WorkflowError::InferredWithoutLabel(n) => node("workflow-inferred-without-label", n),
        }
    }
}
