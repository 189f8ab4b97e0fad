//! How place names are written in text: the spellings a gazetteer name
//! stands for. Shared by the gazetteer and by the build script, which
//! prepares the embedded table's names per language ahead of time.

/// A name as texts write it: with spaces or hyphens between its words ("El
/// Fasher", "El-Fasher"), and, for the Arabic article of a Latin
/// transliteration, "El" or "Al" ("Al-Fasher").
pub(crate) fn written_variants(name: &str) -> Vec<String> {
    let mut variants = vec![name.to_string()];
    let article_swapped = ["El ", "El-", "Al ", "Al-"].iter().find_map(|article| {
        name.strip_prefix(article).map(|rest| {
            let other = if article.starts_with('E') { "Al" } else { "El" };
            format!("{other}{}{rest}", &article[2..])
        })
    });
    variants.extend(article_swapped);
    let mut joined = Vec::new();
    for variant in &variants {
        if variant.contains(' ') {
            joined.push(variant.replace(' ', "-"));
        } else if variant.contains('-') {
            joined.push(variant.replace('-', " "));
        }
    }
    variants.extend(joined);
    variants.sort();
    variants.dedup();
    variants
}

/// Whether an English spelling of a place is read, in every Latin-script
/// language, from the one lexicon of English names they share: true unless
/// another language flags it as ambiguous where English does not (its hit
/// then differs by language, and each such language reads it from its own
/// lexicon). `flags` are the place's (language, spelling) flags.
///
/// Why: each Latin-script language reads every English name too ("El
/// Fasher" in a French text); a lexicon of its own holding all of them was
/// 6.8-8.2 MB a language, and a run in four of them touched four copies.
pub(crate) fn english_spelling_is_shared<'f>(
    spelling: &str,
    flags: impl IntoIterator<Item = (&'f str, &'f str)>,
) -> bool {
    let mut flagged_elsewhere = false;
    for (language, flagged) in flags {
        if flagged == spelling {
            if language == "en" {
                return true;
            }
            flagged_elsewhere = true;
        }
    }
    !flagged_elsewhere
}

/// An English transliteration as another Latin-script language writes the
/// same sound: French writes English "sh" as "ch" ("El Fasher" is "El
/// Facher"), German as "sch" ("Schiraz"). Other languages, and names too
/// short to tell from common words ("Shan" would be "Chan"), have none.
pub(crate) fn transliterated(name: &str, code: &str) -> Option<String> {
    const MIN_CHARS: usize = 6;
    let (lower, upper) = match code {
        "fr" => ("ch", "Ch"),
        "de" => ("sch", "Sch"),
        _ => return None,
    };
    if name.chars().count() < MIN_CHARS || !name.contains("sh") && !name.contains("Sh") {
        return None;
    }
    Some(name.replace("sh", lower).replace("Sh", upper))
}

/// A one-word Cyrillic name long enough to take case endings, without the
/// vowel or soft sign it ends in: "Мандалай" -> "Мандала", so that
/// "Мандалае" and "Мандалая" match; "Тегеран" -> "Тегеран".
pub(crate) fn inflected_stem(name: &str) -> Option<String> {
    const MIN_STEM_CHARS: usize = 4;
    if name.contains([' ', '-']) {
        return None;
    }
    let mut stem: Vec<char> = name.chars().collect();
    if stem
        .last()
        .is_some_and(|c| "аяоеёиыйьАЯОЕЁИЫЙЬ".contains(*c))
    {
        stem.pop();
    }
    (stem.len() >= MIN_STEM_CHARS).then(|| stem.into_iter().collect())
}
