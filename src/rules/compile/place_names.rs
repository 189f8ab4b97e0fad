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
