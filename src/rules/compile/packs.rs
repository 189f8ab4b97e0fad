//! Language packs compiled on first use.
//!
//! Input: each merged pack's file (or, for the embedded defaults, its
//! prebuilt form, read only when needed), and what every pack shares: the
//! kinds that measure time, the entities, the exclusion patterns of all
//! packs. Output: a [`Pack`] per code whose [`Language`] and lexicon of
//! entity names are built the first time a document of that language asks
//! for them: a run over Arabic documents never pays for the other six packs.
//! Invariant: what a pack compiles to does not depend on when, in which
//! thread, or after which other packs it is compiled; the units of every
//! pack are known at load, so a unit's index never moves.

use std::sync::{Arc, OnceLock};

use super::beside::beside;
use super::entities::names_lexicon;
use super::language::{Language, Unit, compile_language};
use super::pattern_set::PatternSet;
use crate::fxhash::FxHashSet;
use crate::lexicon::Lexicon;
use crate::normalize::normalize_phrase;
use crate::rules::files::{EntityDef, LanguageFile, LanguageMeta, Script};

use super::EntityRef;

/// Where a pack's whole file comes from.
#[derive(Debug, Clone)]
pub(crate) enum PackFile {
    /// Parsed (and merged with its extensions) at load.
    Parsed(Box<LanguageFile>),
    /// An embedded default pack, in its prebuilt form, parsed on first use;
    /// with its `[language]` table, read at load.
    Prebuilt {
        json: &'static str,
        meta: Box<LanguageMeta>,
    },
}

/// A language pack: what detection needs at once, the rest on first use.
#[derive(Debug, Clone)]
pub struct Pack {
    /// ISO 639-1 code (`"ar"`).
    pub code: String,
    /// The script a document must mostly be in for detection to pick this pack.
    pub script: Script,
    /// Frequent function words (normalised) that tell packs of one script apart.
    pub detect: FxHashSet<String>,
    /// The index in `RuleSet::units` of the pack's first unit.
    first_unit: usize,
    file: PackFile,
    compiled: OnceLock<Compiled>,
}

/// A pack once compiled: its lexicons, and the entity names its documents
/// are read with (registered in the same start index).
#[derive(Debug, Clone)]
pub(super) struct Compiled {
    pub language: Language,
    pub names: Lexicon<EntityRef>,
}

impl Pack {
    /// A pack whose `[language]` table and units are `head`'s; `first_unit`
    /// is where its units start in the rule set's list.
    pub(super) fn new(head: &LanguageFile, first_unit: usize, file: PackFile) -> Pack {
        Pack {
            code: head.language.code.clone(),
            script: head.language.script,
            detect: head
                .language
                .detect
                .iter()
                .map(|w| normalize_phrase(w))
                .collect(),
            first_unit,
            file,
            compiled: OnceLock::new(),
        }
    }
}

/// Where the entity names of each pack come from.
#[derive(Debug, Clone)]
pub(crate) enum Names {
    /// The entities switched on, merged, in `RuleSet::entities` order: a
    /// pack's names are compiled from them.
    Defs(Vec<EntityDef>),
    /// Each pack's names as the build script compiled them from the
    /// embedded entities, read in place (`compile/prepared.rs`), by code.
    Prepared(Vec<(String, Lexicon<EntityRef>)>),
}

impl Default for Names {
    fn default() -> Self {
        Names::Defs(Vec::new())
    }
}

impl Names {
    /// The names documents of language `code` are read with; `codes` are
    /// every pack's.
    fn lexicon(&self, code: &str, codes: &[String]) -> Lexicon<EntityRef> {
        match self {
            Names::Defs(defs) => names_lexicon(defs, code, codes),
            Names::Prepared(lexicons) => lexicons
                .iter()
                .find(|(own, _)| own == code)
                .map(|(_, lexicon)| lexicon.clone())
                .unwrap_or_default(),
        }
    }
}

/// What compiling any pack needs beyond its own file.
#[derive(Debug, Clone, Default)]
pub(super) struct Shared {
    /// The kinds that measure time.
    pub time_kinds: Vec<String>,
    /// Where each pack's entity names come from.
    pub names: Names,
    /// Every pack's code, in load order.
    pub codes: Vec<String>,
    /// Every pack's exclusion patterns, in load order: they apply to
    /// documents of every language.
    pub patterns: Vec<String>,
    /// Those patterns compiled, once, from load on (see [`compile_early`]).
    compiled_patterns: Arc<OnceLock<CompiledPatterns>>,
}

/// The exclusion patterns one by one (when they do not make a set) and as a set.
type CompiledPatterns = (Vec<regex::Regex>, Option<PatternSet>);

