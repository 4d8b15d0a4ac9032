//! Document templates: one plain-text file per document kind and language, built in from
//! `assets/templates/` and overridden by a file of the same name in the data folder's
//! `templates/` (`templates/fa/permit.txt`), so an office changes wording without a new program.
//!
//! The format: one directive per line, `#` starts a comment line, `{name}` is replaced by a value
//! of the case (the names are `FIELDS`).
//!
//! ```text
//! page A4                 paper: A4 or A5
//! header                  the letterhead: the invocation, the emblem and the office's whole
//!                         line under it; number, date and attachment at the reading end
//! title مجوز              a centred bold title
//! duplicate المثنی        printed only on a duplicate copy
//! para متن …              a paragraph, wrapped at spaces
//! field برچسب | {value}   a label and its value; left out when the value is empty
//! steps                   (receipt) the steps ahead and their time limits
//! documents               the service's required documents, numbered, under a title
//! gap 12                  vertical space in points
//! signature               the signer's name and role
//! verification            the QR code and the short code
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Every `{name}` a template may use.
pub const FIELDS: &[&str] = &[
    "district",
    "county",
    "province",
    "document",
    "serial",
    "issued_on",
    "valid_until",
    "conditions",
    "applicant",
    "national_id",
    "applicant_identity",
    "identity",
    "service",
    "grant",
    "validity",
    "unit",
    "tracking",
    "opened_on",
    "signer",
    "signer_role",
    "supersedes",
    "copy",
    "step",
    "today",
];

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TemplateError {
    #[error("{file}, line {line}: {problem}")]
    Broken { file: String, line: usize, problem: Problem },
    #[error("{file}: {detail}")]
    Unreadable { file: String, detail: String },
    #[error("there is no built-in template {0}")]
    Unknown(String),
}

/// What is wrong with one line of a template; the reader sees it through Fluent (`print-template-*`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    #[error("“{0}” needs a text after it")]
    NeedsText(String),
    #[error("paper “{0}” is not A4 or A5")]
    Paper(String),
    #[error("a field is “label | value”")]
    FieldWithoutBar,
    #[error("“{0}” is not a number of points")]
    NotPoints(String),
    #[error("unknown directive “{0}”")]
    UnknownDirective(String),
    #[error("a “{{” is not closed")]
    Unclosed,
    #[error("unknown field {{{0}}}; known: {known}", known = FIELDS.join(", "))]
    UnknownField(String),
}

