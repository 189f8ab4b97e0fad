//! Entity mentions: who and what a sentence names, in canonical English.
//!
//! Input: the tokens of one sentence and the entity lexicon. Output: compound
//! [`Mention`]s. Adjacent names are read together, so "مسؤولو المخابرات الكورية
//! الجنوبية" (institution + institution + adjective) becomes one mention named
//! "South Korean intelligence officials", and "المسؤولين الكوريين الجنوبيين
//! والأوكرانيين" becomes "South Korean and Ukrainian officials".

use std::ops::ControlFlow;

use crate::lexicon::{Lexicon, TokenView};
use crate::model::Owner;
use crate::normalize::Punct;
use crate::rules::files::{EntityType, Script};
use crate::rules::{EntityRef, Language, RuleSet};
use memo::{NameMemo, remembered};

mod memo;

/// One or more adjacent entity names read as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The first token of the mention, in the document's token list.
    pub start: usize,
    /// The token after its last.
    pub end: usize,
    /// The entities named, in text order: "South Korean intelligence" is a
    /// country's adjective and an institution. Most mentions name one or
    /// two, kept inline (mentions are found and copied for every figure).
    pub parts: smallvec::SmallVec<[EntityRef; 2]>,
    /// A preposition of place comes right before it ("to Russia").
    pub is_location: bool,
}

impl Mention {
    /// The canonical name: adjectives, then institutions; or the names themselves.
    pub fn canonical(&self, rules: &RuleSet) -> String {
        // Lists of a few names each, on the stack: one string a mention.
        let mut adjectives = Names::new();
        let mut institutions = Names::new();
        let mut names = Names::new();
        let mut bodies = Names::new();
        for part in &self.parts {
            let entity = &rules.entities[part.index];
            match entity.entity_type {
                EntityType::Institution => push_unique(&mut institutions, entity.name.as_str()),
                EntityType::Country | EntityType::Group => {
                    let adjective = entity.demonym.as_deref().unwrap_or(&entity.name);
                    push_unique(&mut adjectives, adjective);
                    if !part.as_demonym {
                        push_unique(&mut names, entity.name.as_str());
                    }
                }
                EntityType::Person | EntityType::Organisation | EntityType::Outlet => {
                    push_unique(&mut names, entity.name.as_str());
                    push_unique(&mut bodies, entity.name.as_str());
                }
            }
        }
        // The generic "officials" reads last: "intelligence officials".
        institutions.sort_by_key(|name| *name == "officials");
        let has_person = !bodies.is_empty();
        if !institutions.is_empty() && !has_person {
            let mut name = String::new();
            if !adjectives.is_empty() {
                push_joined_and(&mut name, &adjectives);
                name.push(' ');
            }
            for (index, institution) in institutions.iter().enumerate() {
                if index > 0 {
                    name.push(' ');
                }
                name.push_str(institution);
            }
            return name;
        }
        // "الحكومة الوطنية الموازية في ميانمار": a named body's country only
        // says where it is; the body is the name.
        if has_person {
            return join_and(&bodies);
        }
        if !names.is_empty() {
            return join_and(&names);
        }
        join_and(&adjectives)
    }

    /// The countries or groups this mention names, as an owner; several
    /// ("Turkey and Syria") make one owner, whatever their order.
    pub fn country(&self, rules: &RuleSet) -> Option<Owner> {
        // `country_names` without the vectors: most mentions name no country.
        if !self.names_a_country(rules) {
            return None;
        }
        // Straight into the owner: no list of names first.
        let owner = Owner::of_countries(self.country_names_iter(rules));
        (!owner.countries().is_empty()).then_some(owner)
    }

    /// True when the mention names a country or group: when
    /// [`Mention::country`] is some, without making the owner.
    pub fn names_a_country(&self, rules: &RuleSet) -> bool {
        let names_country = self
            .parts
            .iter()
            .any(|p| rules.entities[p.index].entity_type == EntityType::Country);
        names_country
            || self
                .parts
                .iter()
                .any(|p| rules.entities[p.index].entity_type == EntityType::Group)
    }

