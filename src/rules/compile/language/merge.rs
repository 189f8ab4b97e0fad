//! Merging a language pack's files: extensions in load order, then removals.
//!
//! Input: the language files in load order. Output: one merged
//! [`LanguageFile`] per code. A file with the code of an earlier one extends
//! it (lists are added to, tables add or replace entries, `[windows]` keys it
//! sets replace the earlier ones); its `[remove]` table takes entries out of
//! the merged pack. Invariant: removals apply once every extension is in, so
//! the order of the files changes what is added, never what is removed.

use indexmap::IndexMap;

use crate::rules::RuleFiles;
use crate::rules::files::LanguageFile;

/// Merges the language files of each code, in load order, and applies their
/// `[remove]` tables once every extension is in.
pub(in crate::rules::compile) fn merge_packs(files: &RuleFiles) -> IndexMap<String, LanguageFile> {
    let mut merged: IndexMap<String, LanguageFile> = IndexMap::new();
    let mut removals: Vec<(String, toml::Table)> = Vec::new();
    for (_, file) in &files.languages {
        if let Some(remove) = &file.remove {
            removals.push((file.language.code.clone(), remove.clone()));
        }
        match merged.get_mut(&file.language.code) {
            Some(base) => extend_language(base, file.clone()),
            None => {
                merged.insert(file.language.code.clone(), file.clone());
            }
        }
    }
    for (code, remove) in removals {
        if let Some(file) = merged.get_mut(&code) {
            *file = apply_removals(file, &remove);
        }
    }
    merged
}

/// Takes out of a merged pack what a `[remove]` table lists, by walking both
/// as JSON: a list under a list removes those items; a list under a table
/// removes those keys; a table descends.
fn apply_removals(file: &LanguageFile, remove: &toml::Table) -> LanguageFile {
    let (Ok(mut target), Ok(remove)) = (serde_json::to_value(file), serde_json::to_value(remove))
    else {
        return file.clone();
    };
    remove_from(&mut target, &remove);
    serde_json::from_value(target).unwrap_or_else(|_| file.clone())
}

fn remove_from(target: &mut serde_json::Value, remove: &serde_json::Value) {
    use serde_json::Value;
    match (target, remove) {
        (Value::Object(target), Value::Object(remove)) => {
            for (key, inner) in remove {
                if let Some(child) = target.get_mut(key) {
                    remove_from(child, inner);
                }
            }
        }
        (Value::Array(items), Value::Array(gone)) => items.retain(|item| !gone.contains(item)),
        (Value::Object(entries), Value::Array(gone)) => {
            entries.retain(|key, _| !gone.iter().any(|g| g.as_str() == Some(key.as_str())));
        }
        _ => {}
    }
}

