//! Who may do what. The GUI shows only the actions a role may take; the engine refuses the rest.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// کارشناس / متصدی: registers applicants and cases, moves them along, prints receipts.
    Clerk,
    /// بخشدار: everything a clerk does, and signs: issues, revokes and reprints documents.
    DistrictGovernor,
    /// Office administrator: users, backups, sync, catalogue updates; reads cases but does not work them.
    Administrator,
    /// فرمانداری / استانداری: decisions taken at the county or province on a case that needed
    /// them, arriving from the hub; never a login at the district.
    Province,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    OpenCase,
    MarkDocument,
    Advance,
    Decide,
    AddNote,
    AttachFile,
    PrintReceipt,
    IssueDocument,
    PrintDocument,
    ReprintDuplicate,
    RevokeDocument,
    /// Takes a step of the county, the province or the ministry on the letter that brought their
    /// decision on paper (with its number and date).
    RecordPaperDecision,
    ManageUsers,
    ManageBackups,
    ManageSync,
    UpdateCatalog,
    /// The letterhead, emblem and paper the office prints with.
    ManageOffice,
    /// Reading cases and the citizens on them: show, search, verify a printed code.
    ReadCases,
    /// The whole record's audit (`check`).
    Audit,
}

impl Action {
    pub const ALL: [Action; 19] = [
        Action::OpenCase,
        Action::MarkDocument,
        Action::Advance,
        Action::Decide,
        Action::AddNote,
        Action::AttachFile,
        Action::PrintReceipt,
        Action::IssueDocument,
        Action::PrintDocument,
        Action::ReprintDuplicate,
        Action::RevokeDocument,
        Action::RecordPaperDecision,
        Action::ManageUsers,
        Action::ManageBackups,
        Action::ManageSync,
        Action::UpdateCatalog,
        Action::ManageOffice,
        Action::ReadCases,
        Action::Audit,
    ];

    /// The end of the Fluent message id `action-…` that names it.
    pub fn key(self) -> &'static str {
        match self {
            Action::OpenCase => "open_case",
            Action::MarkDocument => "mark_document",
            Action::Advance => "advance",
            Action::Decide => "decide",
            Action::AddNote => "add_note",
            Action::AttachFile => "attach_file",
            Action::PrintReceipt => "print_receipt",
            Action::IssueDocument => "issue_document",
            Action::PrintDocument => "print_document",
            Action::ReprintDuplicate => "reprint_duplicate",
            Action::RevokeDocument => "revoke_document",
            Action::RecordPaperDecision => "record_paper_decision",
            Action::ManageUsers => "manage_users",
            Action::ManageBackups => "manage_backups",
            Action::ManageSync => "manage_sync",
            Action::UpdateCatalog => "update_catalog",
            Action::ManageOffice => "manage_office",
            Action::ReadCases => "read_cases",
            Action::Audit => "audit",
        }
    }
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Clerk, Role::DistrictGovernor, Role::Administrator, Role::Province];

    pub fn from_key(key: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|role| role.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::DistrictGovernor => "district_governor",
            Role::Administrator => "administrator",
            Role::Province => "province",
        }
    }

    pub fn may(self, action: Action) -> bool {
        use Action::{
            AddNote, Advance, AttachFile, Audit, Decide, ManageBackups, ManageOffice, ManageSync, ManageUsers, MarkDocument,
            OpenCase, PrintDocument, PrintReceipt, ReadCases, RevokeDocument, UpdateCatalog,
        };
        match self {
            Role::Clerk => matches!(
                action,
                OpenCase | MarkDocument | Advance | Decide | AddNote | AttachFile | PrintReceipt | PrintDocument | ReadCases
            ),
            Role::DistrictGovernor => !matches!(action, ManageUsers | ManageBackups | ManageSync | UpdateCatalog),
            Role::Administrator => {
                matches!(
                    action,
                    ManageUsers | ManageBackups | ManageSync | UpdateCatalog | ManageOffice | AddNote | ReadCases | Audit
                )
            }
            // The governorate may revoke a district's document; it arrives through sync.
            Role::Province => matches!(action, Advance | Decide | AddNote | RevokeDocument),
        }
    }
}

/// The person an event is recorded against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: String,
    pub name: String,
    pub role: Role,
}

/// The governorate's decision as sync applies it, for tests that walk a case through a step of the
/// county or province.
#[cfg(test)]
pub fn hub_decision() -> Actor {
    Actor { user_id: "hub:test:1".into(), name: "استانداری".into(), role: Role::Province }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_governor_signs_and_revokes_and_the_governorate_revokes_too() {
        for action in [Action::IssueDocument, Action::RevokeDocument, Action::ReprintDuplicate] {
            assert!(Role::DistrictGovernor.may(action));
            assert!(!Role::Clerk.may(action));
            assert!(!Role::Administrator.may(action));
        }
        assert!(Role::Province.may(Action::RevokeDocument));
        assert!(Role::DistrictGovernor.may(Action::RecordPaperDecision));
        assert!(!Role::Clerk.may(Action::RecordPaperDecision) && !Role::Administrator.may(Action::RecordPaperDecision));
        assert!(!Role::Province.may(Action::IssueDocument) && !Role::Province.may(Action::ReprintDuplicate));
    }

    #[test]
    fn the_administrator_administers_but_does_not_work_cases() {
        assert!(Role::Administrator.may(Action::ManageBackups));
        assert!(!Role::Administrator.may(Action::OpenCase));
        assert!(!Role::Administrator.may(Action::Advance));
        assert!(!Role::Clerk.may(Action::ManageUsers));
        assert!(!Role::DistrictGovernor.may(Action::ManageUsers));
    }

    #[test]
    fn clerks_work_cases_at_the_counter() {
        for action in [Action::OpenCase, Action::MarkDocument, Action::Advance, Action::Decide, Action::PrintReceipt] {
            assert!(Role::Clerk.may(action));
        }
    }
}