    /// Each country or group this mention names, in text order. Beside a
    /// country a bloc's adjective is a compass word ("Sudan's western
    /// region"), not the bloc.
    pub fn country_names<'r>(&self, rules: &'r RuleSet) -> Vec<&'r str> {
        self.country_names_iter(rules).collect()
    }

    /// [`Mention::country_names`], one by one: for asking after a name
    /// without collecting them.
    fn country_names_iter<'r>(&self, rules: &'r RuleSet) -> impl Iterator<Item = &'r str> {
        let names_country = self
            .parts
            .iter()
            .any(|p| rules.entities[p.index].entity_type == EntityType::Country);
        self.parts
            .iter()
            .filter(move |p| {
                let entity = &rules.entities[p.index];
                match entity.entity_type {
                    EntityType::Country => true,
                    EntityType::Group => !(names_country && p.as_demonym),
                    _ => false,
                }
            })
            .map(|p| rules.entities[p.index].name.as_str())
    }

    /// True when `country` is among the countries this mention names (as
    /// [`Mention::country`] has them), without making the owner.
    pub fn names_country(&self, rules: &RuleSet, country: &str) -> bool {
        self.country_names_iter(rules).any(|name| name == country)
    }

    /// The country's adjective ("North Korean"), if the mention names a country.
    pub fn adjective(&self, rules: &RuleSet) -> Option<String> {
        self.parts
            .iter()
            .map(|p| &rules.entities[p.index])
            .find(|e| matches!(e.entity_type, EntityType::Country | EntityType::Group))
            .map(|e| e.demonym.clone().unwrap_or_else(|| e.name.clone()))
    }

    /// Only adjectives ("Turkish", "الكورية الجنوبية"): a description, not a name.
    pub fn is_bare_adjective(&self, rules: &RuleSet) -> bool {
        self.parts.iter().all(|p| {
            p.as_demonym
                && matches!(
                    rules.entities[p.index].entity_type,
                    EntityType::Country | EntityType::Group
                )
        })
    }

    /// Only a bloc's adjective ("Western", "غربي"): for a place, a compass
    /// word as often as the bloc.
    pub fn is_bloc_adjective(&self, rules: &RuleSet) -> bool {
        self.parts
            .iter()
            .all(|p| p.as_demonym && rules.entities[p.index].entity_type == EntityType::Group)
    }

    /// The country it names, or, for a body of one country ("the Myanmar
    /// junta", "Sudan Doctors Network"), the country it belongs to.
    pub fn home_country(&self, rules: &RuleSet) -> Option<Owner> {
        self.country(rules).or_else(|| {
            let homes: Vec<&str> = self
                .parts
                .iter()
                .filter_map(|p| rules.entities[p.index].country.as_deref())
                .collect();
            (!homes.is_empty()).then(|| Owner::of_countries(homes))
        })
    }

    /// Only kinds of body ("the health ministry", "المتحدث باسم الحكومة"):
    /// a national body whose country the text leaves to context.
    pub fn is_bare_institution(&self, rules: &RuleSet) -> bool {
        self.parts
            .iter()
            .all(|p| rules.entities[p.index].entity_type == EntityType::Institution)
    }

    /// Only countries named as such ("Turkey", not "Turkish officials").
    pub fn is_bare_country(&self, rules: &RuleSet) -> bool {
        self.parts
            .iter()
            .all(|p| !p.as_demonym && rules.entities[p.index].entity_type == EntityType::Country)
    }

    /// True when the mention names an outlet or a body that relays others'
    /// figures ("state media"): a source beside it ranks before it.
    pub fn relays(&self, rules: &RuleSet) -> bool {
        self.parts.iter().any(|p| {
            let entity = &rules.entities[p.index];
            entity.relays || entity.entity_type == EntityType::Outlet
        })
    }

    /// True when any part is an entity of type `wanted`.
    pub fn has_type(&self, rules: &RuleSet, wanted: EntityType) -> bool {
        self.parts
            .iter()
            .any(|p| rules.entities[p.index].entity_type == wanted)
    }
}

/// An entity name found in the text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    first_proclitic: usize,
    value: EntityRef,
}

/// The fewest characters of a word read as a misspelt name.
const MIN_CHARS: usize = 5;

