//! crosscheck: numeric claims from news articles, grouped and reconciled.
//!
//! The pipeline, one module per stage:
//! [`read`] (documents from disk) -> [`normalize`] (one spelling, offsets kept,
//! punctuation classed) -> [`figures`] (the [`numbers`] reader's numbers as
//! figures: ranges, qualifiers, roles; [`dates`] keeps dates out) -> [`claims`] (kind, subject, owner, attribution, modality,
//! as-of) -> [`group`] (claims about the same quantity) -> [`reconcile`]
//! (intervals, origins, consensus, contradictions) -> [`report`] (JSON and
//! Markdown). Tables of claims gathered elsewhere ([`table`]) skip extraction
//! and join at grouping; [`run`] routes each path to its reader by extension.
//! [`model`] is the data every stage shares. [`rules`] loads and validates the
//! TOML rule files that drive every stage; [`rule_tests`] runs the rule tests
//! (texts with the claims they must yield) through extraction.
//!
//! Only [`read`] (documents and tables) and [`rules`] (rule files and rule
//! tests) touch the file system, and [`stream`] its anonymous spill of
//! claims; the front ends, `main.rs` and [`eval`], read and write what they
//! are given.
//!
//! [`run`] drives the whole pipeline through reconciliation; [`extract`] stops
//! after grouping, for the front ends that only need claims (`claims`, [`eval`]);
//! [`read_numbers`] stops at the figures (`numbers`).
//! [`report`] and [`explain`] only read what a [`Run`] decided.

#![warn(missing_docs)]

pub mod claims;
pub mod dates;
pub mod decimal;
pub mod eval;
pub mod explain;
pub mod figures;
pub mod fuzzy;
pub mod fxhash;
pub mod group;
pub mod language;
pub mod letters;
pub mod lexicon;
pub mod mentions;
pub mod model;
pub mod normalize;
pub mod numbers;
pub mod places;
pub mod read;
pub mod reconcile;
pub mod report;
pub mod rule_tests;
pub mod rules;
pub mod shared_text;
pub mod stream;
pub mod table;
#[cfg(test)]
mod test_random;
#[cfg(test)]
mod test_text;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::PathBuf;

use indexmap::IndexMap;
use rayon::prelude::*;

use group::Group;
use model::{Claim, Denial, DocumentClaims};
use read::Skipped;
use reconcile::{QuantityRules, Reconciliation, Weights};
use rules::RuleSet;

/// What reading, extraction and grouping found, in a stable order.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// Documents read, in path order; their claims have moved to `claims`.
    pub documents: Vec<DocumentClaims>,
    /// Rows read from tables of claims (`.csv`, `.jsonl`).
    pub rows_read: usize,
    /// Files that could not be used and bad rows of tables, each with why.
    pub skipped: Vec<Skipped>,
    /// All claims, in document order, with `group` set.
    pub claims: Vec<Claim>,
    /// Denials that state no figure, with `group` set where one matches.
    pub denials: Vec<Denial>,
    /// The quantities, in order of first claim; members index `claims`.
    pub groups: Vec<Group>,
    /// The front matter `url` of each document that gives one, by document
    /// id, as written (reports link it only when it is http or https).
    pub urls: IndexMap<String, String>,
}

/// A finished run: what was extracted, and each group reconciled.
#[derive(Debug, Clone)]
pub struct Run {
    /// What was read, extracted and grouped.
    pub extraction: Extraction,
    /// One per group of `extraction.groups`, in the same order.
    pub quantities: Vec<Quantity>,
    /// True when origins were weighted by their reliability across quantities.
    pub reliability: bool,
}

/// One group reconciled, with the fact of its kind the report shows.
#[derive(Debug, Clone)]
pub struct Quantity {
    /// The group's kind only grows over time (see [`QuantityRules`]).
    pub running_total: bool,
    /// What the group's claims say together.
    pub reconciliation: Reconciliation,
}

/// How a run reconciles, beyond what the rules say.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Weigh origins by their reliability across quantities, even when the
    /// rules' `reliability` setting is off (`--reliability`).
    pub reliability: bool,
}

