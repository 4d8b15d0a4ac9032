//! The command line's help and its refusals of bad arguments in the reader's language. clap writes
//! both in English, so a command line that parses goes through clap alone, and only a request for
//! help or a refused command line builds the localized command: each command's `PREFIX-…-about`
//! and each argument's `PREFIX-…-arg-NAME` (or the shared `PREFIX-arg-NAME`) message from
//! `locales/*/command-line.ftl`, and a Fluent message for each kind of clap error.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, Parser};

use super::{Arg as FluentArg, Language, Localizer};

/// What the program says instead of running: help (on stdout, success) or a refusal (on stderr).
#[derive(Debug)]
pub struct Refusal {
    pub text: String,
    pub is_help: bool,
    pub exit_code: u8,
}

impl Refusal {
    pub fn print(&self) -> ExitCode {
        if self.is_help {
            print!("{}", self.text);
        } else {
            eprint!("{}", self.text);
        }
        ExitCode::from(self.exit_code)
    }
}

/// Parses the process's arguments; `prefix` names the binary's messages (`cli`, `hub-cli`).
pub fn parse<P: Parser>(prefix: &str) -> Result<P, Refusal> {
    let args: Vec<OsString> = std::env::args_os().collect();
    parse_from(prefix, &args)
}

pub fn parse_from<P: Parser>(prefix: &str, args: &[OsString]) -> Result<P, Refusal> {
    let plain = match P::try_parse_from(args) {
        Ok(parsed) => return Ok(parsed),
        Err(error) => error,
    };
    let localizer = &Localizer::with_command_line_help(language_of(args));
    let command = localize(P::command(), localizer, prefix, prefix);
    // The localized command refuses what the plain one refused; should it not, clap's own words
    // are better than nothing.
    let error = command.try_get_matches_from(args).err().unwrap_or(plain);
    Err(refusal(&error, localizer))
}

/// `--lang xx`, `--lang=xx` or `BAKHSHYAR_LANG`, as the parser would have read them.
fn language_of(args: &[OsString]) -> Language {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    let mut given = None;
    while let Some(word) = words.next() {
        if word == "--lang" {
            given = words.next().map(std::borrow::Cow::into_owned);
        } else if let Some(code) = word.strip_prefix("--lang=") {
            given = Some(code.to_owned());
        }
    }
    given.or_else(|| std::env::var("BAKHSHYAR_LANG").ok()).and_then(|code| Language::from_code(&code)).unwrap_or_default()
}

/// The command with its help in the reader's language; `key` is the message path of this command
/// (`cli`, `cli-case`, `cli-case-new`).
pub fn localize(command: Command, localizer: &Localizer, prefix: &str, key: &str) -> Command {
    let mut command = command
        .about(localizer.text(&format!("{key}-about"), &[]))
        .long_about(None)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(localizer.text("cli-help", &[])));
    if key == prefix {
        command = command.disable_version_flag(true).arg(
            Arg::new("version").short('V').long("version").action(ArgAction::Version).help(localizer.text("cli-version", &[])),
        );
    }
    let template = template(&command, localizer);
    command = command.help_template(template);
    let arguments: Vec<_> = command
        .get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| a.get_id().clone())
        .collect();
    for id in arguments {
        command = command.mut_arg(id, |arg| localize_arg(arg, localizer, prefix, key));
    }
    let subcommands: Vec<String> =
        command.get_subcommands().filter(|s| !s.is_hide_set()).map(|s| s.get_name().to_owned()).collect();
    for name in subcommands {
        let sub_key = format!("{key}-{name}");
        command = command.mut_subcommand(&name, |sub| localize(sub, localizer, prefix, &sub_key));
    }
    command
}

