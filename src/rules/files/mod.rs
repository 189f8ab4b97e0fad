//! The shape of rule files as people write them.
//!
//! Every struct denies unknown keys so that a typo in a rule file is an error
//! with a position, not a rule that silently does nothing. Keys are the field
//! names in kebab-case (`running_total` is `running-total`); each field's doc
//! gives its key and default, and `docs/rules.md` is the reference for rule
//! authors. One module per file type: kinds files, language packs, entities
//! files; every type is re-exported here.

mod entities;
mod kinds;
mod language;

pub use entities::{Affiliation, EntitiesFile, EntityDef, EntityType};
pub use kinds::{DEFAULT_KIND, DEFAULT_NOUN, GroupSettings, KindDef, KindsFile, ReconcileSettings};
pub use language::{
    AttributionDef, DatesDef, ExclusionsDef, LanguageFile, LanguageMeta, ModalityDef, NumbersDef,
    PlacesDef, QualifiersDef, RangeDef, Script, UnitDef, WindowsDef,
};

/// The version of the rule-file format this build reads.
pub const FORMAT_VERSION: u32 = 1;

fn default_true() -> bool {
    true
}
