//! The checklist as the engine and the form use it: dimensions and items, validated and indexed.

use super::model::{Advice, AnchorDef, AnswerType, OptionDef, SourceRef, YesNoLabels};
use crate::text::Text;
use serde::Serialize;
use rustc_hash::FxHashMap as HashMap;

/// A dimension with the ids of its items.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dimension {
    pub id: String,
    pub title: Text,
    /// Short title (falls back to the title).
    pub short: Text,
    pub marker: bool,
    pub weight: f64,
    pub rule: String,
    /// Dimensions that must be in place first (their findings come first).
    pub requires: Vec<String>,
    pub sources: Vec<SourceRef>,
    pub levels: Vec<AnchorDef>,
    pub items: Vec<String>,
    /// Checklist positions of `items`.
    #[serde(skip)]
    pub(crate) positions: Vec<usize>,
}

/// A checklist item, with defaults filled in.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    pub dimension: String,
    #[serde(rename = "type")]
    pub kind: AnswerType,
    pub question: Text,
    /// The next step as an action (the finding's title); `None`: the question is shown.
    pub action: Option<Text>,
    pub help: Option<Text>,
    /// When the item applies (see rules/README.md, "Applicability").
    pub applies_when: Option<super::model::Condition>,
    pub weight: f64,
    pub sets: Vec<String>,
    pub inferred: bool,
    pub inferred_note: Option<Text>,
    /// Shared with every finding that cites them (`Rc`: a report does not copy pack text).
    pub sources: std::rc::Rc<[SourceRef]>,
    /// Options of `single`/`multi`; the four scenes for `scenes`.
    pub options: Vec<OptionDef>,
    /// Five level labels for `level` items (the item's own or the pack's general scale).
    pub levels: Vec<AnchorDef>,
    pub labels: Option<YesNoLabels>,
    pub mature_count: Option<u32>,
    pub mature_includes: Vec<String>,
    pub unit: Option<Text>,
    pub mature_at: Option<f64>,
    pub integer: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub advice: std::rc::Rc<[Advice]>,
    /// Bit per item set the item is in (bit i = the manifest's i-th set).
    #[serde(skip)]
    pub(crate) set_mask: u64,
    /// `options`' ids, shared by every answer that names them (see `answers::OptionId`).
    #[serde(skip)]
    pub(crate) option_ids: std::rc::Rc<[crate::answers::OptionId]>,
}

impl Item {
    /// The shared id of option number `i` of this item.
    pub(crate) fn option_id_at(&self, i: usize) -> crate::answers::OptionId {
        match self.option_ids.get(i) {
            Some(id) => id.clone(),
            None => self.options[i].id.as_str().into(),
        }
    }

    /// The shared id of one of this item's options (a new one only for an option not in `options`).
    pub(crate) fn option_id(&self, o: &OptionDef) -> crate::answers::OptionId {
        match self.options.iter().position(|x| std::ptr::eq(x, o)) {
            Some(i) => self.option_ids[i].clone(),
            None => o.id.as_str().into(),
        }
    }

    /// Whether the item is in the set whose bit is given (see [`Checklist::set_bit`]).
    pub(crate) fn in_mask(&self, bit: u64) -> bool {
        self.set_mask & bit != 0
    }

    /// Whether the item is asked in the set.
    pub fn in_set(&self, set: &str) -> bool {
        self.sets.iter().any(|s| s == set)
    }
}

/// All dimensions and items of a pack, in display order, indexed by id.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    #[serde(skip)]
    item_index: HashMap<String, usize>,
    #[serde(skip)]
    dim_index: HashMap<String, usize>,
    /// The pack's scenes, in display order (the options of every `scenes` item).
    pub scenes: Vec<super::model::SceneDef>,
    #[serde(skip)]
    set_ids: Vec<String>,
}