/// Adds a user's language file to the default one with the same code.
fn extend_language(base: &mut LanguageFile, extra: LanguageFile) {
    base.language.detect.extend(extra.language.detect);
    base.language.proclitics.extend(extra.language.proclitics);
    let numbers = &mut base.numbers;
    numbers.words.extend(extra.numbers.words);
    numbers.scales.extend(extra.numbers.scales);
    numbers.joiners.extend(extra.numbers.joiners);
    numbers.vague.extend(extra.numbers.vague);
    numbers.unit_links.extend(extra.numbers.unit_links);
    numbers.fractions.extend(extra.numbers.fractions);
    numbers.denominators.extend(extra.numbers.denominators);
    numbers.ordinals.extend(extra.numbers.ordinals);
    numbers.ordinal_denominators |= extra.numbers.ordinal_denominators;
    numbers.articles.extend(extra.numbers.articles);
    numbers.indefinite.extend(extra.numbers.indefinite);
    numbers.negative.extend(extra.numbers.negative);
    numbers.decimal_words.extend(extra.numbers.decimal_words);
    numbers.fraction_links.extend(extra.numbers.fraction_links);
    numbers.percent.extend(extra.numbers.percent);
    numbers.percent_before.extend(extra.numbers.percent_before);
    numbers.not_numbers.extend(extra.numbers.not_numbers);
    numbers.ambiguous.extend(extra.numbers.ambiguous);
    numbers
        .compound_joiners
        .extend(extra.numbers.compound_joiners);
    numbers
        .denominator_suffixes
        .extend(extra.numbers.denominator_suffixes);
    numbers.units_before_tens |= extra.numbers.units_before_tens;
    let qualifiers = &mut base.qualifiers;
    qualifiers.about.extend(extra.qualifiers.about);
    qualifiers.at_least.extend(extra.qualifiers.at_least);
    qualifiers.at_most.extend(extra.qualifiers.at_most);
    qualifiers.about_after.extend(extra.qualifiers.about_after);
    qualifiers
        .at_least_after
        .extend(extra.qualifiers.at_least_after);
    qualifiers
        .at_most_after
        .extend(extra.qualifiers.at_most_after);
    qualifiers.estimate.extend(extra.qualifiers.estimate);
    base.range.extend(extra.range);
    base.attribution
        .source_follows
        .extend(extra.attribution.source_follows);
    base.attribution.verbs.extend(extra.attribution.verbs);
    base.attribution.relay.extend(extra.attribution.relay);
    base.attribution
        .auxiliaries
        .extend(extra.attribution.auxiliaries);
    base.attribution
        .split_verbs
        .extend(extra.attribution.split_verbs);
    base.attribution
        .complementizers
        .extend(extra.attribution.complementizers);
    base.attribution
        .head_titles
        .extend(extra.attribution.head_titles);
    base.attribution
        .location_markers
        .extend(extra.attribution.location_markers);
    base.attribution.anaphors.extend(extra.attribution.anaphors);
    base.attribution
        .addressee_verbs
        .extend(extra.attribution.addressee_verbs);
    base.attribution
        .same_source
        .extend(extra.attribution.same_source);
    base.attribution
        .clause_openers
        .extend(extra.attribution.clause_openers);
    base.attribution
        .name_links
        .extend(extra.attribution.name_links);
    base.modality.projection.extend(extra.modality.projection);
    base.modality.denial.extend(extra.modality.denial);
    base.part_of.extend(extra.part_of);
    base.part_of_after.extend(extra.part_of_after);
    base.part_of_counted.extend(extra.part_of_counted);
    base.increment.extend(extra.increment);
    base.increment_after.extend(extra.increment_after);
    base.kind_joiners.extend(extra.kind_joiners);
    base.causes.extend(extra.causes);
    base.places.all_named.extend(extra.places.all_named);
    base.places.agent_nouns.extend(extra.places.agent_nouns);
    base.places.agent_markers.extend(extra.places.agent_markers);
    base.places.name_nouns.extend(extra.places.name_nouns);
    base.places.nationwide.extend(extra.places.nationwide);
    base.places.home_country.extend(extra.places.home_country);
    base.places.region_nouns.extend(extra.places.region_nouns);
    base.places.near_markers.extend(extra.places.near_markers);
    for (site, nouns) in extra.places.sites {
        base.places.sites.entry(site).or_default().extend(nouns);
    }
    for (period, phrases) in extra.rates {
        base.rates.entry(period).or_default().extend(phrases);
    }
    for (grade, phrases) in extra.grades {
        base.grades.entry(grade).or_default().extend(phrases);
    }
    for (region, phrases) in extra.places.regions {
        base.places
            .regions
            .entry(region)
            .or_default()
            .extend(phrases);
    }
    for (kind, cues) in extra.kinds {
        base.kinds.entry(kind).or_default().extend(cues);
    }
    base.units.extend(extra.units);
    base.windows.overlay(&extra.windows);
    base.exclusions.before.extend(extra.exclusions.before);
    base.exclusions.after.extend(extra.exclusions.after);
    base.exclusions
        .near_before
        .extend(extra.exclusions.near_before);
    let dates = &mut base.dates;
    dates.yesterday.extend(extra.dates.yesterday);
    dates.today.extend(extra.dates.today);
    dates.published.extend(extra.dates.published);
    dates.since.extend(extra.dates.since);
    if !extra.dates.months.is_empty() {
        dates.months = extra.dates.months;
    }
    if !extra.dates.weekdays.is_empty() {
        dates.weekdays = extra.dates.weekdays;
    }
}