impl RunOptions {
    /// Whether origins are weighted by their reliability across quantities:
    /// asked for here or in the rules.
    pub fn weighs_origins(self, rules: &RuleSet) -> bool {
        self.reliability || rules.reconcile.reliability
    }
}

/// What a long run tells while it works. The front end draws it (a
/// progress bar when stderr is a terminal); the library only counts. Every
/// method may be called from several threads at once.
pub trait Progress: Sync {
    /// `total` files are about to be read and extracted.
    fn documents(&self, _total: usize) {}
    /// One more file is done: read and extracted, or skipped.
    fn document_done(&self) {}
    /// A stage over the whole run starts: "grouping", "reconciling".
    fn stage(&self, _name: &'static str) {}
    /// The extraction batches' claims are about to be joined into one list
    /// and grouped (`true`), or that is done (`false`). In between, what the
    /// run frees are large lists it does not make again (each batch's, once
    /// moved), where extraction before frees small blocks to take them again
    /// soon: a front end may have its allocator return freed memory at once
    /// for that while (`crosscheck report` does so again once extraction
    /// ends: each quantity's reconciliation frees its work whole).
    fn joining_claims(&self, _joining: bool) {}
}

/// Progress that nobody is shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// The whole pipeline: reads, extracts, groups, then reconciles every group.
pub fn run(inputs: &[PathBuf], rules: &RuleSet, options: RunOptions) -> Run {
    run_with_progress(inputs, rules, options, &Silent)
}

/// [`run`], telling `progress` how far it has gone.
pub fn run_with_progress(
    inputs: &[PathBuf],
    rules: &RuleSet,
    options: RunOptions,
    progress: &dyn Progress,
) -> Run {
    let extraction = extract_with_progress(inputs, rules, progress);
    progress.stage("reconciling");
    reconcile_groups(extraction, rules, options)
}

/// The extensions collected from folders: documents and tables of claims.
pub fn input_extensions() -> Vec<&'static str> {
    [read::DOCUMENT_EXTENSIONS, table::TABLE_EXTENSIONS].concat()
}

/// Reads, extracts and groups: the whole pipeline up to reconciliation.
///
/// Documents are processed in parallel; each document's text is dropped once
/// its claims are built, so memory grows with the claims kept, not the text read.
/// The result does not depend on the number of threads.
pub fn extract(inputs: &[PathBuf], rules: &RuleSet) -> Extraction {
    extract_with_progress(inputs, rules, &Silent)
}

/// [`extract`], telling `progress` how far it has gone.
pub fn extract_with_progress(
    inputs: &[PathBuf],
    rules: &RuleSet,
    progress: &dyn Progress,
) -> Extraction {
    // Documents and tables of claims are collected together, then routed by
    // extension: documents to extraction, tables straight to grouping.
    let extensions = input_extensions();
    let (all_inputs, mut skipped) = read::collect_inputs(inputs, &extensions);
    let (table_inputs, documents): (Vec<read::Input>, Vec<read::Input>) = all_inputs
        .into_iter()
        .partition(|i| table::is_table(&i.path));
    progress.documents(documents.len() + table_inputs.len());
    let tables = table::read_tables(&table_inputs, &rules.default_kind, &rules.limits);
    for _ in &table_inputs {
        progress.document_done();
    }
    skipped.extend(tables.skipped);
    let mut read = read_documents_in_batches(&documents, rules, progress);
    skipped.append(&mut read.skipped);
    progress.stage("grouping");
    progress.joining_claims(true);
    read.claims.push(tables.claims);
    let mut claims = join_in_order(read.claims);
    let groups = group::group_claims(&mut claims, rules);
    group::attach_denials(&groups, &mut read.denials, rules);
    progress.joining_claims(false);
    Extraction {
        documents: read.documents,
        rows_read: tables.rows,
        skipped,
        claims,
        denials: read.denials,
        groups,
        urls: read.urls,
    }
}

/// What the documents of a run gave, in path order.
struct DocumentsRead {
    documents: Vec<DocumentClaims>,
    /// The claims, a list per batch of documents.
    claims: Vec<Vec<Claim>>,
    denials: Vec<Denial>,
    skipped: Vec<Skipped>,
    urls: IndexMap<String, String>,
}

