//! The office's own print settings: `office.toml` in the data folder holds the county and province
//! of the letterhead, the emblem (a path relative to the data folder) and, when the office prints
//! on another paper than the templates', the paper of documents and of receipts. Every print reads
//! it, from the window and the command line alike; the window's settings write it, keeping what
//! else an administrator wrote there, comments included.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, value};

use super::template::Paper;

pub const FILE_NAME: &str = "office.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeFile {
    pub county: String,
    pub province: String,
    /// Relative to the data folder.
    pub emblem: Option<String>,
    /// Documents print on this paper instead of their template's.
    pub document_paper: Option<Paper>,
    pub receipt_paper: Option<Paper>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OfficeFileError {
    #[error("cannot read {path}: {detail}")]
    Unreadable { path: PathBuf, detail: String },
    #[error("{path}, line {line}: not valid TOML")]
    Broken { path: PathBuf, line: usize },
    #[error("{path}: {key} = “{value}” is not A4 or A5")]
    Paper { path: PathBuf, key: &'static str, value: String },
    #[error("cannot write {path}: {detail}")]
    Unwritable { path: PathBuf, detail: String },
}

const DOCUMENT_PAPER: &str = "paper";
const RECEIPT_PAPER: &str = "receipt_paper";

impl OfficeFile {
    /// The data folder's file; none yet means the defaults.
    pub fn read(data_dir: &Path) -> Result<Self, OfficeFileError> {
        let path = data_dir.join(FILE_NAME);
        let Some(document) = read_document(&path)? else { return Ok(Self::default()) };
        let text = |key: &str| document.get(key).and_then(|item| item.as_str()).map(crate::domain::text::normalize);
        let paper = |key: &'static str| match document.get(key).and_then(|item| item.as_str()) {
            None => Ok(None),
            Some(given) => Paper::from_key(given).map(Some).ok_or_else(|| OfficeFileError::Paper {
                path: path.clone(),
                key,
                value: given.to_owned(),
            }),
        };
        Ok(Self {
            county: text("county").unwrap_or_default(),
            province: text("province").unwrap_or_default(),
            emblem: document.get("emblem").and_then(|item| item.as_str()).map(str::to_owned),
            document_paper: paper(DOCUMENT_PAPER)?,
            receipt_paper: paper(RECEIPT_PAPER)?,
        })
    }

    /// Sets these values in the data folder's file, leaving its other keys and comments as they
    /// were; written beside and renamed, so a failure leaves the old file whole.
    pub fn write(&self, data_dir: &Path) -> Result<(), OfficeFileError> {
        let path = data_dir.join(FILE_NAME);
        let mut document = read_document(&path)?.unwrap_or_default();
        let mut set = |key: &str, given: Option<&str>| match given.filter(|v| !v.trim().is_empty()) {
            Some(given) => document[key] = value(given.trim()),
            None => {
                document.remove(key);
            }
        };
        set("county", Some(&self.county));
        set("province", Some(&self.province));
        set("emblem", self.emblem.as_deref());
        set(DOCUMENT_PAPER, self.document_paper.map(Paper::key));
        set(RECEIPT_PAPER, self.receipt_paper.map(Paper::key));
        let failed = |e: std::io::Error| OfficeFileError::Unwritable { path: path.clone(), detail: e.to_string() };
        let partial = path.with_extension("toml.partial");
        std::fs::write(&partial, document.to_string()).map_err(failed)?;
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(failed)?;
        std::fs::rename(&partial, &path).map_err(failed)
    }
}

fn read_document(path: &Path) -> Result<Option<DocumentMut>, OfficeFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OfficeFileError::Unreadable { path: path.to_path_buf(), detail: e.to_string() }),
    };
    text.parse::<DocumentMut>().map(Some).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let line = text[..offset.min(text.len())].matches('\n').count() + 1;
        OfficeFileError::Broken { path: path.to_path_buf(), line }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn no_file_reads_as_the_defaults() {
        assert_eq!(OfficeFile::read(folder().path()), Ok(OfficeFile::default()));
    }

    #[test]
    fn writing_keeps_the_administrators_comments_and_other_keys() {
        let dir = folder();
        let hand = "# written by the administrator\ncounty = \"قزوین\"\nstamp_note = \"keep me\"\n";
        std::fs::write(dir.path().join(FILE_NAME), hand).unwrap_or_else(|e| panic!("{e}"));
        let settings = OfficeFile {
            county: "تاکستان".into(),
            province: "قزوین".into(),
            emblem: Some("emblem.png".into()),
            document_paper: None,
            receipt_paper: Some(Paper::A5),
        };
        settings.write(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("# written by the administrator") && text.contains("stamp_note = \"keep me\""), "{text}");
        assert_eq!(OfficeFile::read(dir.path()), Ok(settings));
    }

    #[test]
    fn clearing_a_value_removes_its_key() {
        let dir = folder();
        let first = OfficeFile { emblem: Some("emblem.png".into()), document_paper: Some(Paper::A5), ..OfficeFile::default() };
        first.write(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        OfficeFile::default().write(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap_or_else(|e| panic!("{e}"));
        assert!(!text.contains("emblem") && !text.contains("paper"), "{text}");
    }

    #[test]
    fn a_broken_file_or_paper_is_named_with_its_line_and_not_overwritten() {
        let dir = folder();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "county = \"قزوین\"\nprovince = \n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(OfficeFile::read(dir.path()), Err(OfficeFileError::Broken { path: path.clone(), line: 2 }));
        assert!(OfficeFile::default().write(dir.path()).is_err());
        assert!(std::fs::read_to_string(&path).is_ok_and(|t| t.contains("province = ")));
        std::fs::write(&path, "paper = \"Letter\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(OfficeFile::read(dir.path()), Err(OfficeFileError::Paper { key: "paper", .. })));
    }
}
