//! Glossary check: the words the pack and the page show to a municipality.
//!
//! One body, one name (協議体 for the council), the program items are （ア）〜（ク）, the tool is for
//! every 市町村 (not 自市 / 市の案), and the facility is a 在宅療養支援診療所. Verbatim source quotes
//! (`source.quote`, `sources[].quote`) are exempt: they must match the seed documents. No
//! user-facing text may name an item id or a rule function, and the pack's own rule "true is the
//! mature answer" means no yes/no question is asked in the negative.
#![cfg(not(target_arch = "wasm32"))]

use renkei::pack::model::{AnswerType, Manifest};
use renkei::{Pack, Text};
use std::collections::BTreeSet;

const PACK_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/default");
const WWW_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www");

/// (banned variant, why / what to write instead). Matched as a plain substring, after the
/// allowed proper names below are blanked out.
const BANNED: &[(&str, &str)] = &[
    ("協議会", "the council is 協議体"),
    ("協議の場", "the council is 協議体 (協議の場 only inside a verbatim quote)"),
    ("在宅支援診療所", "write 在宅療養支援診療所"),
    ("自市", "the tool is for every 市町村: write 市町村 / 自らの市町村"),
    ("市の案", "the tool is for every 市町村: write 市町村の案"),
    ("令和1年度", "write 令和元年度"),
    ("令和１年度", "write 令和元年度"),
];

/// Proper names that contain a banned word but name another body.
const ALLOWED_NAMES: &[&str] = &["メディカルコントロール協議会"];

/// A text user-facing somewhere, with where it is.
struct Shown {
    at: String,
    text: String,
}

fn push(out: &mut Vec<Shown>, at: impl Into<String>, text: &str) {
    if !text.trim().is_empty() {
        out.push(Shown { at: at.into(), text: text.to_owned() });
    }
}

fn push_text(out: &mut Vec<Shown>, at: &str, t: &Text) {
    push(out, format!("{at}.ja"), &t.ja);
    push(out, format!("{at}.en"), &t.en);
}

/// The program items written as ア〜キ in any notation: (ア)〜(キ), （ア）～（キ）, ア-キ, (ア)–(キ) …
fn program_items_to_ki(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let skip = |c: char| matches!(c, '（' | '(' | '）' | ')' | ' ' | '　');
    let dash = |c: char| matches!(c, '〜' | '～' | '~' | '–' | '—' | '-' | 'ー' | '−');
    for (i, &c) in chars.iter().enumerate() {
        if c != 'ア' {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && skip(chars[j]) {
            j += 1;
        }
        if j >= chars.len() || !dash(chars[j]) {
            continue;
        }
        j += 1;
        while j < chars.len() && skip(chars[j]) {
            j += 1;
        }
        if j < chars.len() && chars[j] == 'キ' {
            return true;
        }
    }
    false
}

/// Tokens shaped like an id: `[a-z][a-z0-9]*(_[a-z0-9]+)+`.
fn id_tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            cur.push(c);
        } else {
            if cur.contains('_') && cur.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.push(cur.trim_matches('_').to_owned());
            }
            cur.clear();
        }
    }
    out
}