/// How many documents are extracted together at most: enough to keep every
/// thread busy.
const DOCUMENTS_A_BATCH: usize = 2048;

/// How many bytes of documents a thread is given a batch, at most (a
/// document larger than that is a batch of its own).
///
/// Why: a batch's claims are held twice while its documents' lists are
/// moved into the batch's one list, and the documents' lists, once freed,
/// stay with the allocator for the next batch to reuse. A batch of 2,048
/// documents was the whole of `report many-4MB`: its claims twice over were
/// 4 MB of its peak. A bound in bytes keeps a batch a small part of any run
/// whatever its documents' sizes.
const BYTES_A_THREAD_A_BATCH: u64 = 256 << 10;

/// The size a document of unknown size is counted at, in a batch.
const UNKNOWN_DOCUMENT_BYTES: u64 = 16 << 10;

/// `documents` in batches, in order: each up to [`DOCUMENTS_A_BATCH`]
/// documents and `bytes` bytes (by the sizes the walk found), and at least
/// one document.
fn batches_of(documents: &[read::Input], bytes: u64) -> impl Iterator<Item = &[read::Input]> {
    let mut rest = documents;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut total = 0u64;
        let mut count = 0;
        while count < rest.len().min(DOCUMENTS_A_BATCH) {
            total += rest[count].size.unwrap_or(UNKNOWN_DOCUMENT_BYTES);
            if count > 0 && total > bytes {
                break;
            }
            count += 1;
        }
        let (batch, after) = rest.split_at(count);
        rest = after;
        Some(batch)
    })
}

/// Extracts `documents` in parallel, a batch at a time, each batch's claims
/// moved into one list of its own as soon as it is done. The documents' own
/// lists, small and many, are freed batch by batch and their room reused
/// by the next, so that the claims are not held twice over (in every
/// document's list and in the run's) when the run's list is made.
fn read_documents_in_batches(
    documents: &[read::Input],
    rules: &RuleSet,
    progress: &dyn Progress,
) -> DocumentsRead {
    let mut read = DocumentsRead {
        documents: Vec::with_capacity(documents.len()),
        claims: Vec::new(),
        denials: Vec::new(),
        skipped: Vec::new(),
        urls: IndexMap::new(),
    };
    let bytes = BYTES_A_THREAD_A_BATCH * rayon::current_num_threads() as u64;
    let limits = &rules.limits;
    let mut batches = batches_of(documents, bytes);
    // Each batch's files are read while the batch before is extracted (see
    // `read::ReadAhead`).
    std::thread::scope(|scope| {
        let start = |batch: Option<&[read::Input]>| {
            batch.map(|batch| read::ReadAhead::start(scope, batch.to_vec(), limits, read_now))
        };
        let mut reading = start(batches.next());
        while let Some(current) = reading.take() {
            let (_, documents_read) = current.finish();
            reading = start(batches.next());
            let claims = extract_batch(documents_read, rules, progress, &mut read);
            read.claims.push(claims);
        }
    });
    read
}

/// Every file is read with its batch, however long (see [`read::ReadAhead::start`]).
fn read_now(_: &read::Input, _: &model::Limits) -> bool {
    false
}

/// Extracts one batch's documents in parallel; adds the documents, denials
/// and files skipped to `read`, and returns the batch's claims as one list.
fn extract_batch(
    documents_read: Vec<read::ReadResult>,
    rules: &RuleSet,
    progress: &dyn Progress,
    read: &mut DocumentsRead,
) -> Vec<Claim> {
    let results: Vec<Result<(DocumentClaims, Option<String>), Skipped>> = documents_read
        .into_par_iter()
        .flatten()
        .map(|document_read| {
            let result = document_read.map(|document| {
                let url = document.meta.url.clone();
                (claims::extract(&document, rules), url)
            });
            progress.document_done();
            result
        })
        .collect();
    let count = (results.iter().flatten())
        .map(|(document, _)| document.claims.len())
        .sum();
    let mut claims = Vec::with_capacity(count);
    for result in results {
        match result {
            Ok((mut document, url)) => {
                if let Some(url) = url {
                    read.urls.insert(document.id.clone(), url);
                }
                document.claim_count = document.claims.len();
                claims.append(&mut std::mem::take(&mut document.claims));
                read.denials.append(&mut document.denials);
                read.documents.push(document);
            }
            Err(skip) => read.skipped.push(skip),
        }
    }
    claims
}