/// The word at `at`, if no alias matched it, spelled almost like a person's name.
fn fuzzy_person_hit(view: &TokenView, rules: &RuleSet, at: usize) -> Option<Hit> {
    const MIN_SIMILARITY: f64 = 0.9;
    // The best match over every form and name; the last of equals.
    let mut best: Option<(f64, usize, EntityRef)> = None;
    for (form, stripped) in view.forms(at) {
        if !has_chars(form, MIN_CHARS) {
            continue;
        }
        // The last of the most similar of each form, and of the forms.
        if let Some((similarity, entity)) = rules.person_words.most_similar(form, MIN_SIMILARITY)
            && best.is_none_or(|(b, _, _)| similarity.total_cmp(&b).is_ge())
        {
            best = Some((similarity, stripped, *entity));
        }
    }
    best.map(|(_, stripped, value)| Hit {
        start: at,
        end: at + 1,
        first_proclitic: stripped,
        value,
    })
}

/// True when `word` has at least `count` characters, read only as far as
/// the last of them (counting every byte of every form was a quarter of
/// asking for a misspelt name). Fewer bytes are fewer characters too.
fn has_chars(word: &str, count: usize) -> bool {
    word.len() >= count && (count == 0 || word.chars().nth(count - 1).is_some())
}

/// The longest alias starting at token `at`, as remembered in `memo`.
/// Inlined: it is asked of every token read for names, and as a call it
/// added 0.6% to the instructions of `claims`.
#[inline(always)]
fn exact_hit_at(
    memo: &mut memo::DenseHits,
    view: &TokenView,
    lexicon: &Lexicon<EntityRef>,
    at: usize,
) -> Option<Hit> {
    // Most tokens start no name: the memo is not asked about them.
    if lexicon.is_empty() || !lexicon.may_start_at(view, at) {
        return None;
    }
    remembered(memo, at, || {
        lexicon.longest_at(view, at).map(|m| Hit {
            start: m.start,
            end: m.end,
            first_proclitic: m.first_proclitic,
            value: *m.value,
        })
    })
}

/// The person's name the word at `at`, which no alias covers, is spelled
/// almost like, as remembered in `memo`. Inlined: it is asked of every
/// token outside an alias, and most (numbers, marks, words in lower case)
/// are turned away by the first test, which as a call cost more than the
/// test.
#[inline(always)]
fn fuzzy_hit_at(
    (memo, form_growth): (&mut memo::DenseHits, usize),
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    at: usize,
) -> Option<Hit> {
    // "guerre" is no misspelt "Guterres": where the script has capitals, a
    // name is written with one.
    let lower_case =
        language.script != Script::Arabic && !view.initial_capital.get(at).copied().unwrap_or(true);
    let token = &view.tokens[at];
    // "The", "في": a word whose every form has fewer bytes than a name has
    // characters is none (a third of the words asked).
    let short = token.end - token.start + form_growth < MIN_CHARS;
    if lower_case || token.kind != crate::normalize::TokenKind::Word || short {
        return None;
    }
    remembered_fuzzy_hit(memo, view, rules, at)
}

/// [`fuzzy_hit_at`] past its first test.
#[inline(never)]
fn remembered_fuzzy_hit(
    memo: &mut memo::DenseHits,
    view: &TokenView,
    rules: &RuleSet,
    at: usize,
) -> Option<Hit> {
    remembered(memo, at, || fuzzy_person_hit(view, rules, at))
}

/// The known names in tokens `from..to` (no misspelt person's names), left
/// to right, longest first: what `find_all` on the language's names gives,
/// each token looked up once with the view. Each is its first and past-last
/// token and the entity.
pub fn known_names(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    from: usize,
    to: usize,
) -> Vec<(usize, usize, EntityRef)> {
    view.memo(|memo: &mut NameMemo| {
        exact_hits(memo, view, language, rules, from, to)
            .into_iter()
            .map(|hit| (hit.start, hit.end, hit.value))
            .collect()
    })
}

/// The aliases in tokens `from..to`, left to right, longest first.
fn exact_hits(
    memo: &mut NameMemo,
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    from: usize,
    to: usize,
) -> Vec<Hit> {
    memo.ready_for(language, rules);
    memo.forget_behind(from);
    let lexicon = rules.names_for(&language.code);
    let end = to.min(view.len());
    memo.exact.cover(end, view.len());
    let mut hits: Vec<Hit> = Vec::new();
    let mut at = from;
    while !lexicon.is_empty() && at < end {
        match exact_hit_at(&mut memo.exact, view, lexicon, at) {
            Some(hit) if hit.end <= to => {
                at = hit.end;
                hits.push(hit);
            }
            _ => at += 1,
        }
    }
    hits
}

