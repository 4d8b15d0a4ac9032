//! Help and refusals of bad arguments come from the real binaries in the reader's language.

use std::process::{Command, Output};

use crate::common::{bakhshyar, stderr, stdout};

fn hub(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bakhshyar-hub"))
        .args(args)
        .env_remove("BAKHSHYAR_LANG")
        .output()
        .unwrap_or_else(|e| panic!("cannot run bakhshyar-hub: {e}"))
}

#[test]
fn a_missing_argument_is_refused_in_persian_with_exit_code_2() {
    let output = bakhshyar(&["case", "new", "--service", "36"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("لازم‌اند") && text.contains("--applicant-name"), "{text}");
    assert!(text.contains("شیوه‌ی کاربرد: bakhshyar case new"), "{text}");
    assert!(!text.contains("error:"), "{text}");
}

#[test]
fn lang_en_refuses_in_english_and_suggests_the_command_meant() {
    let output = bakhshyar(&["--lang", "en", "case", "serch"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("Unknown command: serch") && text.contains("Did you mean search?"), "{text}");
}

#[test]
fn a_value_outside_the_allowed_ones_lists_them() {
    let text = stderr(&bakhshyar(&["case", "search", "--status", "باز"]));
    assert!(text.contains("«باز»") && text.contains("open، closed"), "{text}");
    let text = stderr(&bakhshyar(&["--lang", "en", "case", "search", "--status", "x"]));
    assert!(text.contains("open, closed"), "English lists with its own comma: {text}");
}

#[test]
fn help_reads_in_persian_on_stdout_and_succeeds() {
    let output = bakhshyar(&["print", "--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for expected in ["چاپ مدرک صادرشده", "گزینه‌ها:", "آرگومان‌ها:", "[متغیر محیطی: BAKHSHYAR_USER]", "نمایش همین راهنما"]
    {
        assert!(text.contains(expected), "{expected} missing in {text}");
    }
    assert!(!text.contains("Print help") && !text.contains("[default"), "{text}");
}

#[test]
fn the_hubs_help_and_refusals_are_localized_too() {
    let help = hub(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("مرکز استان"), "{}", stdout(&help));
    let refused = hub(&["--lang", "en", "revoke", "--district", "12"]);
    assert_eq!(refused.status.code(), Some(2));
    let text = stderr(&refused);
    assert!(text.contains("These are required") && text.contains("--serial"), "{text}");
}

/// The window takes a USB sync file (`bakhshyar FILE.bks`, the desktop's file association), so a
/// mistyped command would be taken for one: a word that is neither is refused, naming it.
#[test]
fn a_word_that_is_neither_a_command_nor_a_file_is_refused() {
    let output = bakhshyar(&["--lang", "en", "chekc"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("“chekc” is neither a command nor a file"), "{text}");
}