/// Starts compiling the exclusion patterns at load, on a thread of their
/// own: every document needs them, and on a one-line document they were the
/// longest part of compiling its pack, which now finds them done or waits
/// for them (a `OnceLock`). When no thread can be started, the first pack
/// compiles them, as before. The thread is not joined: it only fills `cell`.
fn compile_early(cell: &Arc<OnceLock<CompiledPatterns>>, patterns: &[String]) {
    let (cell, patterns) = (Arc::clone(cell), patterns.to_vec());
    // A thread that cannot start leaves the work to the first pack.
    let _detached = std::thread::Builder::new().spawn(move || {
        cell.get_or_init(|| exclusion_patterns(&patterns));
    });
}

impl Shared {
    pub fn new(
        time_kinds: Vec<String>,
        names: Names,
        codes: Vec<String>,
        patterns: Vec<String>,
    ) -> Shared {
        let compiled_patterns = Arc::new(OnceLock::new());
        compile_early(&compiled_patterns, &patterns);
        Shared {
            time_kinds,
            names,
            codes,
            patterns,
            compiled_patterns,
        }
    }

    /// The pack compiled, the first time it is asked for; `alongside` runs
    /// beside its compilation then (the place names of its language).
    pub fn compiled<'p>(&self, pack: &'p Pack, alongside: impl Fn() + Sync) -> &'p Compiled {
        pack.compiled.get_or_init(|| self.compile(pack, alongside))
    }

    /// Compiles a pack. Its lexicons, its entity names, the shared exclusion
    /// patterns and `alongside` are independent: on a machine with cores to
    /// spare, a one-line document waits for the longest, not for the sum.
    /// Plain scoped threads, not rayon's: a rayon worker waiting here could
    /// take up another document of this language and wait on this very pack.
    fn compile(&self, pack: &Pack, alongside: impl Fn() + Sync) -> Compiled {
        let names_of = || self.names.lexicon(&pack.code, &self.codes);
        let patterns_of = || {
            self.compiled_patterns
                .get_or_init(|| exclusion_patterns(&self.patterns));
        };
        let (mut language, mut names) = std::thread::scope(|scope| {
            let names = beside(scope, &names_of);
            let patterns = beside(scope, &patterns_of);
            let other = beside(scope, &alongside);
            let language = self.compile_language(pack);
            patterns.join();
            other.join();
            (language, names.join())
        });
        let (patterns, set) = self
            .compiled_patterns
            .get_or_init(|| exclusion_patterns(&self.patterns));
        language.exclude_patterns.clone_from(patterns);
        language.exclude_pattern_set.clone_from(set);
        // Names are looked up at every token of an opening and of each
        // sentence with a figure: in their pack's start index, they pass
        // over the tokens where no name starts.
        language.starts.register(&mut names);
        Compiled { language, names }
    }

    fn compile_language(&self, pack: &Pack) -> Language {
        let parsed;
        let file: &LanguageFile = match &pack.file {
            PackFile::Parsed(file) => file,
            PackFile::Prebuilt { json, meta } => {
                parsed = crate::rules::prebuilt::language(json, meta);
                &parsed
            }
        };
        let time_kinds: Vec<&str> = self.time_kinds.iter().map(String::as_str).collect();
        compile_language(file, &time_kinds, pack.first_unit)
    }
}

/// The exclusion patterns as one set, and one by one only when they do not
/// make a set. Page furniture ("#6TSHD") looks the same in every language:
/// every pack's patterns apply to documents of every language. The same
/// pattern given by several packs is compiled once: a set matches when any
/// of its patterns does.
fn exclusion_patterns(patterns: &[String]) -> CompiledPatterns {
    let mut distinct: Vec<&str> = Vec::new();
    for pattern in patterns {
        if !distinct.contains(&pattern.as_str()) {
            distinct.push(pattern);
        }
    }
    // A set of them all is what is used when every one compiles and
    // the set stays under the size limit: the common case, one compilation.
    if let Ok(set) = PatternSet::new(&distinct) {
        return (Vec::new(), Some(set));
    }
    let each: Vec<regex::Regex> = distinct
        .iter()
        .filter_map(|p| regex::Regex::new(p).ok())
        .collect();
    let each_text: Vec<&str> = each.iter().map(regex::Regex::as_str).collect();
    match PatternSet::new(&each_text) {
        Ok(set) => (Vec::new(), Some(set)),
        Err(_) => (each, None),
    }
}

/// The units of a pack, in the order its unit lexicon numbers them.
pub(super) fn units_of(file: &LanguageFile) -> impl Iterator<Item = Unit> + '_ {
    file.units.iter().map(|(name, unit)| Unit {
        name: name.clone(),
        kind: unit.kind.clone(),
        strict: unit.strict,
        before: unit.before,
        measure: unit.measure,
    })
}