/// Names a mention's parts give, in text order, each once.
type Names<'a> = smallvec::SmallVec<[&'a str; 4]>;

fn push_unique<'a>(list: &mut Names<'a>, item: &'a str) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    let mut joined = String::new();
    push_joined_and(&mut joined, items);
    joined
}

fn push_joined_and(out: &mut String, items: &[&str]) {
    let Some((last, init)) = items.split_last() else {
        return;
    };
    for (index, item) in init.iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    if !init.is_empty() {
        out.push_str(" and ");
    }
    out.push_str(last);
}

/// Finds the entity mentions in tokens `from..to`, joining adjacent names.
pub fn find_mentions(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    from: usize,
    to: usize,
) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    // Nothing breaks the walk: every mention is kept.
    let _ = walk_mentions(view, language, rules, (from, to), |mention| {
        mentions.push(mention);
        ControlFlow::<()>::Continue(())
    });
    mentions
}

/// The first answer `wanted` gives for the mentions of tokens `from..to`,
/// taken in text order, each as [`find_mentions`] finds it: the names are
/// looked up only as far as that mention's end and the next name, so
/// asking for the first country of an article's opening does not read the
/// whole opening.
pub fn first_mention_where<R>(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    (from, to): (usize, usize),
    mut wanted: impl FnMut(&Mention) -> Option<R>,
) -> Option<R> {
    let found = walk_mentions(view, language, rules, (from, to), |mention| {
        match wanted(&mention) {
            Some(answer) => ControlFlow::Break(answer),
            None => ControlFlow::Continue(()),
        }
    });
    match found {
        ControlFlow::Break(answer) => Some(answer),
        ControlFlow::Continue(()) => None,
    }
}

/// Gives `each` the mentions of tokens `from..to` in text order, until it
/// breaks. The names come left to right: at each token the longest alias
/// starting there (ending by `to`), else a word spelled almost like a
/// person's name; a token inside an alias is not asked about. Each name
/// joins the mention before it or starts the next (see [`Joiner`]).
fn walk_mentions<R>(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    (from, to): (usize, usize),
    mut each: impl FnMut(Mention) -> ControlFlow<R>,
) -> ControlFlow<R> {
    view.memo(|memo: &mut NameMemo| {
        memo.ready_for(language, rules);
        memo.forget_behind(from);
        let lexicon = rules.names_for(&language.code);
        let end = to.min(view.len());
        memo.exact.cover(end, view.len());
        memo.fuzzy.cover(end, view.len());
        let mut joiner = Joiner::new(view, language, rules, from);
        let mut at = from;
        while at < end {
            let hit = match exact_hit_at(&mut memo.exact, view, lexicon, at) {
                Some(hit) if hit.end <= to => {
                    at = hit.end;
                    Some(hit)
                }
                _ => {
                    let fuzzy = fuzzy_hit_at(
                        (&mut memo.fuzzy, memo.form_growth),
                        view,
                        language,
                        rules,
                        at,
                    );
                    at += 1;
                    fuzzy
                }
            };
            if let Some(hit) = hit
                && let Some(done) = joiner.push(&hit)
            {
                each(done)?;
            }
        }
        match joiner.finish() {
            Some(last) => each(last),
            None => ControlFlow::Continue(()),
        }
    })
}

/// Builds mentions from name hits taken in text order: a hit joins the
/// mention before it or starts the next one.
struct Joiner<'v, 'a> {
    view: &'v TokenView<'a>,
    language: &'v Language,
    rules: &'v RuleSet,
    /// The first token of the stretch read (a name there has no marker
    /// of place before it within the stretch).
    from: usize,
    /// The mention the next hit may join.
    last: Option<Mention>,
}

impl<'v, 'a> Joiner<'v, 'a> {
    fn new(
        view: &'v TokenView<'a>,
        language: &'v Language,
        rules: &'v RuleSet,
        from: usize,
    ) -> Self {
        Joiner {
            view,
            language,
            rules,
            from,
            last: None,
        }
    }

