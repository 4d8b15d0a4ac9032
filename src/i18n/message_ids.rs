//! Every Fluent message ID the code uses exists in Persian and in English with the same variables,
//! and the code passes the arguments each message uses (issue 17): a missing message shows its raw
//! ID at run time, which neither the compiler nor a look at the window in one language catches.
//!
//! The locale files are parsed with fluent-syntax. The sources under `src/` are read from disk and
//! lexed (comments, strings, raw strings, char literals and lifetimes told apart); test code
//! (`#[cfg(test)]` and `#[test]` items, and the module files declared under a test `cfg`) is left
//! out. A message ID is taken from:
//! - the first argument of `.text(…)`: the literals in it (its `if`/`match` arms too), or those of
//!   the `let id = …;` that feeds it; likewise for every closure or function that hands one of its
//!   parameters on to `.text` as the ID (`t`, `node`, `heading`, `verdict`, …, found to a fixed
//!   point). Where the arguments are written out (`&[("name", …)]`, or a `let args = [...]`), their
//!   names are checked against the variables of the message;
//! - every other literal shaped like an ID (`gui-case-open`) in `src/i18n`, in a function named
//!   `message_id`, or anywhere whose first part is one the messages use (`gui-`, `case-`, …),
//!   except widget IDs (`.id(…)`, `Id::new(…)`), store table names (`TableDefinition::new(…)`)
//!   and the command line's key prefixes (`hub-cli`, whose `hub-cli-about` exists);
//! - IDs built with `format!`: each format string must be listed in [`built_ids`], which makes
//!   every ID it can produce from the real enums.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::Language;

// The messages.

/// A message, or a term (its ID with the leading `-`), as a locale file defines it.
#[derive(Debug, Clone)]
struct Defined {
    file: String,
    line: usize,
    /// The variables its value, selectors and attributes use.
    vars: BTreeSet<String>,
    /// The messages and terms it refers to.
    refs: BTreeSet<String>,
}

/// One language's messages by ID.
#[derive(Debug)]
struct Messages {
    code: String,
    by_id: BTreeMap<String, Defined>,
}

impl Messages {
    /// The messages of the locale files `files` (the path to report, the text) of language `code`.
    fn parse(code: &str, files: &[(String, String)], problems: &mut Vec<String>) -> Self {
        let mut by_id: BTreeMap<String, Defined> = BTreeMap::new();
        for (file, text) in files {
            for (id, defined) in parse_ftl(file, text, problems) {
                if let Some(first) = by_id.get(&id) {
                    problems.push(format!(
                        "{file}:{}: `{id}` is defined again (first at {}:{})",
                        defined.line, first.file, first.line
                    ));
                } else {
                    by_id.insert(id, defined);
                }
            }
        }
        for (id, defined) in &by_id {
            for missing in defined.refs.iter().filter(|r| !by_id.contains_key(*r)) {
                problems
                    .push(format!("{}:{}: `{id}` refers to `{missing}`, which locales/{code} lacks", defined.file, defined.line));
            }
        }
        Self { code: code.to_owned(), by_id }
    }

    /// The variables the code must pass for message `id`: its own and those of the messages it
    /// refers to (a term's variables are its own parameters, not the caller's).
    fn needs(&self, id: &str) -> BTreeSet<String> {
        let (mut vars, mut seen, mut stack) = (BTreeSet::new(), BTreeSet::new(), vec![id.to_owned()]);
        while let Some(id) = stack.pop() {
            if let Some(defined) = self.by_id.get(&id).filter(|_| seen.insert(id.clone())) {
                vars.extend(defined.vars.iter().cloned());
                stack.extend(defined.refs.iter().filter(|r| !r.starts_with('-')).cloned());
            }
        }
        vars
    }
}

fn parse_ftl(file: &str, text: &str, problems: &mut Vec<String>) -> Vec<(String, Defined)> {
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(resource, errors)| {
        for error in errors {
            problems.push(format!("{file}:{}: does not parse: {:?}", line_of(text, error.pos.start), error.kind));
        }
        resource
    });
    let mut found = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_owned(), m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let mut uses = Uses::default();
        for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            uses.pattern(pattern);
        }
        let line = definition_line(text, &id);
        found.push((id, Defined { file: file.to_owned(), line, vars: uses.vars, refs: uses.refs }));
    }
    found
}

/// The variables and references of a message's patterns.
#[derive(Default)]
struct Uses {
    vars: BTreeSet<String>,
    refs: BTreeSet<String>,
}

impl Uses {
    fn pattern(&mut self, pattern: &Pattern<&str>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&str>) {
        match expression {
            Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
            Expression::Inline(inline) => self.inline(inline),
        }
    }

    fn inline(&mut self, inline: &InlineExpression<&str>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                self.vars.insert(id.name.to_owned());
            }
            InlineExpression::FunctionReference { arguments, .. } => self.arguments(arguments),
            InlineExpression::MessageReference { id, .. } => {
                self.refs.insert(id.name.to_owned());
            }
            InlineExpression::TermReference { id, arguments, .. } => {
                self.refs.insert(format!("-{}", id.name));
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            InlineExpression::Placeable { expression } => self.expression(expression),
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
        }
    }

    fn arguments(&mut self, arguments: &CallArguments<&str>) {
        for argument in &arguments.positional {
            self.inline(argument);
        }
        for named in &arguments.named {
            self.inline(&named.value);
        }
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes().iter().take(byte).filter(|b| **b == b'\n').count() + 1
}

