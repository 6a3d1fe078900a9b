//! Random assessments from the checklist, for property tests (tests/fast.rs; tests/page_engine.rs,
//! which includes this file alone: it builds without the `sources` feature).

use renkei::{Assessment, Pack};
use serde_json::json;

/// One random answer per item (or none, 未定 or 該当なし), from the checklist.
pub fn assessment(pack: &Pack, picks: &[u8]) -> Assessment {
    use renkei::pack::model::AnswerType;
    let mut a = Assessment::empty(pack.pack_ref(), "full");
    for (item, &p) in pack.checklist().items.iter().zip(picks.iter().cycle()) {
        let v = match p % 7 {
            0 => continue,
            1 => json!({ "status": "undecided" }),
            2 if item.kind != AnswerType::Text => json!({ "status": "na", "reason": "対象外" }),
            _ => match item.kind {
                AnswerType::YesNo => json!(p % 2 == 0),
                AnswerType::Single => json!(item.options[p as usize % item.options.len()].id),
                AnswerType::Multi | AnswerType::Scenes => {
                    json!(item.options.iter().enumerate().filter(|(i, _)| (p >> (i % 8)) & 1 == 1).map(|(_, o)| o.id.clone()).collect::<Vec<_>>())
                }
                AnswerType::Level => json!(p % 5),
                AnswerType::Number => json!(f64::from(p % 9) * 0.5),
                AnswerType::Text => json!("メモ"),
            },
        };
        a.answers.insert(item.id.clone(), v);
    }
    a
}