    /// Takes the next hit; returns the mention before it once the hit
    /// starts a new one.
    fn push(&mut self, hit: &Hit) -> Option<Mention> {
        let (view, language, rules) = (self.view, self.language, self.rules);
        let joins_previous = self.last.as_ref().is_some_and(|last| {
            let gap = &view.tokens[last.end..hit.start];
            // "in Israel, PM's office says": a place and the name after its
            // comma are two phrases.
            let comma_after_place = last.is_location && gap.iter().any(|t| t.is_punct());
            // "جنگ اسرائیل و جمهوری اسلامی، سخنگوی پلیس ایران": a country
            // named by its name closes its phrase at a comma; adjectives
            // listed with commas ("South Korean, Ukrainian officials") go on.
            let comma_after_country_name = gap.iter().any(|t| t.punct() == Some(Punct::Comma))
                && last.parts.last().is_some_and(|part| {
                    rules.entities[part.index].entity_type == EntityType::Country
                        && !part.as_demonym
                });
            gap.is_empty()
                || gap.len() == 1
                    && is_joining_word(view, language, last.end)
                    && !comma_after_place
                    && !comma_after_country_name
                || hit.first_proclitic > 0 && gap.is_empty()
        });
        let new_kind = rules.entities[hit.value.index].entity_type;
        // "اتهمت شبكة أطباء السودان قوات الدعم السريع": two bodies side by
        // side with no "and" between are the accuser and the accused.
        let two_bodies_side_by_side = new_kind == EntityType::Organisation
            && self.last.as_ref().is_some_and(|last| {
                last.end == hit.start
                    && last
                        .parts
                        .iter()
                        .any(|p| rules.entities[p.index].entity_type == EntityType::Organisation)
            });
        let joinable = joins_previous
            && !two_bodies_side_by_side
            && self
                .last
                .as_ref()
                .is_some_and(|last| compatible(rules, last, new_kind, hit.value));
        if joinable && let Some(last) = self.last.as_mut() {
            last.end = hit.end;
            last.parts.push(hit.value);
            return None;
        }
        let is_location = hit.start > self.from
            && language
                .location_markers
                .ending_at(view, hit.start)
                .is_some();
        self.last.replace(Mention {
            start: hit.start,
            end: hit.end,
            parts: smallvec::smallvec![hit.value],
            is_location,
        })
    }

    /// The last mention.
    fn finish(self) -> Option<Mention> {
        self.last
    }
}

/// Words that may stand between two parts of one name: "officials in South Korea",
/// "South Korean and Ukrainian officials": a comma, the language's joiners
/// ("and", "و", "и") and its name links ("in", "في").
fn is_joining_word(view: &TokenView, language: &Language, at: usize) -> bool {
    matches!(
        view.tokens[at].punct(),
        Some(Punct::Comma | Punct::Apostrophe)
    ) || language
        .joiners
        .longest_at(view, at)
        .is_some_and(|hit| hit.end == at + 1)
        || language
            .name_links
            .longest_at(view, at)
            .is_some_and(|hit| hit.end == at + 1)
}