fn pack_texts(pack: &Pack, manifest: &Manifest) -> Vec<Shown> {
    let mut out = Vec::new();
    let info = pack.info();
    push_text(&mut out, "pack.title", &info.title);
    if let Some(d) = &info.description {
        push_text(&mut out, "pack.description", d);
    }
    for (i, l) in info.levels.iter().enumerate() {
        push(&mut out, format!("pack.level[{i}].ja"), &l.ja);
        push(&mut out, format!("pack.level[{i}].en"), &l.en);
        if let Some(d) = &l.description {
            push_text(&mut out, &format!("pack.level[{i}].description"), d);
        }
    }
    for s in &info.sets {
        push_text(&mut out, &format!("set {}.title", s.id), &s.title);
        if let Some(d) = &s.description {
            push_text(&mut out, &format!("set {}.description", s.id), d);
        }
    }
    for s in &info.stages {
        push_text(&mut out, &format!("stage {}.title", s.id), &s.title);
        if let Some(d) = &s.description {
            push_text(&mut out, &format!("stage {}.description", s.id), d);
        }
    }
    for g in &info.gates {
        push_text(&mut out, &format!("gate {}.title", g.id), &g.title);
        for (i, a) in g.advice.iter().enumerate() {
            push(&mut out, format!("gate {}.advice[{i}].ja", g.id), &a.ja);
            push(&mut out, format!("gate {}.advice[{i}].en", g.id), &a.en);
        }
    }
    for s in &info.sources {
        push_text(&mut out, &format!("source {}.title", s.file), &s.title);
    }
    // Parsed by the engine but not yet part of PackInfo: read from the manifest itself.
    for b in &manifest.bases {
        push_text(&mut out, &format!("basis {}.title", b.id), &b.title);
        if let Some(d) = &b.description {
            push_text(&mut out, &format!("basis {}.description", b.id), d);
        }
    }
    for s in &manifest.scenes {
        push(&mut out, format!("scene {}.ja", s.id), &s.ja);
        push(&mut out, format!("scene {}.en", s.id), &s.en);
    }
    if let Some(o) = &manifest.report.order {
        push_text(&mut out, "report.order", o);
    }

    let c = pack.checklist();
    for d in &c.dimensions {
        push_text(&mut out, &format!("{}.title", d.id), &d.title);
        push_text(&mut out, &format!("{}.short", d.id), &d.short);
        for (i, l) in d.levels.iter().enumerate() {
            push(&mut out, format!("{}.levels[{i}].ja", d.id), &l.ja);
            push(&mut out, format!("{}.levels[{i}].en", d.id), &l.en);
        }
    }
    for it in &c.items {
        let at = format!("{} {}", it.dimension, it.id);
        push_text(&mut out, &format!("{at}.question"), &it.question);
        if let Some(a) = &it.action {
            push_text(&mut out, &format!("{at}.action"), a);
        }
        if let Some(h) = &it.help {
            push_text(&mut out, &format!("{at}.help"), h);
        }
        if let Some(n) = &it.inferred_note {
            push_text(&mut out, &format!("{at}.inferred_note"), n);
        }
        if let Some(u) = &it.unit {
            push_text(&mut out, &format!("{at}.unit"), u);
        }
        if let Some(l) = &it.labels {
            push_text(&mut out, &format!("{at}.labels.yes"), &l.yes);
            push_text(&mut out, &format!("{at}.labels.no"), &l.no);
        }
        for o in &it.options {
            push(&mut out, format!("{at}.option {}.ja", o.id), &o.ja);
            push(&mut out, format!("{at}.option {}.en", o.id), &o.en);
        }
        // Level anchors of the item's own (the general scale is checked once, above).
        for (i, l) in it.levels.iter().enumerate() {
            push(&mut out, format!("{at}.levels[{i}].ja"), &l.ja);
            push(&mut out, format!("{at}.levels[{i}].en"), &l.en);
        }
        for (i, a) in it.advice.iter().enumerate() {
            push(&mut out, format!("{at}.advice[{i}].ja"), &a.ja);
            push(&mut out, format!("{at}.advice[{i}].en"), &a.en);
        }
    }
    out
}

/// The string literals of a JavaScript file ('…', "…", `…`), with their line numbers. Comments
/// are skipped.
fn js_strings(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
        } else if matches!(c, '\'' | '"' | '`') {
            let start_line = line;
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    s.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                s.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push((start_line, s));
        } else {
            i += 1;
        }
    }
    out
}

/// The visible text of an HTML page: tags, scripts and styles removed, line by line.
fn html_text(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_tag = false;
    let mut hidden = false;
    for (n, raw) in src.lines().enumerate() {
        let lower = raw.to_lowercase();
        if lower.contains("<script") || lower.contains("<style") {
            hidden = true;
        }
        let mut text = String::new();
        for c in raw.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                _ if !in_tag && !hidden => text.push(c),
                _ => {}
            }
        }
        if lower.contains("</script") || lower.contains("</style") {
            hidden = false;
        }
        if !text.trim().is_empty() {
            out.push((n + 1, text.trim().to_owned()));
        }
    }
    out
}

fn page_texts() -> Vec<Shown> {
    let mut out = Vec::new();
    let i18n = format!("{WWW_DIR}/js/i18n.js");
    let src = std::fs::read_to_string(&i18n).expect("www/js/i18n.js");
    for (line, s) in js_strings(&src) {
        push(&mut out, format!("www/js/i18n.js:{line}"), &s);
    }
    let mut pages: Vec<_> = std::fs::read_dir(WWW_DIR)
        .expect("www/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    for p in pages {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&p).expect("html");
        for (line, s) in html_text(&src) {
            push(&mut out, format!("www/{name}:{line}"), &s);
        }
    }
    out
}