/// The argument's own message for this command if it has one, else the one its name shares
/// across commands; defaults, allowed values and the environment variable follow in brackets in
/// the reader's language.
fn localize_arg(arg: Arg, localizer: &Localizer, prefix: &str, key: &str) -> Arg {
    // A missing message shows its ID, as `Localizer::text` does everywhere.
    let id = arg_message(&arg, localizer, prefix, key).unwrap_or_else(|own| own);
    let mut help = localizer.text(&id, &[]);
    if let Some(variable) = arg.get_env() {
        help.push_str(&bracket(localizer, "cli-env", &variable.to_string_lossy()));
    }
    // Propagated to every subcommand: listed after the command's own arguments.
    let arg = if arg.is_global_set() { arg.display_order(usize::MAX) } else { arg }.hide_env(true);
    // clap allows hiding these only on an argument that takes a value.
    if !arg.get_action().takes_values() {
        return arg.help(help);
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() {
        help.push_str(&bracket(localizer, "cli-default", &defaults.join(", ")));
    }
    let possible: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
    if !possible.is_empty() {
        help.push_str(&bracket(localizer, "cli-possible-values", &possible.join(", ")));
    }
    arg.help(help).hide_default_value(true).hide_possible_values(true)
}

/// The message of `arg` in the command `key`: its own if it has one, else the one its name shares
/// across commands (`PREFIX-arg-NAME`); neither: `Err` with the ID of its own.
fn arg_message(arg: &Arg, localizer: &Localizer, prefix: &str, key: &str) -> Result<String, String> {
    let name = arg.get_id().as_str().replace('_', "-");
    let (own, shared) = (format!("{key}-arg-{name}"), format!("{prefix}-arg-{name}"));
    if localizer.has(&own) {
        Ok(own)
    } else if localizer.has(&shared) {
        Ok(shared)
    } else {
        Err(own)
    }
}

/// The messages a command's help needs and `localizer` lacks: what the binaries' tests check, so
/// that a new command or argument cannot reach the reader without its text.
pub fn missing_messages(command: &Command, localizer: &Localizer, prefix: &str, key: &str) -> Vec<String> {
    let mut missing: Vec<String> = std::iter::once(format!("{key}-about")).filter(|id| !localizer.has(id)).collect();
    missing.extend(command.get_arguments().filter_map(|arg| arg_message(arg, localizer, prefix, key).err()));
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        missing.extend(missing_messages(sub, localizer, prefix, &format!("{key}-{}", sub.get_name())));
    }
    missing
}

fn bracket(localizer: &Localizer, id: &str, values: &str) -> String {
    format!(" [{}]", localizer.text(id, &[("values", FluentArg::Text(values))]))
}

/// clap's help layout with the headings in the reader's language.
fn template(command: &Command, localizer: &Localizer) -> String {
    let heading = |id: &str| localizer.text(id, &[]);
    let mut sections = vec![format!("{{about-with-newline}}\n{} {{usage}}", heading("cli-heading-usage"))];
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        sections.push(format!("{}\n{{subcommands}}", heading("cli-heading-commands")));
    }
    if command.get_positionals().next().is_some() {
        sections.push(format!("{}\n{{positionals}}", heading("cli-heading-arguments")));
    }
    sections.push(format!("{}\n{{options}}", heading("cli-heading-options")));
    sections.join("\n\n") + "\n"
}

fn refusal(error: &clap::Error, localizer: &Localizer) -> Refusal {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            Refusal { text: error.render().to_string(), is_help: true, exit_code: 0 }
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Refusal { text: error.render().to_string(), is_help: false, exit_code: 2 }
        }
        _ => Refusal { text: explain(error, localizer), is_help: false, exit_code: 2 },
    }
}

/// The refusal in the reader's words: what is wrong, a suggestion when clap has one, the usage.
fn explain(error: &clap::Error, localizer: &Localizer) -> String {
    let separator = localizer.text("list-separator", &[]);
    let words = |kind| words(error, kind).join(separator.as_str());
    let invalid_arg = words(ContextKind::InvalidArg);
    let value = words(ContextKind::InvalidValue);
    let text = |id: &str, args: &[(&str, FluentArg<'_>)]| localizer.text(id, args);
    let mut lines = vec![match error.kind() {
        ErrorKind::MissingRequiredArgument => text("cli-error-missing", &[("args", FluentArg::Text(&invalid_arg))]),
        ErrorKind::UnknownArgument => text("cli-error-unknown-argument", &[("arg", FluentArg::Text(&invalid_arg))]),
        ErrorKind::InvalidSubcommand => {
            text("cli-error-unknown-command", &[("command", FluentArg::Text(&words(ContextKind::InvalidSubcommand)))])
        }
        ErrorKind::MissingSubcommand => text("cli-error-missing-command", &[]),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            text("cli-error-invalid-value", &[("value", FluentArg::Text(&value)), ("arg", FluentArg::Text(&invalid_arg))])
        }
        ErrorKind::ArgumentConflict => text(
            "cli-error-conflict",
            &[("arg", FluentArg::Text(&invalid_arg)), ("other", FluentArg::Text(&words(ContextKind::PriorArg)))],
        ),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            text("cli-error-values", &[("arg", FluentArg::Text(&invalid_arg))])
        }
        _ => text("cli-error-other", &[("detail", FluentArg::Text(error.kind().as_str().unwrap_or_default()))]),
    }];
    let valid = words(ContextKind::ValidValue);
    if !valid.is_empty() {
        lines.push(text("cli-error-valid-values", &[("values", FluentArg::Text(&valid))]));
    }
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue] {
        let suggested = words(kind);
        if !suggested.is_empty() {
            lines.push(text("cli-error-suggestion", &[("suggestion", FluentArg::Text(&suggested))]));
        }
    }
    if let Some(usage) = usage(error) {
        lines.push(format!("{} {usage}", text("cli-heading-usage", &[])));
    }
    lines.push(text("cli-error-help-hint", &[]));
    lines.join("\n") + "\n"
}