/// People and outlets do not merge with each other; institutions, countries and adjectives do.
fn compatible(rules: &RuleSet, last: &Mention, new_kind: EntityType, new: EntityRef) -> bool {
    let solitary = |kind: EntityType| matches!(kind, EntityType::Person | EntityType::Outlet);
    if solitary(new_kind)
        || last
            .parts
            .iter()
            .any(|p| solitary(rules.entities[p.index].entity_type))
    {
        return false;
    }
    !last.parts.contains(&new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_text::{StartIndex, with_view};

    fn names(text: &str, code: &str) -> Vec<String> {
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language(code).unwrap();
        with_view(text, language, StartIndex::Left, |view| {
            find_mentions(view, language, rules, 0, view.len())
                .iter()
                .map(|m| m.canonical(rules))
                .collect()
        })
    }

    /// The canonical name as it was first written, with vectors and
    /// `format!`: what [`Mention::canonical`] must still give.
    fn canonical_with_vectors(mention: &Mention, rules: &RuleSet) -> String {
        fn unique<'a>(list: &mut Vec<&'a str>, item: &'a str) {
            if !list.contains(&item) {
                list.push(item);
            }
        }
        fn and(items: &[&str]) -> String {
            match items {
                [] => String::new(),
                [one] => (*one).to_string(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
            }
        }
        let body = |kind: EntityType| {
            matches!(
                kind,
                EntityType::Person | EntityType::Organisation | EntityType::Outlet
            )
        };
        let (mut adjectives, mut institutions, mut names) = (Vec::new(), Vec::new(), Vec::new());
        for part in &mention.parts {
            let entity = &rules.entities[part.index];
            match entity.entity_type {
                EntityType::Institution => unique(&mut institutions, entity.name.as_str()),
                EntityType::Country | EntityType::Group => {
                    unique(
                        &mut adjectives,
                        entity.demonym.as_deref().unwrap_or(&entity.name),
                    );
                    if !part.as_demonym {
                        unique(&mut names, entity.name.as_str());
                    }
                }
                _ => unique(&mut names, entity.name.as_str()),
            }
        }
        institutions.sort_by_key(|name| *name == "officials");
        let has_person = mention
            .parts
            .iter()
            .any(|p| body(rules.entities[p.index].entity_type));
        if !institutions.is_empty() && !has_person {
            let mut name = String::new();
            if !adjectives.is_empty() {
                name.push_str(&and(&adjectives));
                name.push(' ');
            }
            name.push_str(&institutions.join(" "));
            return name;
        }
        if has_person {
            let mut bodies = Vec::new();
            for part in &mention.parts {
                let entity = &rules.entities[part.index];
                if body(entity.entity_type) {
                    unique(&mut bodies, entity.name.as_str());
                }
            }
            return and(&bodies);
        }
        if !names.is_empty() {
            return and(&names);
        }
        and(&adjectives)
    }

    /// Mentions of one to six parts drawn at random from the entities
    /// (some twice, some as adjectives, "officials" often): the canonical
    /// name is the one the vectors gave.
    #[test]
    fn the_canonical_name_is_the_one_vectors_gave() {
        let rules = crate::rules::defaults_for_tests();
        let officials = rules.entities.iter().position(|e| e.name == "officials");
        let mut random = crate::test_random::TestRandom(12);
        for _ in 0..20_000 {
            let mut parts = smallvec::SmallVec::new();
            for _ in 0..=random.below(6) {
                let index = match officials {
                    Some(index) if random.below(4) == 0 => index,
                    _ => random.below(rules.entities.len() as u64) as usize,
                };
                let as_demonym = random.below(2) == 0;
                parts.push(EntityRef { index, as_demonym });
                if random.below(5) == 0 {
                    parts.push(EntityRef { index, as_demonym });
                }
            }
            let mention = Mention {
                start: 0,
                end: 1,
                parts,
                is_location: false,
            };
            assert_eq!(
                mention.canonical(rules),
                canonical_with_vectors(&mention, rules),
                "{:?}",
                mention.parts
            );
        }
    }

    /// Random strings of letters of one to four bytes: a string has at
    /// least so many characters when counting them all says so.
    #[test]
    fn enough_characters_read_as_far_as_needed() {
        let letters = ["a", "Z", "é", "ة", "ی", "€", "𝔸", "-"];
        let mut random = crate::test_random::TestRandom(9);
        for _ in 0..20_000 {
            let word: String = (0..random.below(12))
                .map(|_| random.pick(&letters))
                .collect();
            for count in 0..10 {
                assert_eq!(
                    has_chars(&word, count),
                    word.chars().count() >= count,
                    "{word}"
                );
            }
        }
    }

    /// Random texts of short and long words, capitalised or not, with and
    /// without proclitics and contractions, in the packs' languages and in
    /// Arabic with a contraction longer than what it replaces: every word
    /// the walk turns away as too short has no misspelt name, and the walk
    /// finds what looking at every word finds.
    #[test]
    fn words_too_short_for_a_name_have_none() {
        let rules = crate::rules::defaults_for_tests();
        let mut longer = rules.language("ar").unwrap().clone();
        longer
            .contractions
            .push(("زي".to_string(), "زيلينسك".to_string()));
        let pieces = [
            "The",
            "Putin",
            "Putn",
            "Guterres",
            "Gutteres",
            "UN",
            "Kim",
            "said",
            "Zelensky",
            "Zelenskiy",
            "في",
            "زيلنسكي",
            "وزيلنسكي",
            "زيي",
            "لل",
            "للزيلنسكي",
            "كيم",
            "بوتين",
            "بوتن",
            ",",
            "12",
        ];
        let mut random = crate::test_random::TestRandom(5);
        for language in [
            rules.language("en").unwrap(),
            rules.language("ar").unwrap(),
            &longer,
        ] {
            for _ in 0..400 {
                let text = random.words(&pieces, 20);
                with_view(&text, language, StartIndex::Built, |view| {
                    let growth = language
                        .contractions
                        .iter()
                        .map(|(p, r)| r.len().saturating_sub(p.len()))
                        .max()
                        .unwrap_or(0);
                    for at in 0..view.len() {
                        let token = &view.tokens[at];
                        if token.end - token.start + growth < MIN_CHARS {
                            assert!(fuzzy_person_hit(view, rules, at).is_none(), "{text}");
                        }
                    }
                    let mentions = find_mentions(view, language, rules, 0, view.len());
                    let mut every_word = Vec::new();
                    let (lexicon, mut at) = (rules.names_for(&language.code), 0);
                    while at < view.len() {
                        let exact = lexicon.longest_at(view, at);
                        let capital = view.initial_capital.get(at).copied().unwrap_or(true);
                        let asked = language.script == Script::Arabic || capital;
                        let word = view.tokens[at].kind == crate::normalize::TokenKind::Word;
                        match exact {
                            Some(hit) => {
                                every_word.push((hit.start, hit.end, *hit.value));
                                at = hit.end;
                            }
                            None => {
                                let fuzzy = (asked && word)
                                    .then(|| fuzzy_person_hit(view, rules, at))
                                    .flatten();
                                every_word.extend(fuzzy.map(|h| (h.start, h.end, h.value)));
                                at += 1;
                            }
                        }
                    }
                    let parts: Vec<EntityRef> =
                        mentions.iter().flat_map(|m| m.parts.clone()).collect();
                    let names: Vec<EntityRef> = every_word.iter().map(|h| h.2).collect();
                    assert_eq!(parts, names, "{text}");
                });
            }
        }
    }

    #[test]
    fn a_country_named_by_its_name_closes_its_phrase_at_a_comma() {
        assert_eq!(
            names(
                "جنگ اسرائیل و جمهوری اسلامی، سخنگوی پلیس ایران اعلام کرد",
                "fa"
            ),
            ["Israel and Iran", "Iranian police"]
        );
    }

    #[test]
    fn arabic_compounds() {
        assert_eq!(
            names("ويقدر مسؤولو المخابرات الكورية الجنوبية أن", "ar"),
            ["South Korean intelligence officials"]
        );
        assert_eq!(
            names("وفقًا للمسؤولين الكوريين الجنوبيين والأوكرانيين", "ar"),
            ["South Korean and Ukrainian officials"]
        );
        assert_eq!(
            names("وفقًا للمسؤولين في كوريا الجنوبية", "ar"),
            ["South Korean officials"]
        );
        assert_eq!(
            names("وأعلنت الولايات المتحدة يوم الجمعة", "ar"),
            ["United States"]
        );
        assert_eq!(names("أقر كيم بأن", "ar"), ["Kim Jong Un"]);
    }

    #[test]
    fn a_named_bodys_country_only_says_where_it_is() {
        assert_eq!(
            names("أعلنت الحكومة الوطنية الموازية في ميانمار", "ar"),
            ["National Unity Government"]
        );
    }

    #[test]
    fn spelling_variants_share_a_name() {
        assert_eq!(
            names("زيلنسكي و زيلينسكي", "ar"),
            ["Volodymyr Zelensky", "Volodymyr Zelensky"]
        );
    }

    #[test]
    fn english_compounds() {
        assert_eq!(
            names("South Korea's spy agency said", "en"),
            ["South Korean intelligence"]
        );
        assert_eq!(
            names("according to South Korean officials", "en"),
            ["South Korean officials"]
        );
    }
}
