//! Where each `fn name` stands in a rhai script, in one pass over the text (a scan per function
//! made a script of thousands of small functions slow to compile): the first definition of each
//! name, at its line and column (from 1). Used by src/pack/scripts.rs, and by build.rs for the
//! page's engine, which embeds these places instead of the scripts (src/score/fast/image.rs).

use std::collections::HashMap;

pub(crate) fn definitions(text: &str) -> HashMap<String, (usize, usize)> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = HashMap::new();
    for (l, line) in text.split('\n').enumerate() {
        let mut prev: Option<char> = None;
        for (col, (i, c)) in line.char_indices().enumerate() {
            if c == 'f' && !prev.is_some_and(word) && line[i..].starts_with("fn ") {
                let rest = line[i + 3..].trim_start();
                let name: String = rest.chars().take_while(|&c| word(c)).collect();
                if !name.is_empty() {
                    out.entry(name).or_insert((l + 1, col + 1));
                }
            }
            prev = Some(c);
        }
    }
    out
}
