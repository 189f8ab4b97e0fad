//! Registering a pack's lexicons in its [`StartIndex`].

use super::Language;
use crate::lexicon::StartIndex;

/// An index of the first words of every lexicon of `language`, each
/// lexicon given its bit. Call it once the pack is complete: a lexicon
/// changed afterwards leaves the index and looks tokens up on its own.
pub(super) fn index_phrase_starts(language: &mut Language) -> StartIndex {
    let mut index = StartIndex::new();
    index.register(&mut language.number_words);
    index.register(&mut language.scales);
    index.register(&mut language.joiners);
    index.register(&mut language.vague);
    index.register(&mut language.unit_links);
    index.register(&mut language.fractions);
    index.register(&mut language.denominators);
    index.register(&mut language.ordinals);
    index.register(&mut language.articles);
    index.register(&mut language.indefinite);
    index.register(&mut language.negative);
    index.register(&mut language.decimal_words);
    index.register(&mut language.fraction_links);
    index.register(&mut language.percent_after);
    index.register(&mut language.percent_before);
    index.register(&mut language.not_numbers);
    index.register(&mut language.ambiguous);
    index.register(&mut language.number_starts);
    index.register(&mut language.qualifiers_before);
    index.register(&mut language.qualifiers_after);
    index.register(&mut language.estimate);
    index.register(&mut language.source_follows);
    index.register(&mut language.relay);
    index.register(&mut language.auxiliaries);
    index.register(&mut language.head_titles);
    index.register(&mut language.reporting_verbs);
    index.register(&mut language.location_markers);
    index.register(&mut language.addressee_verbs);
    index.register(&mut language.same_source);
    index.register(&mut language.clause_openers);
    index.register(&mut language.name_links);
    index.register(&mut language.projection);
    index.register(&mut language.denial);
    index.register(&mut language.part_of);
    index.register(&mut language.part_of_after);
    index.register(&mut language.part_of_counted);
    index.register(&mut language.increment);
    index.register(&mut language.increment_after);
    index.register(&mut language.kind_joiners);
    index.register(&mut language.causes);
    index.register(&mut language.all_named);
    index.register(&mut language.regions);
    index.register(&mut language.agent_nouns);
    index.register(&mut language.agent_markers);
    index.register(&mut language.name_nouns);
    index.register(&mut language.nationwide);
    index.register(&mut language.home_country);
    index.register(&mut language.region_nouns);
    index.register(&mut language.sites);
    index.register(&mut language.rates);
    index.register(&mut language.grades);
    index.register(&mut language.months);
    index.register(&mut language.persian_months);
    index.register(&mut language.weekdays);
    index.register(&mut language.yesterday);
    index.register(&mut language.today);
    index.register(&mut language.published);
    index.register(&mut language.since);
    index.register(&mut language.kind_cues);
    index.register(&mut language.units);
    index.register(&mut language.exclude_before);
    index.register(&mut language.exclude_after);
    index.register(&mut language.exclude_near_before);
    for range in &mut language.ranges {
        if let Some(open) = &mut range.open {
            index.register(open);
        }
        index.register(&mut range.join);
    }
    index
}
