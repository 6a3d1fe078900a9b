//! Every problem code the engine can report, as one enum with stable string codes. Tools and
//! translations key on the string; rules/README.md lists them (a test checks the list).

use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $name:ident = $s:literal,)*) => {
        /// A stable problem code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $name,)*
        }

        impl Code {
            /// Every code, in the order documented.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The stable string, as JSON and the docs write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $s,)*
                }
            }

            /// What the code means, in one English line (the docs' table).
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$name => concat!($($doc),*),)*
                }
            }
        }
    };
}

codes! {
    // ---- pack problems
    /// A TOML file does not parse, or a field has the wrong type or name.
    Toml = "toml",
    /// A pack file cannot be read (not UTF-8, unreadable, outside the pack folder).
    Io = "io",
    /// The manifest names a file the pack does not have.
    MissingFile = "missing-file",
    /// A manifest field is wrong (empty id, bad version, bad engine requirement).
    Manifest = "manifest",
    /// The pack needs another engine version.
    EngineVersion = "engine-version",
    /// A level scale does not have exactly five entries.
    Levels = "levels",
    /// A title or question lacks its Japanese or English text.
    Text = "text",
    /// An item id is not lower case letters, digits and _.
    ItemId = "item-id",
    /// An id (item, dimension, option, scene, set) is used twice.
    DuplicateId = "duplicate-id",
    /// An item's definition is wrong (options, points, weight, sets, mature rules).
    Item = "item",
    /// A reference names an unknown item, dimension, option or basis.
    UnknownReference = "unknown-reference",
    /// The `requires` of dimensions form a cycle.
    RequiresCycle = "requires-cycle",
    /// A script does not parse.
    ScriptSyntax = "script-syntax",
    /// Two script files define the same function.
    DuplicateFunction = "duplicate-function",
    /// A rule function the pack needs is not defined (or has the wrong parameters).
    MissingRule = "missing-rule",
    // ---- answer problems
    /// The file is not a renkei assessment (not JSON, or the wrong shape).
    NotAnAssessment = "not-an-assessment",
    /// The assessment file's format version is not supported.
    SchemaVersion = "schema-version",
    /// The answers were given for another pack.
    PackMismatch = "pack-mismatch",
    /// The item set is not in the pack.
    UnknownSet = "unknown-set",
    /// The fiscal year is outside the pack's range.
    FiscalYear = "fiscal-year",
    /// An answer names an item the checklist does not have.
    UnknownItem = "unknown-item",
    /// An answer has the wrong JSON type for its item.
    WrongType = "wrong-type",
    /// A level answer is not a whole number 0–4.
    LevelOutOfRange = "level-out-of-range",
    /// A number answer is outside the item's range (or not whole where it must be).
    NumberOutOfRange = "number-out-of-range",
    /// A choice names an option the item does not have.
    UnknownOption = "unknown-option",
    /// A multiple choice names one option twice.
    DuplicateOption = "duplicate-option",
    /// "Not applicable" without a reason.
    MissingReason = "missing-reason",
    /// An answer object has an unknown field or a wrong status.
    BadEnvelope = "bad-envelope",
    /// A key is given twice in one object of the file.
    DuplicateKey = "duplicate-key",
    /// A date (createdAt, updatedAt) is not an RFC 3339 date-time.
    BadDate = "bad-date",
    // ---- both
    /// A file, a script or the whole pack is larger than the engine reads.
    TooLarge = "too-large",
    /// More problems were found than one error lists; this one counts the rest.
    MoreProblems = "more-problems",
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