impl Problem {
    /// The Fluent message naming this problem, and the text it quotes from the line.
    pub fn message(&self) -> (&'static str, &str) {
        match self {
            Problem::NeedsText(word) => ("print-template-needs-text", word),
            Problem::Paper(given) => ("print-template-paper", given),
            Problem::FieldWithoutBar => ("print-template-field-without-bar", ""),
            Problem::NotPoints(given) => ("print-template-not-points", given),
            Problem::UnknownDirective(word) => ("print-template-unknown-directive", word),
            Problem::Unclosed => ("print-template-unclosed", ""),
            Problem::UnknownField(name) => ("print-template-unknown-field", name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    A5,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::A5];

    /// As templates and `office.toml` write it.
    pub fn key(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A5 => "A5",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// One directive of a template, its text still holding `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Header,
    Title(String),
    Duplicate(String),
    Para(String),
    Field(String, String),
    Steps,
    Documents,
    Gap(u16),
    Signature,
    Verification,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub file: String,
    pub paper: Paper,
    pub blocks: Vec<Block>,
}

include!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/templates/embedded.rs"));

/// The template `name` (`permit`, `receipt`, …) in `language` ("fa" or "en"): the data folder's
/// file when it has one, else the built-in one.
pub fn load(data_dir: Option<&Path>, language: &str, name: &str) -> Result<Template, TemplateError> {
    let relative = format!("{language}/{name}.txt");
    if let Some(path) = data_dir.map(|d| d.join("templates").join(&relative)).filter(|p| p.is_file()) {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| TemplateError::Unreadable { file: path.display().to_string(), detail: e.to_string() })?;
        return parse(&path.display().to_string(), &text);
    }
    let text = BUILT_IN.iter().find(|(file, _)| *file == relative).map(|(_, text)| *text);
    let text = text.ok_or_else(|| TemplateError::Unknown(relative.clone()))?;
    parse(&format!("assets/templates/{relative}"), text)
}

/// The folder an office puts its own templates in.
pub fn override_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("templates")
}

pub fn parse(file: &str, text: &str) -> Result<Template, TemplateError> {
    let mut paper = Paper::A4;
    let mut blocks = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let broken = |problem: Problem| TemplateError::Broken { file: file.to_owned(), line: index + 1, problem };
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(char::is_whitespace).map_or((line, ""), |(w, r)| (w, r.trim()));
        check_placeholders(rest).map_err(broken)?;
        let needs_text = |rest: &str| {
            if rest.is_empty() { Err(broken(Problem::NeedsText(word.to_owned()))) } else { Ok(rest.to_owned()) }
        };
        let block = match word {
            "page" => {
                paper = Paper::from_key(rest).ok_or_else(|| broken(Problem::Paper(rest.to_owned())))?;
                continue;
            }
            "header" => Block::Header,
            "title" => Block::Title(needs_text(rest)?),
            "duplicate" => Block::Duplicate(needs_text(rest)?),
            "para" => Block::Para(needs_text(rest)?),
            "field" => {
                let (label, value) = rest.split_once('|').ok_or_else(|| broken(Problem::FieldWithoutBar))?;
                Block::Field(label.trim().to_owned(), value.trim().to_owned())
            }
            "steps" => Block::Steps,
            "documents" => Block::Documents,
            "gap" => Block::Gap(rest.parse().map_err(|_| broken(Problem::NotPoints(rest.to_owned())))?),
            "signature" => Block::Signature,
            "verification" => Block::Verification,
            other => return Err(broken(Problem::UnknownDirective(other.to_owned()))),
        };
        blocks.push(block);
    }
    Ok(Template { file: file.to_owned(), paper, blocks })
}

/// Every `{name}` must be known and closed.
fn check_placeholders(text: &str) -> Result<(), Problem> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(Problem::Unclosed)?;
        let name = &after[..close];
        if !FIELDS.contains(&name) {
            return Err(Problem::UnknownField(name.to_owned()));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// `text` with its placeholders filled; a missing value is empty.
pub fn fill(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push_str(values.get(&after[..close]).map_or("", String::as_str));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_parses() {
        assert!(BUILT_IN.len() >= 24);
        for (file, text) in BUILT_IN {
            parse(file, text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn a_broken_template_names_its_line() {
        let text = "page A4\n# comment\ntitle مجوز\nfield نام {applicant}\n";
        assert_eq!(
            parse("t.txt", text),
            Err(TemplateError::Broken { file: "t.txt".into(), line: 4, problem: Problem::FieldWithoutBar })
        );
        let unknown = parse("t.txt", "para {nmae}").map_err(|e| e.to_string());
        assert!(unknown.as_ref().is_err_and(|e| e.starts_with("t.txt, line 1: unknown field {nmae}")), "{unknown:?}");
        assert!(parse("t.txt", "page A3").is_err());
        assert!(parse("t.txt", "stamp").is_err());
    }

    #[test]
    fn an_office_file_overrides_the_built_in_one() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let folder = override_dir(dir.path()).join("fa");
        std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(folder.join("permit.txt"), "page A5\ntitle مجوز ویژه\n").unwrap_or_else(|e| panic!("{e}"));
        let own = load(Some(dir.path()), "fa", "permit").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((own.paper, own.blocks), (Paper::A5, vec![Block::Title("مجوز ویژه".into())]));
        let built_in = load(Some(dir.path()), "en", "permit").unwrap_or_else(|e| panic!("{e}"));
        assert!(built_in.file.starts_with("assets/templates/"));
        let values = BTreeMap::from([("applicant", "علی".to_owned())]);
        assert_eq!(fill("به {applicant} و {serial}.", &values), "به علی و .");
    }
}