fn definition_line(text: &str, id: &str) -> usize {
    let defines = |line: &str| line.strip_prefix(id).is_some_and(|rest| rest.trim_start().starts_with('='));
    text.lines().position(defines).map_or(0, |n| n + 1)
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The same messages in both languages, in the same file, with the same variables.
fn compare(fa: &Messages, en: &Messages, problems: &mut Vec<String>) {
    for (first, (here, there)) in [(fa, en), (en, fa)].into_iter().enumerate().map(|(n, pair)| (n == 0, pair)) {
        for (id, mine) in &here.by_id {
            let Some(theirs) = there.by_id.get(id) else {
                let (code, file) = (&there.code, file_name(&mine.file));
                problems.push(format!("{}:{}: `{id}` is missing from locales/{code}/{file}", mine.file, mine.line));
                continue;
            };
            if first && file_name(&mine.file) != file_name(&theirs.file) {
                problems.push(format!(
                    "{}:{}: `{id}` is in {} in the other language ({}:{}); the bundles that leave the command line's help out would lack it in one",
                    mine.file, mine.line, file_name(&theirs.file), theirs.file, theirs.line
                ));
            }
            let lacks: Vec<String> = mine.vars.difference(&theirs.vars).map(|v| format!("${v}")).collect();
            if !lacks.is_empty() {
                problems.push(format!(
                    "{}:{}: `{id}` lacks {} that {}:{} uses",
                    theirs.file,
                    theirs.line,
                    lacks.join(", "),
                    mine.file,
                    mine.line
                ));
            }
        }
    }
}

// The sources: a lexer that knows comments, strings and char literals from code.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
    /// Numbers, char and byte literals, lifetimes.
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

impl Token {
    fn is(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }

    fn ident(&self) -> Option<&str> {
        if let Tok::Ident(word) = &self.tok { Some(word) } else { None }
    }

    fn is_ident(&self, word: &str) -> bool {
        self.ident() == Some(word)
    }

    fn string(&self) -> Option<&str> {
        if let Tok::Str(text) = &self.tok { Some(text) } else { None }
    }
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    line: usize,
    tokens: Vec<Token>,
}

fn lex(text: &str) -> Vec<Token> {
    let mut lexer = Lexer { chars: text.chars().collect(), at: 0, line: 1, tokens: Vec::new() };
    lexer.run();
    lexer.tokens
}

impl Lexer {
    fn peek(&self, ahead: usize) -> char {
        self.chars.get(self.at + ahead).copied().unwrap_or('\0')
    }

    fn more(&self) -> bool {
        self.at < self.chars.len()
    }

    fn bump(&mut self) -> char {
        let c = self.peek(0);
        if c == '\n' {
            self.line += 1;
        }
        self.at += 1;
        c
    }

    fn push(&mut self, tok: Tok, line: usize) {
        self.tokens.push(Token { tok, line });
    }

    fn run(&mut self) {
        while self.more() {
            let (c, line) = (self.peek(0), self.line);
            if c.is_whitespace() {
                self.bump();
            } else if c == '/' && self.peek(1) == '/' {
                while self.more() && self.peek(0) != '\n' {
                    self.at += 1;
                }
            } else if c == '/' && self.peek(1) == '*' {
                self.block_comment();
            } else if c == '"' {
                self.at += 1;
                let text = self.quoted();
                self.push(Tok::Str(text), line);
            } else if c == '\'' {
                self.char_or_lifetime();
                self.push(Tok::Other, line);
            } else if c.is_alphabetic() || c == '_' {
                self.word(line);
            } else if c.is_ascii_digit() {
                while self.peek(0).is_alphanumeric()
                    || self.peek(0) == '_'
                    || (self.peek(0) == '.' && self.peek(1).is_ascii_digit())
                {
                    self.at += 1;
                }
                self.push(Tok::Other, line);
            } else {
                self.at += 1;
                self.push(Tok::Punct(c), line);
            }
        }
    }

    fn block_comment(&mut self) {
        let mut depth = 0usize;
        while self.more() {
            if self.peek(0) == '/' && self.peek(1) == '*' {
                depth += 1;
                self.at += 2;
            } else if self.peek(0) == '*' && self.peek(1) == '/' {
                depth -= 1;
                self.at += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    /// A string after its opening quote, escapes kept as written.
    fn quoted(&mut self) -> String {
        let mut text = String::new();
        while self.more() {
            match self.bump() {
                '"' => break,
                '\\' => {
                    text.push('\\');
                    text.push(self.bump());
                }
                c => text.push(c),
            }
        }
        text
    }

    /// A raw string after its `r`: `"…"`, `#"…"#`.
    fn raw(&mut self) -> String {
        let mut hashes = 0;
        while self.peek(0) == '#' {
            hashes += 1;
            self.at += 1;
        }
        self.at += 1;
        let mut text = String::new();
        while self.more() {
            if self.peek(0) == '"' && (1..=hashes).all(|k| self.peek(k) == '#') {
                self.at += 1 + hashes;
                break;
            }
            text.push(self.bump());
        }
        text
    }

    /// `'x'`, `'\n'`, `'\u{200E}'`, or a lifetime or label (`'a`, `'static`).
    fn char_or_lifetime(&mut self) {
        if self.peek(1) == '\\' {
            self.at += 3;
            while self.more() && self.peek(0) != '\'' {
                self.at += 1;
            }
            self.at += 1;
        } else if self.peek(2) == '\'' {
            self.at += 3;
        } else {
            self.at += 1;
            while self.peek(0).is_alphanumeric() || self.peek(0) == '_' {
                self.at += 1;
            }
        }
    }

    fn word(&mut self, line: usize) {
        let start = self.at;
        while self.peek(0).is_alphanumeric() || self.peek(0) == '_' {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        let raw_quote = self.peek(0) == '"' || (self.peek(0) == '#' && matches!(self.peek(1), '"' | '#'));
        if matches!(word.as_str(), "r" | "br" | "cr") && raw_quote {
            let text = self.raw();
            self.push(if word == "r" { Tok::Str(text) } else { Tok::Other }, line);
        } else if matches!(word.as_str(), "b" | "c") && self.peek(0) == '"' {
            self.at += 1;
            self.quoted();
            self.push(Tok::Other, line);
        } else if word == "b" && self.peek(0) == '\'' {
            self.char_or_lifetime();
            self.push(Tok::Other, line);
        } else {
            self.push(Tok::Ident(word), line);
        }
    }
}

/// The bracket that closes the one at `open` (the end if none does).
fn closing(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        match token.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The `>` that closes the `<` at `open` (`->` is no bracket).
fn angle_closing(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        if token.is('<') {
            depth += 1;
        } else if token.is('>') && !tokens[k - 1].is('-') {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return k;
            }
        }
    }
    tokens.len()
}

/// The comma-separated parts strictly between `open` and `close`; `angles` counts `<…>` as
/// brackets (parameter lists, whose types hold commas in their generics).
fn parts(tokens: &[Token], open: usize, close: usize, angles: bool) -> Vec<Range<usize>> {
    let (mut found, mut depth, mut start) = (Vec::new(), 0i32, open + 1);
    for (k, token) in tokens.iter().enumerate().take(close).skip(open + 1) {
        match token.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth -= 1,
            Tok::Punct('<') if angles => depth += 1,
            Tok::Punct('>') if angles && !tokens[k - 1].is('-') => depth -= 1,
            Tok::Punct(',') if depth == 0 => {
                found.push(start..k);
                start = k + 1;
            }
            _ => {}
        }
    }
    if start < close {
        found.push(start..close);
    }
    found
}

/// The end of the statement or item starting at `from`: its `;`, or its block's closing brace.
fn statement_end(tokens: &[Token], from: usize, block_ends: bool) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(from) {
        match token.tok {
            Tok::Punct('{') if depth == 0 && block_ends => return closing(tokens, k),
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}' | ';') if depth == 0 => return k,
            Tok::Punct(')' | ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    tokens.len()
}

/// A name alone, maybe borrowed: `id`, `&id`.
fn lone_ident(tokens: &[Token]) -> Option<&str> {
    match tokens {
        [one] => one.ident(),
        [amp, rest @ ..] if amp.is('&') => lone_ident(rest),
        _ => None,
    }
}

/// `name: Type`, `name` (a closure's), `mut name: Type`; `None` for a pattern.
fn param_name(tokens: &[Token]) -> Option<String> {
    let tokens = match tokens {
        [first, rest @ ..] if first.is_ident("mut") => rest,
        _ => tokens,
    };
    match tokens {
        [name] => name.ident().map(str::to_owned),
        [name, colon, ..] if colon.is(':') => name.ident().map(str::to_owned),
        _ => None,
    }
}

/// A literal argument list: `&[]`, `&[("name", …), …]`, or `[…]` (a `let args = [...]`).
fn literal_args(tokens: &[Token]) -> Option<BTreeSet<String>> {
    let tokens = match tokens {
        [amp, rest @ ..] if amp.is('&') => rest,
        _ => tokens,
    };
    if !tokens.first()?.is('[') || closing(tokens, 0) + 1 != tokens.len() {
        return None;
    }
    let mut names = BTreeSet::new();
    for part in parts(tokens, 0, tokens.len() - 1, false) {
        let element = &tokens[part];
        let pair = element.first()?.is('(') && closing(element, 0) + 1 == element.len() && element.get(2)?.is(',');
        names.insert(element.get(1).filter(|_| pair)?.string()?.to_owned());
    }
    Some(names)
}

/// `gui-case-open`: the shape of the project's message IDs.
fn id_shaped(text: &str) -> bool {
    let mut words = text.split('-');
    let first = words.next().unwrap_or_default();
    let word_ok = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    first.starts_with(|c: char| c.is_ascii_lowercase()) && word_ok(first) && text.contains('-') && words.all(word_ok)
}

/// Anything Fluent takes for an identifier: what a literal written as `.text`'s ID must be.
fn fluent_identifier(text: &str) -> bool {
    let name = text.strip_prefix('-').unwrap_or(text);
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// One source file, lexed, with its attributes and test code marked.
struct Source {
    path: String,
    tokens: Vec<Token>,
    attribute: Vec<bool>,
    test: Vec<bool>,
    /// Modules it declares under a test `cfg` (`#[cfg(test)] mod tests;`).
    test_modules: Vec<String>,
}

impl Source {
    fn new(path: &str, text: &str) -> Self {
        let tokens = lex(text);
        let n = tokens.len();
        let mut source =
            Self { path: path.to_owned(), tokens, attribute: vec![false; n], test: vec![false; n], test_modules: Vec::new() };
        source.mark();
        source
    }

    fn mark(&mut self) {
        let tokens = &self.tokens;
        let mut attributes = Vec::new();
        let mut k = 0;
        while k + 1 < tokens.len() {
            let open = if tokens[k + 1].is('!') { k + 2 } else { k + 1 };
            if tokens[k].is('#') && tokens.get(open).is_some_and(|t| t.is('[')) {
                let close = closing(tokens, open).min(tokens.len() - 1);
                let words = &tokens[open..close];
                let test = words.iter().any(|t| t.is_ident("test")) && !words.iter().any(|t| t.is_ident("not"));
                attributes.push((k, close, test.then(|| self.item_after(close + 1))));
                k = close;
            }
            k += 1;
        }
        for (start, close, item) in attributes {
            self.attribute[start..=close].fill(true);
            if let Some((end, module)) = item {
                let end = end.min(self.tokens.len() - 1);
                self.test[start..=end].fill(true);
                self.test_modules.extend(module);
            }
        }
    }

    /// The end of the item after an attribute ending at `from`, and its name if it is `mod name;`.
    fn item_after(&self, mut from: usize) -> (usize, Option<String>) {
        let tokens = &self.tokens;
        while tokens.get(from).is_some_and(|t| t.is('#')) && tokens.get(from + 1).is_some_and(|t| t.is('[')) {
            from = closing(tokens, from + 1) + 1;
        }
        let end = statement_end(tokens, from, true);
        let mut words =
            tokens[from..end.min(tokens.len())].iter().filter_map(Token::ident).filter(|w| *w != "pub" && *w != "crate");
        let module = match (words.next(), words.next(), words.next()) {
            (Some("mod"), Some(name), None) if tokens.get(end).is_some_and(|t| t.is(';')) => Some(name.to_owned()),
            _ => None,
        };
        (end, module)
    }

    fn code(&self, k: usize) -> bool {
        !self.test[k] && !self.attribute[k]
    }
}

/// A function or a `let` closure.
#[derive(Debug, Clone)]
struct Def {
    name: String,
    /// A method (`&self`): called as `.name(…)`, its parameters counted without the receiver.
    method: bool,
    closure: bool,
    params: Vec<Option<String>>,
    /// Its name's token.
    at: usize,
    body: Range<usize>,
    /// Where calls may name it: a closure, in the function around it after its `let`.
    scope: Range<usize>,
    /// The parameters it hands on to `.text` as the message ID, with what it passes as arguments.
    forwards: Vec<(usize, Args)>,
}

/// A call's message arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Args {
    Named(BTreeSet<String>),
    /// Those the caller passes as this parameter.
    Param(usize),
    Unknown,
}

fn functions(source: &Source) -> Vec<Def> {
    let tokens = &source.tokens;
    let mut defs = Vec::new();
    for k in 0..tokens.len().saturating_sub(2) {
        let Some(name) = tokens[k + 1].ident().filter(|_| tokens[k].is_ident("fn")) else { continue };
        let mut open = k + 2;
        if tokens[open].is('<') {
            open = angle_closing(tokens, open) + 1;
        }
        if !tokens.get(open).is_some_and(|t| t.is('(')) {
            continue;
        }
        let close = closing(tokens, open);
        let mut list = parts(tokens, open, close, true);
        let method = list.first().is_some_and(|first| {
            tokens[first.clone()].iter().find(|t| t.ident().is_some_and(|w| w != "mut")).is_some_and(|t| t.is_ident("self"))
        });
        if method {
            list.remove(0);
        }
        // The body's brace, past the return type and `where` clause; a declaration without one ends at `;`.
        let mut depth = 0i32;
        let brace = tokens.iter().enumerate().skip(close + 1).find_map(|(j, t)| {
            match t.tok {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth -= 1,
                Tok::Punct('{' | ';') if depth == 0 => return Some(j),
                _ => {}
            }
            None
        });
        let Some(brace) = brace.filter(|&j| tokens[j].is('{')) else { continue };
        let body = brace..closing(tokens, brace);
        let params = list.into_iter().map(|p| param_name(&tokens[p])).collect();
        let scope = 0..tokens.len();
        defs.push(Def { name: name.to_owned(), method, closure: false, params, at: k + 1, body, scope, forwards: Vec::new() });
    }
    defs
}

/// `let name = |…| …;` and `let name = move |…| …;`.
fn closures(source: &Source, functions: &[Def]) -> Vec<Def> {
    let tokens = &source.tokens;
    let mut defs = Vec::new();
    for k in 0..tokens.len().saturating_sub(4) {
        if !tokens[k].is_ident("let") {
            continue;
        }
        let at = if tokens[k + 1].is_ident("mut") { k + 2 } else { k + 1 };
        let Some(name) = tokens[at].ident() else { continue };
        let mut bar = at + 2;
        if !tokens[at + 1].is('=') || bar >= tokens.len() {
            continue;
        }
        if tokens[bar].is_ident("move") {
            bar += 1;
        }
        if !tokens.get(bar).is_some_and(|t| t.is('|')) {
            continue;
        }
        let Some(bar_end) = (bar + 1..tokens.len()).find(|&j| tokens[j].is('|')) else { continue };
        let params = parts(tokens, bar, bar_end, true).into_iter().map(|p| param_name(&tokens[p])).collect();
        let from = bar_end + 1;
        let body = if tokens.get(from).is_some_and(|t| t.is('{')) || tokens.get(from).is_some_and(|t| t.is('-')) {
            let brace = (from..tokens.len()).find(|&j| tokens[j].is('{')).unwrap_or(from);
            brace..closing(tokens, brace)
        } else {
            from..statement_end(tokens, from, false)
        };
        let around = innermost(functions, k).map_or(tokens.len(), |f| f.body.end);
        defs.push(Def {
            name: name.to_owned(),
            method: false,
            closure: true,
            params,
            at,
            body,
            scope: k..around,
            forwards: Vec::new(),
        });
    }
    defs
}

/// The innermost definition whose body holds token `at`.
fn innermost(defs: &[Def], at: usize) -> Option<&Def> {
    defs.iter().filter(|d| d.body.contains(&at)).min_by_key(|d| d.body.len())
}

/// A call `name(…)` or `.name(…)`.
#[derive(Debug)]
struct Call {
    at: usize,
    name: String,
    method: bool,
    args: Vec<Range<usize>>,
}

fn calls(source: &Source) -> Vec<Call> {
    let tokens = &source.tokens;
    let mut found = Vec::new();
    for k in 1..tokens.len().saturating_sub(1) {
        let Some(name) = tokens[k].ident() else { continue };
        if !tokens[k + 1].is('(') || tokens[k - 1].is_ident("fn") || !source.code(k) {
            continue;
        }
        let args = parts(tokens, k + 1, closing(tokens, k + 1), false);
        found.push(Call { at: k, name: name.to_owned(), method: tokens[k - 1].is('.'), args });
    }
    found
}

/// The crate's sources as the checks read them.
struct Code {
    sources: Vec<Source>,
    /// Per source: its functions and closures.
    defs: Vec<Vec<Def>>,
    calls: Vec<Vec<Call>>,
}

impl Code {
    fn new(files: &[(String, String)]) -> Self {
        let mut sources: Vec<Source> = files.iter().map(|(path, text)| Source::new(path, text)).collect();
        mark_test_files(&mut sources);
        let defs = sources
            .iter()
            .map(|s| {
                let mut defs = functions(s);
                let closures = closures(s, &defs);
                defs.extend(closures);
                defs
            })
            .collect();
        let calls = sources.iter().map(calls).collect();
        let mut code = Self { sources, defs, calls };
        code.find_forwards();
        code
    }

    /// What a call's callee does with a message ID: `(parameter, arguments)` for each it passes on.
    fn targets(&self, file: usize, call: &Call) -> Vec<(usize, Args)> {
        if call.method && call.name == "text" {
            return vec![(0, Args::Param(1))];
        }
        let defs = &self.defs[file];
        let closure = defs
            .iter()
            .filter(|d| d.closure && !call.method && d.name == call.name && d.at < call.at && d.scope.contains(&call.at))
            .max_by_key(|d| d.at);
        if let Some(closure) = closure {
            return closure.forwards.clone();
        }
        let named = |d: &&Def| !d.closure && d.name == call.name && d.method == call.method;
        let local: Vec<&Def> = defs.iter().filter(named).collect();
        let found = if local.is_empty() { self.defs.iter().flatten().filter(named).collect() } else { local };
        let mut targets: Vec<(usize, Args)> = found.into_iter().flat_map(|d| d.forwards.iter().cloned()).collect();
        targets.dedup();
        targets
    }

    /// The innermost definition around token `at` with a parameter `name`: (definition, parameter).
    fn param(&self, file: usize, at: usize, name: &str) -> Option<(usize, usize)> {
        let defs = &self.defs[file];
        let holding = defs.iter().enumerate().filter(|(_, d)| d.body.contains(&at));
        let (index, def) =
            holding.filter(|(_, d)| d.params.iter().flatten().any(|p| p == name)).min_by_key(|(_, d)| d.body.len())?;
        Some((index, def.params.iter().position(|p| p.as_deref() == Some(name))?))
    }

    /// The value's tokens of the nearest `let name = …;` before token `at` in the function around it.
    fn let_value(&self, file: usize, at: usize, name: &str) -> Option<Range<usize>> {
        let tokens = &self.sources[file].tokens;
        let functions: Vec<Def> = self.defs[file].iter().filter(|d| !d.closure).cloned().collect();
        let start = innermost(&functions, at).map_or(0, |f| f.body.start);
        (start..at).rev().find_map(|k| {
            let name_at = if tokens[k + 1].is_ident("mut") { k + 2 } else { k + 1 };
            if !tokens[k].is_ident("let") || !tokens[name_at].is_ident(name) {
                return None;
            }
            let mut equals = name_at + 1;
            if tokens[equals].is(':') {
                equals = (equals..at).find(|&j| tokens[j].is('='))?;
            }
            tokens[equals].is('=').then(|| equals + 1..statement_end(tokens, equals + 1, false))
        })
    }

    /// The message arguments a call passes as its argument `index`: written out, a `let args = [...]`,
    /// or (`Param`) a parameter of definition `within` that hands them on.
    fn passed_args(&self, file: usize, call: &Call, index: usize, within: Option<usize>) -> Args {
        let Some(range) = call.args.get(index) else { return Args::Unknown };
        let tokens = &self.sources[file].tokens[range.clone()];
        if let Some(names) = literal_args(tokens) {
            return Args::Named(names);
        }
        let Some(name) = lone_ident(tokens) else { return Args::Unknown };
        match self.param(file, call.at, name) {
            Some((def, param)) if Some(def) == within => Args::Param(param),
            Some(_) => Args::Unknown,
            None => self
                .let_value(file, call.at, name)
                .and_then(|value| literal_args(&self.sources[file].tokens[value]))
                .map_or(Args::Unknown, Args::Named),
        }
    }

    /// Closures and functions that pass a parameter on as a message ID, to a fixed point.
    fn find_forwards(&mut self) {
        loop {
            let mut found = Vec::new();
            for (file, source) in self.sources.iter().enumerate() {
                for call in &self.calls[file] {
                    for (id_at, args) in self.targets(file, call) {
                        let Some(range) = call.args.get(id_at) else { continue };
                        let Some(name) = lone_ident(&source.tokens[range.clone()]) else { continue };
                        let Some((def, param)) = self.param(file, call.at, name) else { continue };
                        let args = match args {
                            Args::Param(k) => self.passed_args(file, call, k, Some(def)),
                            other => other,
                        };
                        if !self.defs[file][def].forwards.contains(&(param, args.clone())) {
                            found.push((file, def, (param, args)));
                        }
                    }
                }
            }
            if found.is_empty() {
                return;
            }
            for (file, def, forward) in found {
                if !self.defs[file][def].forwards.contains(&forward) {
                    self.defs[file][def].forwards.push(forward);
                }
            }
        }
    }

    /// Const names used as widget IDs (`.id(NAME)`, `Id::new(module::NAME)`), test code included.
    fn widget_names(&self) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for source in &self.sources {
            let tokens = &source.tokens;
            for k in 3..tokens.len().saturating_sub(1) {
                let id = tokens[k].is_ident("id") && tokens[k - 1].is('.');
                let new = tokens[k].is_ident("new") && tokens[k - 1].is(':') && tokens[k - 3].is_ident("Id");
                if !(id || new) || !tokens[k + 1].is('(') {
                    continue;
                }
                let path = tokens[k + 2..].iter().take_while(|t| t.ident().is_some() || t.is(':')).count();
                if let Some(last) = tokens[k + 1 + path].ident().filter(|_| tokens.get(k + 2 + path).is_some_and(|t| t.is(')'))) {
                    names.insert(last.to_owned());
                }
            }
        }
        names
    }
}

/// Files of modules declared under a test `cfg`, and of the modules inside them.
fn mark_test_files(sources: &mut [Source]) {
    let mut files = BTreeSet::new();
    let mut dirs = Vec::new();
    for source in sources.iter() {
        let path = &source.path;
        let dir = match file_name(path) {
            "mod.rs" | "lib.rs" | "main.rs" => path.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned(),
            _ => path.trim_end_matches(".rs").to_owned(),
        };
        for module in &source.test_modules {
            files.insert(format!("{dir}/{module}.rs"));
            files.insert(format!("{dir}/{module}/mod.rs"));
            dirs.push(format!("{dir}/{module}/"));
        }
    }
    for source in sources.iter_mut() {
        if files.contains(&source.path) || dirs.iter().any(|d| source.path.starts_with(d.as_str())) {
            source.test.fill(true);
        }
    }
}

// Where the code names messages.

/// One place that names messages: each ID it may name (with its line) and, when they are written
/// out, the arguments it passes (shared by all the IDs of the place: `if`/`match` arms).
#[derive(Debug)]
struct Site {
    file: String,
    ids: Vec<(String, usize)>,
    args: Option<BTreeSet<String>>,
    /// The arguments are written at this place, so each must be one its messages use; not so for
    /// those a function fixes for every message it is given (`report` in `cli/sync.rs`).
    exact: bool,
}

/// What a `format!` that builds message IDs can make.
enum Built {
    Ids(Vec<String>),
    /// Checked by another test (named where `built_ids` lists it).
    Elsewhere,
}

/// A format string with each `{…}` made `{}`: `date-month-{}`.
fn normalized(pattern: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in pattern.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Texts found in a source, each with its line.
type Lines = Vec<(String, usize)>;

/// Literals and `format!` strings among `range`'s tokens: the IDs (those `shaped` admits) and the
/// format strings, each with its line; their tokens join `taken`. What another call's or a
/// pattern's parentheses hold is theirs (`return self.text("…", …)` in an arm of `let id = match`).
fn gather(source: &Source, range: Range<usize>, shaped: fn(&str) -> bool, taken: &mut BTreeSet<usize>) -> (Lines, Lines) {
    let (mut ids, mut built) = (Vec::new(), Vec::new());
    let tokens = &source.tokens;
    let mut k = range.start;
    while k < range.end {
        let here = &tokens[k];
        if here.is('(') && k > 0 && (tokens[k - 1].ident().is_some() || tokens[k - 1].is('!')) {
            k = closing(tokens, k) + 1;
            continue;
        }
        if let Some(text) = here.string().filter(|s| shaped(s)) {
            ids.push((text.to_owned(), here.line));
            taken.insert(k);
        }
        if here.is_ident("format")
            && tokens.get(k + 1).is_some_and(|t| t.is('!'))
            && let Some(pattern) = tokens.get(k + 3).and_then(Token::string)
        {
            built.push((normalized(pattern), here.line));
            taken.insert(k + 3);
        }
        k += 1;
    }
    (ids, built)
}

/// Every place in `code` that names messages; format strings not in `built_ids` are problems.
fn sites(code: &Code, messages: &[&Messages], problems: &mut Vec<String>) -> Vec<Site> {
    let mut sites = Vec::new();
    let mut taken = vec![BTreeSet::new(); code.sources.len()];
    for (file, source) in code.sources.iter().enumerate() {
        for call in &code.calls[file] {
            for (id_at, args) in code.targets(file, call) {
                let Some(range) = call.args.get(id_at) else { continue };
                let lone = lone_ident(&source.tokens[range.clone()]);
                if lone.is_some_and(|name| code.param(file, call.at, name).is_some()) {
                    continue;
                }
                let (mut ids, mut built) = gather(source, range.clone(), fluent_identifier, &mut taken[file]);
                if let Some(value) = lone.and_then(|name| code.let_value(file, call.at, name)) {
                    let (more_ids, more_built) = gather(source, value, id_shaped, &mut taken[file]);
                    ids.extend(more_ids);
                    built.extend(more_built);
                }
                for (pattern, line) in built {
                    match built_ids(&pattern) {
                        Some(Built::Ids(made)) => ids.extend(made.into_iter().map(|id| (id, line))),
                        Some(Built::Elsewhere) => {}
                        None => problems.push(format!(
                            "{}:{line}: a message ID built from format!(\"{pattern}\"): list the IDs it can make in `built_ids` (src/i18n/message_ids.rs)",
                            source.path
                        )),
                    }
                }
                if ids.is_empty() {
                    continue;
                }
                let (args, exact) = match args {
                    Args::Named(names) => (Some(names), false),
                    Args::Param(k) => match code.passed_args(file, call, k, None) {
                        Args::Named(names) => (Some(names), true),
                        _ => (None, false),
                    },
                    Args::Unknown => (None, false),
                };
                sites.push(Site { file: source.path.clone(), ids, args, exact });
            }
        }
    }
    sites.extend(loose_literals(code, messages, &taken));
    sites
}

/// ID-shaped literals not in a `.text`-like call: in `src/i18n`, in `message_id` functions, or with
/// a first part the messages use; not widget IDs, store table names or command line key prefixes.
fn loose_literals(code: &Code, messages: &[&Messages], taken: &[BTreeSet<usize>]) -> Vec<Site> {
    let defined = |id: &str| messages.iter().any(|m| m.by_id.contains_key(id));
    let prefixes: BTreeSet<&str> =
        messages.iter().flat_map(|m| m.by_id.keys()).filter_map(|id| id.split_once('-').map(|(p, _)| p)).collect();
    let widgets = code.widget_names();
    let mut sites = Vec::new();
    for (file, source) in code.sources.iter().enumerate() {
        let tokens = &source.tokens;
        for (k, token) in tokens.iter().enumerate() {
            let Some(text) = token.string().filter(|s| id_shaped(s)) else { continue };
            if !source.code(k) || taken[file].contains(&k) || defined(&format!("{text}-about")) {
                continue;
            }
            let in_i18n = source.path.starts_with("src/i18n/");
            let in_message_id = code.defs[file].iter().any(|d| d.name == "message_id" && d.body.contains(&k));
            let known_prefix = text.split_once('-').is_some_and(|(p, _)| prefixes.contains(p));
            if (in_i18n || in_message_id || known_prefix) && !names_no_message(tokens, k, &widgets) {
                sites.push(Site {
                    file: source.path.clone(),
                    ids: vec![(text.to_owned(), token.line)],
                    args: None,
                    exact: false,
                });
            }
        }
    }
    sites
}

/// The literal at `k` is a widget ID (`.id("…")`, `Id::new("…")`, or a const used as one) or a
/// store table's name (`TableDefinition::new("…")`).
fn names_no_message(tokens: &[Token], k: usize, widgets: &BTreeSet<String>) -> bool {
    let before = |n: usize| k.checked_sub(n).map(|j| &tokens[j]);
    let called = |name: &str| before(1).is_some_and(|t| t.is('(')) && before(2).is_some_and(|t| t.is_ident(name));
    let path = |owner: &str| before(3).is_some_and(|t| t.is(':')) && before(5).is_some_and(|t| t.is_ident(owner));
    if (called("id") && before(3).is_some_and(|t| t.is('.'))) || (called("new") && (path("Id") || path("TableDefinition"))) {
        return true;
    }
    // `const NAME: &str = "…";` with NAME used as a widget ID.
    let statement = (0..k).rev().take_while(|&j| !tokens[j].is(';') && !tokens[j].is('{') && !tokens[j].is('}'));
    let is_const = statement
        .filter(|&j| tokens[j].is_ident("const") || tokens[j].is_ident("static"))
        .any(|j| tokens.get(j + 1).and_then(Token::ident).is_some_and(|name| widgets.contains(name)));
    is_const && before(1).is_some_and(|t| t.is('=')) && tokens.get(k + 1).is_some_and(|t| t.is(';'))
}

/// Every site's IDs exist in both languages (in the bundle the site's code loads) with the
/// variables the site passes, when it writes them out.
fn check_sites(sites: &[Site], messages: &[&Messages], problems: &mut Vec<String>) {
    for site in sites {
        let mut needed = BTreeSet::new();
        for (id, line) in &site.ids {
            let place = format!("{}:{line}", site.file);
            let lacking: Vec<String> =
                messages.iter().filter(|m| !m.by_id.contains_key(id)).map(|m| format!("locales/{}", m.code)).collect();
            if !lacking.is_empty() {
                problems.push(format!("{place}: `{id}` is not in {}", lacking.join(" or ")));
                continue;
            }
            let help_only = messages.iter().filter_map(|m| m.by_id.get(id)).find(|d| d.file.ends_with("/command-line.ftl"));
            if let Some(defined) = help_only.filter(|_| site.file != "src/i18n/command_line.rs") {
                problems.push(format!("{place}: `{id}` is only in {}, which `Localizer::new` does not load", defined.file));
            }
            let Some(passed) = &site.args else { continue };
            let needs: BTreeSet<String> = messages.iter().flat_map(|m| m.needs(id)).collect();
            for var in needs.difference(passed) {
                problems.push(format!("{place}: `{id}` uses ${var}, which the code does not pass"));
            }
            needed.extend(needs);
        }
        let all_known = site.exact && site.ids.iter().all(|(id, _)| messages.iter().all(|m| m.by_id.contains_key(id)));
        if let (Some(passed), Some((id, line))) = (site.args.as_ref().filter(|_| all_known), site.ids.first()) {
            for extra in passed.difference(&needed) {
                problems.push(format!("{}:{line}: the code passes `{extra}`, which `{id}` does not use", site.file));
            }
        }
    }
}

/// The problems of `locales` (per language code: file path and text) and `sources` (path, text),
/// and the distinct message IDs the sources were found to name.
fn check(locales: &[(&str, Vec<(String, String)>)], sources: &[(String, String)]) -> (Vec<String>, BTreeSet<String>) {
    let mut problems = Vec::new();
    let languages: Vec<Messages> = locales.iter().map(|(code, files)| Messages::parse(code, files, &mut problems)).collect();
    if let [fa, en] = languages.as_slice() {
        compare(fa, en, &mut problems);
    }
    let messages: Vec<&Messages> = languages.iter().collect();
    let code = Code::new(sources);
    let sites = sites(&code, &messages, &mut problems);
    check_sites(&sites, &messages, &mut problems);
    // By file, then line in number order.
    problems.sort_by_key(|p| {
        let mut fields = p.splitn(3, ':');
        let (file, line) = (fields.next().unwrap_or_default().to_owned(), fields.next().and_then(|l| l.parse::<usize>().ok()));
        (file, line, p.clone())
    });
    problems.dedup();
    let named = sites.iter().flat_map(|s| s.ids.iter().map(|(id, _)| id.clone())).collect();
    (problems, named)
}

// The IDs the code builds at run time, from the real enums.

/// What the `format!` strings that build message IDs can make: each such place must be listed.
fn built_ids(pattern: &str) -> Option<Built> {
    use crate::domain::catalog::{IssuedDocumentKind, ServiceKind};
    use crate::domain::role::Role;
    use crate::domain::workflow::{NodeKind, Office};
    fn prefixed<K: std::fmt::Display>(prefix: &str, keys: impl IntoIterator<Item = K>) -> Built {
        Built::Ids(keys.into_iter().map(|k| format!("{prefix}{k}")).collect())
    }
    let built = match pattern {
        "role-{}" => prefixed("role-", every_role().map(Role::key)),
        "kind-{}" => prefixed("kind-", every_service_kind().map(ServiceKind::key)),
        // Each place writes `key().replace('_', "-")`.
        "catalog-absent-reason-{}" => {
            prefixed("catalog-absent-reason-", every_absence_reason().map(|r| r.key().replace('_', "-")))
        }
        "node-{}" => prefixed("node-", every_node_kind().map(NodeKind::key)),
        "office-{}" => prefixed("office-", Office::ALL.map(Office::key)),
        "document-{}" => prefixed("document-", IssuedDocumentKind::ALL.map(IssuedDocumentKind::key)),
        // Each place writes `kind.key().replace('_', "-")`.
        "print-document-{}" => prefixed("print-document-", IssuedDocumentKind::ALL.map(|k| k.key().replace('_', "-"))),
        "date-month-{}" => prefixed("date-month-", 1..=12),
        // Each place writes `key().replace('_', "-")`; `ALL` sits beside the enums' `key` matches.
        "action-{}" => prefixed("action-", crate::domain::role::Action::ALL.map(|a| a.key().replace('_', "-"))),
        "office-act-{}" => prefixed("office-act-", crate::domain::account::OfficeActKind::ALL.map(|k| k.key().replace('_', "-"))),
        "gui-settings-language-{}" => prefixed("gui-settings-language-", Language::ALL.map(Language::code)),
        #[cfg(feature = "sync")]
        "verify-hub-{}" => prefixed("verify-hub-", every_hub_status().map(crate::sync::verdict::HubStatus::key)),
        #[cfg(feature = "print")]
        "print-emblem-{}" => prefixed("print-emblem-", every_emblem_problem().map(crate::print::EmblemProblem::key)),
        // `sync::words`' test `every_refusal_has_words_in_both_languages`; a key without words (a
        // newer hub's) falls back to the hub's own detail.
        // The command line's help: the binaries' tests of `command_line::missing_messages`.
        "sync-reason-{}" | "{}-about" | "{}-arg-{}" => Built::Elsewhere,
        _ => return None,
    };
    Some(built)
}

// Each list below sits beside a match over the same enum: a new variant stops this file compiling
// until it is listed.

fn every_role() -> [crate::domain::role::Role; 4] {
    use crate::domain::role::Role;
    let listed = |role: Role| match role {
        Role::Clerk | Role::DistrictGovernor | Role::Administrator | Role::Province => role,
    };
    [Role::Clerk, Role::DistrictGovernor, Role::Administrator, Role::Province].map(listed)
}

fn every_service_kind() -> [crate::domain::catalog::ServiceKind; 3] {
    use crate::domain::catalog::ServiceKind;
    let listed = |kind: ServiceKind| match kind {
        ServiceKind::Exclusive | ServiceKind::General | ServiceKind::Shared => kind,
    };
    [ServiceKind::Exclusive, ServiceKind::General, ServiceKind::Shared].map(listed)
}

fn every_absence_reason() -> [crate::domain::catalog::AbsenceReason; 1] {
    use crate::domain::catalog::AbsenceReason;
    let listed = |reason: AbsenceReason| match reason {
        AbsenceReason::NoTrace => reason,
    };
    AbsenceReason::ALL.map(listed)
}

fn every_node_kind() -> [crate::domain::workflow::NodeKind; 4] {
    use crate::domain::workflow::NodeKind;
    let listed = |kind: NodeKind| match kind {
        NodeKind::Start | NodeKind::Task | NodeKind::Decision | NodeKind::End => kind,
    };
    [NodeKind::Start, NodeKind::Task, NodeKind::Decision, NodeKind::End].map(listed)
}

#[cfg(feature = "sync")]
fn every_hub_status() -> [crate::sync::verdict::HubStatus; 7] {
    use crate::sync::verdict::HubStatus;
    let listed = |status: HubStatus| match status {
        HubStatus::Genuine
        | HubStatus::Unverifiable
        | HubStatus::Revoked
        | HubStatus::Superseded
        | HubStatus::Forged
        | HubStatus::Unknown
        | HubStatus::Unreadable => status,
    };
    [
        HubStatus::Genuine,
        HubStatus::Unverifiable,
        HubStatus::Revoked,
        HubStatus::Superseded,
        HubStatus::Forged,
        HubStatus::Unknown,
        HubStatus::Unreadable,
    ]
    .map(listed)
}

#[cfg(feature = "print")]
fn every_emblem_problem() -> [crate::print::EmblemProblem; 5] {
    use crate::print::EmblemProblem;
    let listed = |problem: EmblemProblem| match problem {
        EmblemProblem::Missing
        | EmblemProblem::Unreadable
        | EmblemProblem::NotAnImage
        | EmblemProblem::BrokenJpeg
        | EmblemProblem::BrokenPng => problem,
    };
    [
        EmblemProblem::Missing,
        EmblemProblem::Unreadable,
        EmblemProblem::NotAnImage,
        EmblemProblem::BrokenJpeg,
        EmblemProblem::BrokenPng,
    ]
    .map(listed)
}

// Reading the crate.

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files under `dir` (recursively) ending in `.ext`, as (path from the crate root, text), sorted.
fn read_tree(dir: &Path, ext: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let relative = path.strip_prefix(root()).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                found.push((relative, text));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_message_id_in_the_code_exists_in_both_languages_with_its_arguments() {
    let locales: Vec<(&str, Vec<(String, String)>)> =
        Language::ALL.iter().map(|l| (l.code(), read_tree(&root().join("locales").join(l.code()), "ftl"))).collect();
    for (code, files) in &locales {
        for name in ["main.ftl", "command-line.ftl"] {
            assert!(files.iter().any(|(path, _)| file_name(path) == name), "locales/{code}/{name} is missing");
        }
    }
    let sources = read_tree(&root().join("src"), "rs");
    let (problems, named) = check(&locales, &sources);
    println!("{} source files name {} distinct message IDs", sources.len(), named.len());
    // Not silently empty: the scan finds the IDs the code names (over 500 when this was written).
    assert!(named.len() > 300, "only {} message IDs found in src/: the scan is broken", named.len());
    assert!(problems.is_empty(), "{} problems with Fluent message IDs:\n{}", problems.len(), problems.join("\n"));
}

/// The checks on made-up locales and a made-up source, each mistake where it is known to be.
#[test]
fn the_scan_reports_each_kind_of_mistake_and_nothing_else() {
    let fa = "greeting = سلام { $name }\ngui-open = باز\ngui-closed = بسته\ngui-only-fa = فقط\nsay-it = { $who }\n";
    let en = "greeting = Hello { $name }\ngui-open = Open\ngui-closed = Closed { $when }\nsay-it = { $who } said\n";
    let locales = [
        ("fa", vec![("locales/fa/main.ftl".to_owned(), fa.to_owned())]),
        ("en", vec![("locales/en/main.ftl".to_owned(), en.to_owned())]),
    ];
    let source = r#"fn show(loc: &Localizer, open: bool) -> String {
    let t = |id: &str, args: &[(&str, Arg<'_>)]| loc.text(id, args);
    let a = loc.text("gui-opne", &[]);
    let b = t("greeting", &[("nmae", Arg::Text("x"))]);
    let id = if open { "gui-open" } else { "gui-clsoed" };
    let c = loc.text(id, &[]);
    let d = loc.text(&format!("gui-state-{}", 1), &[]);
    // loc.text("gui-in-a-comment", &[])
    let e = "loc.text(\"gui-in-a-string\")";
    let table = [("gui-tabel", 'x'), ("gui-open", '\'')];
    let f = say(loc, "say-ti");
    let g = say(loc, "say-it");
    let h = report(loc, "greeting");
    let i = report(loc, "gui-closed");
    format!("{a}{b}{c}{d}{e}{f}{g}{h}{i}")
}

fn report(loc: &Localizer, id: &str) -> String {
    let args = [("name", Arg::Text("x")), ("who", Arg::Text("y"))];
    loc.text(id, &args)
}

fn say<'a>(loc: &'a Localizer, id: &str) -> String {
    loc.text(id, &[("who", Arg::Text("someone"))])
}

#[cfg(test)]
mod tests {
    fn f(loc: &Localizer) {
        loc.text("gui-test-only", &[]);
    }
}
"#;
    let (problems, named) = check(&locales, &[("src/fake.rs".to_owned(), source.to_owned())]);
    let expected = [
        "locales/fa/main.ftl:3: `gui-closed` lacks $when",
        "locales/fa/main.ftl:4: `gui-only-fa` is missing from locales/en/main.ftl",
        "src/fake.rs:3: `gui-opne` is not in locales/fa or locales/en",
        "src/fake.rs:4: `greeting` uses $name, which the code does not pass",
        "src/fake.rs:4: the code passes `nmae`, which `greeting` does not use",
        "src/fake.rs:5: `gui-clsoed` is not in locales/fa or locales/en",
        "src/fake.rs:7: a message ID built from format!(\"gui-state-{}\")",
        "src/fake.rs:10: `gui-tabel` is not in locales/fa or locales/en",
        "src/fake.rs:11: `say-ti` is not in locales/fa or locales/en",
        "src/fake.rs:14: `gui-closed` uses $when, which the code does not pass",
    ];
    for wanted in expected {
        assert!(problems.iter().any(|p| p.starts_with(wanted)), "not reported: {wanted}\nreported:\n{}", problems.join("\n"));
    }
    let unwanted = ["gui-in-a-comment", "gui-in-a-string", "gui-test-only", "`gui-open`", "`say-it`"];
    for word in unwanted {
        assert!(!problems.iter().any(|p| p.contains(word)), "wrongly reported: {word}\n{}", problems.join("\n"));
    }
    assert_eq!(problems.len(), 10, "{}", problems.join("\n"));
    assert!(named.contains("gui-open") && named.contains("say-it"), "{named:?}");
}