/// The lists of `batches` as one list, in order, made at its final size
/// (each batch's list freed once moved); a lone list is not copied.
fn join_in_order(mut batches: Vec<Vec<Claim>>) -> Vec<Claim> {
    batches.retain(|batch| !batch.is_empty());
    if batches.len() <= 1 {
        return batches.pop().unwrap_or_default();
    }
    let mut all = Vec::with_capacity(batches.iter().map(Vec::len).sum());
    for batch in batches {
        all.extend(batch);
    }
    all
}

/// Every figure of the documents under `inputs`, as `crosscheck numbers`
/// lists them (see [`figures::list_figures`]), in path order, and the files
/// that could not be read.
pub fn read_numbers(
    inputs: &[PathBuf],
    rules: &RuleSet,
    all: bool,
) -> (Vec<model::FoundFigure>, Vec<Skipped>) {
    // Documents are read as `claims` reads them: the same ids, the same caps.
    let (documents, mut skipped) = read::collect_inputs(inputs, read::DOCUMENT_EXTENSIONS);
    let results: Vec<Result<Vec<model::FoundFigure>, Skipped>> = documents
        .par_iter()
        .map_init(read::Opener::default, |opener, input| {
            read::read_input_with(input, &rules.limits, opener)
                .map(|document| figures::list_figures(&document, rules, all))
        })
        .collect();
    let mut found = Vec::new();
    for result in results {
        match result {
            Ok(figures) => found.extend(figures),
            Err(skip) => skipped.push(skip),
        }
    }
    (found, skipped)
}

/// Reconciles every group of an extraction, in parallel; the quantities come
/// back in group order, so the result does not depend on the number of threads.
/// With reliability on (by the options or the rules), origins are first
/// weighted across all groups.
pub fn reconcile_groups(extraction: Extraction, rules: &RuleSet, options: RunOptions) -> Run {
    let mut quantities = Vec::with_capacity(extraction.groups.len());
    let reliability = reconcile_in_batches(
        &extraction,
        rules,
        options,
        |_, quantity| quantity,
        |batch| {
            quantities.extend(batch);
            Ok::<(), std::convert::Infallible>(())
        },
    )
    .unwrap_or_else(|never| match never {});
    Run {
        extraction,
        quantities,
        reliability,
    }
}

/// Groups are reconciled this many claims' worth at a time by
/// [`reconcile_in_batches`].
const BATCH_CLAIMS: usize = 32_768;

/// Reconciles the groups of an extraction a batch at a time, each batch in
/// parallel, turns each group and its quantity into what `map` makes of them
/// (in parallel too), and hands each batch's results to `each` in group
/// order; the batches do not depend on the number of threads. Returns whether
/// origins were weighted by their reliability (then weighed across all groups
/// first).
pub fn reconcile_in_batches<T: Send, E>(
    extraction: &Extraction,
    rules: &RuleSet,
    options: RunOptions,
    map: impl Fn(&Group, Quantity) -> T + Sync,
    each: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<bool, E> {
    let parts = RunParts {
        claims: &extraction.claims,
        groups: &extraction.groups,
        denials: &extraction.denials,
    };
    reconcile_parts_in_batches(parts, rules, options, map, each)
}

/// What reconciliation reads of an extraction: its claims (plain, or with
/// what a report adds to them), its groups, its denials.
#[derive(Clone, Copy)]
pub struct RunParts<'a, C> {
    /// All claims; groups' members index them.
    pub claims: &'a [C],
    /// The quantities, in order of first claim.
    pub groups: &'a [Group],
    /// Denials, with `group` set where one matches.
    pub denials: &'a [Denial],
}

