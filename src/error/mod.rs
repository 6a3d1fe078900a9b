//! Typed errors: everything the engine can refuse, as data with a place and a bilingual message.

mod code;

pub use code::Code;
use serde::Serialize;
use std::fmt;

/// A place in a pack file. `line` and `column` are 1-based and count characters; `None` when the
/// problem has no single place (a missing file, a rule that is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Path of the file inside the pack, as the manifest names it (`items/d1_target_states.toml`).
    pub file: String,
    /// 1-based line, if known.
    pub line: Option<u32>,
    /// 1-based column in characters, if known.
    pub column: Option<u32>,
}

impl Location {
    /// A whole file, no position.
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), line: None, column: None }
    }

    /// A position given as a byte offset into `text`.
    pub fn at_offset(file: impl Into<String>, text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { file: file.into(), line: Some(line as u32), column: Some(column as u32) }
    }

    /// A position given as 1-based line and column.
    pub fn at(file: impl Into<String>, line: Option<usize>, column: Option<usize>) -> Self {
        Location { file: file.into(), line: line.map(|l| l as u32), column: column.map(|c| c as u32) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}", self.file, l, c),
            (Some(l), None) => write!(f, "{}:{}", self.file, l),
            _ => write!(f, "{}", self.file),
        }
    }
}

/// One thing wrong with a rule pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackProblem {
    /// Stable code for tools and translations (see [`Code`]).
    pub code: Code,
    /// Where it is.
    #[serde(flatten)]
    pub location: Location,
    /// The item or dimension id it concerns, when there is one.
    pub item: Option<String>,
    /// English message.
    pub message: String,
    /// Japanese message.
    pub message_ja: String,
}

impl PackProblem {
    /// A problem at a place, with its message in English and Japanese.
    pub fn new(code: Code, location: Location, item: Option<&str>, en: String, ja: String) -> Self {
        PackProblem { code, location, item: item.map(str::to_owned), message: en, message_ja: ja }
    }
}

impl AnswerProblem {
    /// A problem with an item (or a field of the file), in English and Japanese.
    pub fn new(item: &str, code: Code, en: String, ja: String) -> Self {
        AnswerProblem { item: item.to_owned(), code, message: en, message_ja: ja }
    }
}

impl fmt::Display for PackProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(item) = &self.item {
            write!(f, " [{item}]")?;
        }
        Ok(())
    }
}

/// One thing wrong with an assessment (a municipality's answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerProblem {
    /// The item id (or the field, such as `schemaVersion`, for problems outside `answers`).
    pub item: String,
    /// Stable code (see [`Code`]).
    pub code: Code,
    /// English message.
    pub message: String,
    /// Japanese message.
    pub message_ja: String,
}

impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.message)
    }
}

/// A rule script failed while scoring (a bug in the pack, or a limit reached).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptFailure {
    /// The rule (rhai function) the engine was calling.
    pub rule: String,
    /// Where in the scripts, when rhai knows.
    #[serde(flatten)]
    pub location: Location,
    /// rhai's message, with the chain of function calls.
    pub message: String,
    /// Japanese summary.
    pub message_ja: String,
}

/// Everything the engine can refuse. Each variant holds every problem found, not only the first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "problems", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Error {
    /// The rule pack is invalid: TOML syntax, schema, script syntax, engine version, missing files.
    Pack(Vec<PackProblem>),
    /// The answers do not fit the checklist; scripts were not run.
    Answers(Vec<AnswerProblem>),
    /// A rule script failed at run time, or returned something that is not a valid result.
    Script(Vec<ScriptFailure>),
}

impl Error {
    /// Pack problems, at most `limits.max_problems` of them listed; a last one counts the rest.
    pub(crate) fn pack(mut problems: Vec<PackProblem>, limits: &crate::Limits) -> Error {
        let max = limits.max_problems.max(1);
        if problems.len() > max {
            let rest = problems.len() - max + 1;
            problems.truncate(max - 1);
            problems.push(PackProblem::new(
                Code::MoreProblems,
                Location::file("(pack)"),
                None,
                format!("{rest} more problems were found and are not listed"),
                format!("ほかに{rest}件の問題があります（表示を省略しました）"),
            ));
        }
        Error::Pack(problems)
    }

    /// Answer problems, at most `max` of them listed; a last one counts the rest.
    pub(crate) fn answers(mut problems: Vec<AnswerProblem>, max: usize) -> Error {
        let max = max.max(1);
        if problems.len() > max {
            let rest = problems.len() - max + 1;
            problems.truncate(max - 1);
            problems.push(AnswerProblem::new(
                "(file)",
                Code::MoreProblems,
                format!("{rest} more problems were found and are not listed"),
                format!("ほかに{rest}件の問題があります（表示を省略しました）"),
            ));
        }
        Error::Answers(problems)
    }

    /// Stable kind tag: `pack`, `answers` or `script`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Pack(_) => "pack",
            Error::Answers(_) => "answers",
            Error::Script(_) => "script",
        }
    }

    /// Number of problems held.
    pub fn len(&self) -> usize {
        match self {
            Error::Pack(p) => p.len(),
            Error::Answers(p) => p.len(),
            Error::Script(p) => p.len(),
        }
    }

    /// Never true for an error the engine returns; here for clippy's sake.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A Japanese summary line, for people.
    pub fn summary_ja(&self) -> String {
        match self {
            Error::Pack(p) => format!("ルールパックに{}件の問題があります", p.len()),
            Error::Answers(p) => format!("回答に{}件の問題があります（採点は行っていません）", p.len()),
            Error::Script(p) => format!("採点スクリプトの実行に失敗しました（{}件）", p.len()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pack(problems) => {
                write!(f, "the rule pack has {} problem(s)", problems.len())?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
            }
            Error::Answers(problems) => {
                write!(f, "the answers have {} problem(s)", problems.len())?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
            }
            Error::Script(failures) => {
                write!(f, "a rule script failed")?;
                for s in failures {
                    write!(f, "\n  {} in rule {}: {}", s.location, s.rule, s.message)?;
                }
            }
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Short alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