fn words(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(word)) => vec![word.clone()],
        Some(ContextValue::Strings(words)) => words.clone(),
        Some(ContextValue::StyledStr(word)) => vec![word.to_string()],
        Some(ContextValue::StyledStrs(words)) => words.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// The usage line of the command that refused, without clap's English heading.
fn usage(error: &clap::Error) -> Option<String> {
    let usage = words(error, ContextKind::Usage).concat();
    let usage = usage.trim();
    let bare = usage.split_once(':').map_or(usage, |(_, rest)| rest).trim();
    (!bare.is_empty()).then(|| bare.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Parser)]
    #[command(name = "sample", version)]
    struct Sample {
        #[arg(long, global = true)]
        lang: Option<String>,
        #[command(subcommand)]
        command: SampleCommand,
    }

    #[derive(Debug, clap::Subcommand)]
    enum SampleCommand {
        Init {
            #[arg(long)]
            district_code: String,
            #[arg(long, default_value = "x")]
            user: String,
        },
    }

    fn refuse(args: &[&str]) -> Refusal {
        let args: Vec<OsString> = std::iter::once("sample").chain(args.iter().copied()).map(OsString::from).collect();
        match parse_from::<Sample>("cli", &args) {
            Ok(parsed) => panic!("parsed {parsed:?}"),
            Err(refusal) => refusal,
        }
    }

    #[test]
    fn a_missing_argument_is_named_in_persian_with_the_usage() {
        let refusal = refuse(&["init"]);
        assert!(!refusal.is_help);
        assert_eq!(refusal.exit_code, 2);
        assert!(refusal.text.contains("--district-code"), "{}", refusal.text);
        assert!(refusal.text.contains(&Localizer::with_command_line_help(Language::Persian).text("cli-heading-usage", &[])));
        assert!(!refusal.text.contains("error:"), "{}", refusal.text);
    }

    #[test]
    fn lang_en_anywhere_on_the_line_answers_in_english() {
        let refusal = refuse(&["init", "--lang", "en", "--bogus"]);
        let english = Localizer::with_command_line_help(Language::English);
        assert!(refusal.text.contains(&english.text("cli-error-help-hint", &[])), "{}", refusal.text);
        assert!(refusal.text.contains("--bogus"), "{}", refusal.text);
    }

    #[test]
    fn an_unknown_command_gets_a_suggestion() {
        let refusal = refuse(&["inti"]);
        assert!(refusal.text.contains("inti"), "{}", refusal.text);
        assert!(refusal.text.contains("init"), "{}", refusal.text);
    }

    #[test]
    fn help_is_printed_with_headings_and_defaults_in_the_readers_language() {
        let refusal = refuse(&["init", "--help"]);
        assert!(refusal.is_help);
        assert_eq!(refusal.exit_code, 0);
        let persian = Localizer::with_command_line_help(Language::Persian);
        assert!(refusal.text.contains(&persian.text("cli-heading-options", &[])), "{}", refusal.text);
        assert!(refusal.text.contains(&persian.text("cli-help", &[])), "{}", refusal.text);
        assert!(!refusal.text.contains("[default:"), "{}", refusal.text);
        assert!(!refusal.text.contains("Print help"), "{}", refusal.text);
    }
}