impl Checklist {
    pub(crate) fn new(mut dimensions: Vec<Dimension>, mut items: Vec<Item>, set_ids: Vec<String>, scenes: Vec<super::model::SceneDef>) -> Self {
        let item_index: HashMap<String, usize> = items.iter().enumerate().map(|(i, it)| (it.id.clone(), i)).collect();
        let dim_index = dimensions.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        for d in &mut dimensions {
            d.positions = d.items.iter().filter_map(|id| item_index.get(id).copied()).collect();
        }
        for it in &mut items {
            it.set_mask = set_ids
                .iter()
                .enumerate()
                .filter(|(_, s)| it.sets.contains(s))
                .fold(0, |m, (i, _)| m | (1u64 << (i % 64)));
        }
        Checklist { dimensions, items, item_index, dim_index, scenes, set_ids }
    }

    /// The bit of an item set (0 for a set the pack does not declare).
    pub(crate) fn set_bit(&self, set: &str) -> u64 {
        self.set_ids.iter().position(|s| s == set).map_or(0, |i| 1u64 << (i % 64))
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_index.get(id).map(|&i| &self.items[i])
    }

    /// Position of the item in display order.
    pub fn item_position(&self, id: &str) -> Option<usize> {
        self.item_index.get(id).copied()
    }

    /// For each dimension, how many prerequisites stand before it (longest chain of `requires`).
    pub fn depths(&self) -> Vec<usize> {
        fn depth(c: &Checklist, i: usize, seen: &mut Vec<usize>) -> usize {
            if seen.contains(&i) {
                return 0; // a cycle is reported when the pack is compiled; never loop here
            }
            seen.push(i);
            let d = c.dimensions[i]
                .requires
                .iter()
                .filter_map(|r| c.dim_index.get(r))
                .map(|&j| depth(c, j, seen) + 1)
                .max()
                .unwrap_or(0);
            seen.pop();
            d
        }
        (0..self.dimensions.len()).map(|i| depth(self, i, &mut Vec::new())).collect()
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dim_index.get(id).map(|&i| &self.dimensions[i])
    }
}

impl Dimension {
    /// A dimension from its definition; its items are filled in as they are read. Without
    /// anchors of its own it uses the pack's general scale.
    pub(crate) fn from_def(d: super::model::DimensionDef, general: &[AnchorDef]) -> Dimension {
        Dimension {
            id: d.id,
            short: d.short.unwrap_or_else(|| d.title.clone()),
            title: d.title,
            marker: d.marker,
            weight: d.weight,
            rule: d.rule,
            requires: d.requires,
            sources: d.sources,
            levels: if d.levels.is_empty() { general.to_vec() } else { d.levels },
            items: Vec::new(),
            positions: Vec::new(),
        }
    }
}

impl Item {
    /// An item from its checked definition and the defaults filled in.
    pub(crate) fn from_def(
        it: super::model::ItemDef,
        dimension: &str,
        weight: f64,
        sets: Vec<String>,
        options: Vec<OptionDef>,
        levels: Vec<AnchorDef>,
    ) -> Item {
        Item {
            id: it.id,
            dimension: dimension.to_owned(),
            kind: it.kind,
            question: it.question,
            action: it.action,
            help: it.help,
            applies_when: it.applies_when,
            weight,
            sets,
            inferred: it.inferred,
            inferred_note: it.inferred_note,
            sources: it.sources.into(),
            levels,
            labels: it.labels,
            mature_count: it.mature_count,
            mature_includes: it.mature_includes,
            unit: it.unit,
            mature_at: it.mature_at,
            integer: it.integer,
            min: it.min,
            max: it.max,
            advice: it.advice.into(),
            set_mask: 0,
            option_ids: options.iter().map(|o| crate::answers::OptionId::from(o.id.as_str())).collect(),
            options,
        }
    }
}

impl super::Pack {
    /// The checklist: what a form needs to render.
    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }
}

/// The pack's scenes as the options of its `scenes` items.
pub(crate) fn scene_options(scenes: &[super::model::SceneDef]) -> Vec<OptionDef> {
    scenes
        .iter()
        .map(|s| OptionDef { id: s.id.clone(), ja: s.ja.clone(), en: s.en.clone(), points: None, aliases: Vec::new(), applies_when: None })
        .collect()
}
