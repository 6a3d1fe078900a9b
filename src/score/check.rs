//! Stage 1: check the assessment — its envelope (format version, fiscal year, pack, item set)
//! and every answer against the checklist. On any problem no script runs.

use crate::answers::{self, AnswerSheet, Assessment, SCHEMA_VERSION};
use crate::error::{AnswerProblem, Code, Error, Result};
use crate::pack::model::ItemSetDef;
use crate::pack::Pack;

/// The item set and the checked answers.
pub(super) fn assessment<'p>(pack: &'p Pack, a: &Assessment, cache: Option<&mut answers::ParseCache>) -> Result<(&'p ItemSetDef, AnswerSheet)> {
    let mut problems = envelope(pack, a);
    let set = pack.info.sets.iter().find(|s| s.id == a.item_set);
    if set.is_none() {
        let known: Vec<&str> = pack.info.sets.iter().map(|s| s.id.as_str()).collect();
        problems.push(AnswerProblem::new(
            "itemSet",
            Code::UnknownSet,
            format!("item set '{}' is not in this pack (sets: {})", a.item_set, known.join(", ")),
            format!("設問セット「{}」はこのパックにありません（セット: {}）", a.item_set, known.join(", ")),
        ));
    }
    match (answers::validate_cached(&pack.checklist, &a.answers, pack.limits.max_problems, cache), set) {
        (Ok(sheet), Some(set)) if problems.is_empty() => Ok((set, sheet)),
        (Err(Error::Answers(more)), _) => {
            problems.extend(more);
            Err(Error::answers(problems, pack.limits.max_problems))
        }
        _ => Err(Error::answers(problems, pack.limits.max_problems)),
    }
}

fn envelope(pack: &Pack, a: &Assessment) -> Vec<AnswerProblem> {
    let mut problems = Vec::new();
    if a.schema_version != SCHEMA_VERSION {
        problems.push(AnswerProblem::new(
            "schemaVersion",
            Code::SchemaVersion,
            format!("assessment file version {} is not supported (this engine reads {SCHEMA_VERSION})", a.schema_version),
            format!("回答ファイルの形式 {} には対応していません（対応: {SCHEMA_VERSION}）", a.schema_version),
        ));
    }
    let (lo, hi) = (pack.info.report.fiscal_year_min, pack.info.report.fiscal_year_max);
    if let Some(y) = a.fiscal_year.filter(|y| !(lo..=hi).contains(y)) {
        problems.push(AnswerProblem::new(
            "fiscalYear",
            Code::FiscalYear,
            format!("fiscal year {y} is outside {lo}–{hi} (give the Western year the fiscal year starts in)"),
            format!("年度 {y} は範囲外です（{lo}〜{hi} の西暦で、年度の始まる年を入れてください）"),
        ));
    }
    if a.pack.id != pack.info.id {
        problems.push(AnswerProblem::new(
            "pack.id",
            Code::PackMismatch,
            format!("the answers were given for pack '{}', not '{}'", a.pack.id, pack.info.id),
            format!("この回答はルールパック「{}」用です（現在のパック: 「{}」）", a.pack.id, pack.info.id),
        ));
    }
    problems
}
