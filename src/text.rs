//! Bilingual text: every string a person reads comes in Japanese and English.

use serde::{Deserialize, Serialize};

/// A text in Japanese (first) and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Build from two string slices.
    pub fn new(ja: &str, en: &str) -> Self {
        Text { ja: ja.to_owned(), en: en.to_owned() }
    }

    /// True when either language is blank.
    pub fn is_incomplete(&self) -> bool {
        self.ja.trim().is_empty() || self.en.trim().is_empty()
    }
}