fn load() -> (Pack, Manifest) {
    let pack = Pack::from_dir(PACK_DIR).unwrap_or_else(|e| panic!("the default pack compiles: {e}"));
    let text = std::fs::read_to_string(format!("{PACK_DIR}/pack.toml")).expect("pack.toml");
    let manifest: Manifest = toml::from_str(&text).expect("pack.toml parses");
    (pack, manifest)
}

fn report(what: &str, offences: &[String]) {
    assert!(offences.is_empty(), "{} {what}:\n{}", offences.len(), offences.join("\n"));
}

#[test]
fn no_user_facing_text_uses_a_banned_variant() {
    let (pack, manifest) = load();
    let mut texts = pack_texts(&pack, &manifest);
    texts.extend(page_texts());
    let mut offences = Vec::new();
    for s in &texts {
        let mut t = s.text.clone();
        for name in ALLOWED_NAMES {
            t = t.replace(name, "");
        }
        for (bad, why) in BANNED {
            if t.contains(bad) {
                offences.push(format!("{}: 「{bad}」 ({why})\n    {}", s.at, s.text));
            }
        }
        if program_items_to_ki(&t) {
            offences.push(format!("{}: program items as ア〜キ (they are （ア）〜（ク）)\n    {}", s.at, s.text));
        }
    }
    report("texts use a banned variant", &offences);
}

#[test]
fn no_user_facing_text_names_an_item_id_or_a_rule() {
    let (pack, manifest) = load();
    let c = pack.checklist();
    let mut ids: BTreeSet<String> = c.items.iter().map(|i| i.id.clone()).collect();
    ids.extend(c.dimensions.iter().map(|d| d.rule.clone()));
    let mut texts = pack_texts(&pack, &manifest);
    texts.extend(page_texts());
    let mut offences = Vec::new();
    for s in &texts {
        for tok in id_tokens(&s.text) {
            if ids.contains(&tok) {
                offences.push(format!("{}: names `{tok}`\n    {}", s.at, s.text));
            }
        }
    }
    report("texts name an item id or a rule", &offences);
}

#[test]
fn questions_are_worded_for_their_answer_type() {
    let (pack, _) = load();
    let mut offences = Vec::new();
    for it in &pack.checklist().items {
        let q = &it.question.ja;
        match it.kind {
            // true is the mature answer: a yes/no question asked in the negative inverts it.
            AnswerType::YesNo => {
                for neg in ["していませんか", "ではありませんか", "なっていませんか", "っていませんか", "ませんか"] {
                    if q.contains(neg) {
                        offences.push(format!("{} {}: a yes/no question in the negative (「{neg}」)\n    {q}", it.dimension, it.id));
                        break;
                    }
                }
            }
            // A number, a choice of several, or a level is not a yes/no question.
            AnswerType::Number | AnswerType::Multi | AnswerType::Scenes | AnswerType::Level => {
                let asks = ["どれ", "どの", "何", "誰", "どこ", "いくつ", "どう", "選んで", "記入して", "入力して"];
                if !asks.iter().any(|w| q.contains(w)) {
                    offences.push(format!("{} {}: a {:?} item worded as a yes/no question\n    {q}", it.dimension, it.id, it.kind));
                }
            }
            _ => {}
        }
    }
    report("questions do not match their type", &offences);
}

#[test]
fn the_checker_finds_what_it_should() {
    assert!(program_items_to_ki("事業項目（ア）〜（キ）ごと"));
    assert!(program_items_to_ki("items (ア)–(キ)"));
    assert!(program_items_to_ki("ア～キの事業項目"));
    assert!(!program_items_to_ki("事業項目（ア）〜（ク）"));
    assert_eq!(id_tokens("see ct_role_division, and pd_cycle_level."), ["ct_role_division", "pd_cycle_level"]);
    assert!(id_tokens("e.g. a_b").contains(&"a_b".to_string()));
    let s = js_strings("const X = { a: ['協議会', \"x\\\"y\"], // '無視'\n b: `t` };");
    assert_eq!(s.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), ["協議会", "x\"y", "t"]);
    let h = html_text("<p>本文</p>\n<script>const a = '協議会';</script>\n<title>題</title>");
    assert_eq!(h.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), ["本文", "題"]);
}