/// [`reconcile_in_batches`] on the parts of an extraction, so that a report
/// can reconcile the claims it has already labelled.
pub fn reconcile_parts_in_batches<C: Borrow<Claim> + Sync, T: Send, E>(
    parts: RunParts<'_, C>,
    rules: &RuleSet,
    options: RunOptions,
    map: impl Fn(&Group, Quantity) -> T + Sync,
    mut each: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<bool, E> {
    let settings = &rules.reconcile;
    let reliability = options.weighs_origins(rules);
    let members_of = |group: &Group| -> Vec<&Claim> {
        group
            .members
            .iter()
            .map(|&i| parts.claims[i].borrow())
            .collect()
    };
    let weights: Option<Weights> = reliability.then(|| {
        let all: Vec<Vec<&Claim>> = parts.groups.iter().map(members_of).collect();
        reconcile::reliability_weights(&all, settings)
    });
    let mut denials_of: HashMap<&str, Vec<&Denial>> = HashMap::new();
    for denial in parts.denials {
        denials_of.entry(&denial.group).or_default().push(denial);
    }
    let groups = parts.groups;
    let mut start = 0;
    while start < groups.len() {
        let mut end = start;
        let mut claims = 0;
        while end < groups.len() && (end == start || claims < BATCH_CLAIMS) {
            claims += groups[end].members.len();
            end += 1;
        }
        let batch: Vec<T> = groups[start..end]
            .par_iter()
            .map(|group| {
                let running_total = rules.kind_is_running_total(&group.kind);
                let quantity_rules = QuantityRules {
                    settings,
                    running_total,
                };
                let denials = denials_of
                    .get(group.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let quantity = Quantity {
                    running_total,
                    reconciliation: reconcile::reconcile(
                        &members_of(group),
                        denials,
                        &quantity_rules,
                        weights.as_ref(),
                    ),
                };
                map(group, quantity)
            })
            .collect();
        each(batch)?;
        start = end;
    }
    Ok(reliability)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;

    fn claims(ids: &[&str]) -> Vec<Claim> {
        ids.iter()
            .map(|id| {
                Claim::from_figure(
                    id.to_string(),
                    "d",
                    [Some(1.0), None, None],
                    Qualifier::Exact,
                )
            })
            .collect()
    }

    /// The batches' claims come out as one list in their order, empty
    /// batches left out, a lone batch as it is.
    #[test]
    fn batches_join_in_order() {
        let ids = |list: &[Claim]| list.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        let batches = vec![
            claims(&["a#1", "a#2"]),
            Vec::new(),
            claims(&["b#1"]),
            claims(&["c#1"]),
        ];
        let list = join_in_order(batches);
        assert_eq!(ids(&list), ["a#1", "a#2", "b#1", "c#1"]);
        assert_eq!(list.capacity(), 4);
        let lone = vec![Vec::new(), claims(&["t#1", "t#2"])];
        assert_eq!(ids(&join_in_order(lone)), ["t#1", "t#2"]);
        assert!(join_in_order(Vec::new()).is_empty());
    }

    /// Batches keep the documents' order, each within its bytes (a larger
    /// document alone) and its count of documents.
    #[test]
    fn batches_are_bounded_by_bytes_and_documents() {
        let input = |size: Option<u64>| read::Input {
            path: PathBuf::from("d.txt"),
            id: String::from("d"),
            size,
        };
        let sizes = [
            Some(100),
            Some(300),
            Some(50),
            Some(1000),
            None,
            Some(10),
            Some(10),
        ];
        let documents: Vec<read::Input> = sizes.iter().map(|&size| input(size)).collect();
        let lengths: Vec<usize> = batches_of(&documents, 400).map(<[_]>::len).collect();
        // 100 + 300; 50 (with 1000 past 400); 1000 alone; the unknown
        // (counted at 16 KiB) alone; 10 + 10.
        assert_eq!(lengths, [2, 1, 1, 1, 2]);
        let many: Vec<read::Input> = (0..DOCUMENTS_A_BATCH + 1).map(|_| input(Some(0))).collect();
        let lengths: Vec<usize> = batches_of(&many, u64::MAX).map(<[_]>::len).collect();
        assert_eq!(lengths, [DOCUMENTS_A_BATCH, 1]);
        assert_eq!(batches_of(&[], 400).count(), 0);
    }
}
