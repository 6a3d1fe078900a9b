//! What changes when the same answers are scored by two packs (two editions of a pack, or a
//! pack and its edited copy): items each edition has that the other has not, and per report
//! the overall result, each dimension and each finding that differ.

use crate::answers::Assessment;
use crate::pack::Pack;
use crate::report::Report;
use serde::{Deserialize, Serialize};

/// Items one edition has and the other has not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditionChanges {
    /// Item ids of the new edition that the old one did not have.
    pub added: Vec<String>,
    /// Item ids of the old edition that the new one does not have.
    pub removed: Vec<String>,
}

/// Compare two packs' checklists.
pub fn editions(old: &Pack, new: &Pack) -> EditionChanges {
    let ids = |p: &Pack| p.checklist().items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let (o, n) = (ids(old), ids(new));
    EditionChanges { added: n.iter().filter(|i| !o.contains(i)).cloned().collect(), removed: o.iter().filter(|i| !n.contains(i)).cloned().collect() }
}

/// The assessment as the given pack reads it: stamped with the pack, and without the answers to
/// items the pack does not have (their ids are returned).
pub fn for_pack(a: &Assessment, pack: &Pack) -> (Assessment, Vec<String>) {
    let mut out = a.clone();
    out.pack = pack.pack_ref();
    let dropped: Vec<String> = a.answers.keys().filter(|k| pack.checklist().item(k).is_none()).cloned().collect();
    for k in &dropped {
        out.answers.remove(k);
    }
    if !pack.info().sets.iter().any(|s| s.id == out.item_set) {
        if let Some(s) = pack.info().sets.iter().find(|s| s.default) {
            out.item_set = s.id.clone();
        }
    }
    (out, dropped)
}

/// One difference between two reports of the same answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "camelCase")]
pub enum Change {
    /// The overall level (or its top) changed.
    Overall { old: Option<u8>, new: Option<u8>, old_upper: Option<u8>, new_upper: Option<u8> },
    /// The development stage changed.
    Stage { old: Option<String>, new: Option<String> },
    /// A dimension's proven level or top changed (or it appeared or went away).
    Dimension { id: String, old: Option<u8>, new: Option<u8>, old_upper: Option<u8>, new_upper: Option<u8> },
    /// A finding is new.
    FindingAdded { id: String },
    /// A finding is gone.
    FindingRemoved { id: String },
}

/// What a report says, reduced to what two reports are compared on: the pack that scored it,
/// the overall level, its top and the stage, each dimension's level and top, and the findings'
/// ids. Its JSON is a subset of the report's own (same field names and nesting), so a report
/// reads as a summary, and an assessment file can keep the summary of the report it was saved
/// with (`scoredWith`) to compare against when it is opened under another edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub pack: SummaryPack,
    pub overall: SummaryOverall,
    pub dimensions: Vec<SummaryDimension>,
    pub findings: Vec<SummaryFinding>,
}

/// The pack a summarised report was scored with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryPack {
    pub id: String,
    pub edition: String,
    pub hash: String,
}

/// The overall result of a summarised report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryOverall {
    pub level: Option<u8>,
    pub upper: Option<u8>,
    pub stage: Option<SummaryId>,
}

/// One dimension of a summarised report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryDimension {
    pub id: String,
    pub level: Option<u8>,
    pub upper: Option<u8>,
}

/// A finding of a summarised report.
pub type SummaryFinding = SummaryId;

/// Something named by its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryId {
    pub id: String,
}

impl From<&Report> for Summary {
    fn from(r: &Report) -> Self {
        Summary {
            pack: SummaryPack { id: r.pack.id.clone(), edition: r.pack.edition.clone(), hash: r.pack.hash.clone() },
            overall: SummaryOverall {
                level: r.overall.level,
                upper: r.overall.upper,
                stage: r.overall.stage.as_ref().map(|s| SummaryId { id: s.id.clone() }),
            },
            dimensions: r.dimensions.iter().map(|d| SummaryDimension { id: d.id.clone(), level: d.level, upper: d.upper }).collect(),
            findings: r.findings.iter().map(|f| SummaryId { id: f.id.clone() }).collect(),
        }
    }
}

/// Every difference between two reports, overall first, then dimensions in the new report's
/// order (then any the new one lacks), then findings.
pub fn reports(old: &Report, new: &Report) -> Vec<Change> {
    summaries(&old.into(), &new.into())
}

/// Every difference between two summaries (see [`reports`]).
pub fn summaries(old: &Summary, new: &Summary) -> Vec<Change> {
    let mut out = Vec::new();
    let (o, n) = (&old.overall, &new.overall);
    if (o.level, o.upper) != (n.level, n.upper) {
        out.push(Change::Overall { old: o.level, new: n.level, old_upper: o.upper, new_upper: n.upper });
    }
    let stage = |r: &Summary| r.overall.stage.as_ref().map(|s| s.id.clone());
    if stage(old) != stage(new) {
        out.push(Change::Stage { old: stage(old), new: stage(new) });
    }
    let dim = |r: &Summary, id: &str| r.dimensions.iter().find(|d| d.id == id).map(|d| (d.level, d.upper)).unwrap_or((None, None));
    let mut ids: Vec<&str> = new.dimensions.iter().map(|d| d.id.as_str()).collect();
    ids.extend(old.dimensions.iter().map(|d| d.id.as_str()).filter(|id| !new.dimensions.iter().any(|d| d.id == *id)));
    for id in ids {
        let ((ol, ou), (nl, nu)) = (dim(old, id), dim(new, id));
        if (ol, ou) != (nl, nu) {
            out.push(Change::Dimension { id: id.to_owned(), old: ol, new: nl, old_upper: ou, new_upper: nu });
        }
    }
    let has = |r: &Summary, id: &str| r.findings.iter().any(|f| f.id == id);
    out.extend(new.findings.iter().filter(|f| !has(old, &f.id)).map(|f| Change::FindingAdded { id: f.id.clone() }));
    out.extend(old.findings.iter().filter(|f| !has(new, &f.id)).map(|f| Change::FindingRemoved { id: f.id.clone() }));
    out
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lv = |l: &Option<u8>, u: &Option<u8>| match (l, u) {
            (None, _) => "—".to_owned(),
            (Some(l), Some(u)) if u != l => format!("{l}..{u}"),
            (Some(l), _) => l.to_string(),
        };
        match self {
            Change::Overall { old, new, old_upper, new_upper } => write!(f, "overall {} → {}", lv(old, old_upper), lv(new, new_upper)),
            Change::Stage { old, new } => write!(f, "stage {} → {}", old.as_deref().unwrap_or("—"), new.as_deref().unwrap_or("—")),
            Change::Dimension { id, old, new, old_upper, new_upper } => write!(f, "{id} {} → {}", lv(old, old_upper), lv(new, new_upper)),
            Change::FindingAdded { id } => write!(f, "+ finding {id}"),
            Change::FindingRemoved { id } => write!(f, "- finding {id}"),
        }
    }
}
