//! A report's claim as pretty JSON, written field by field.
//!
//! Input: a [`ClaimRef`]. Output: the bytes `to_string_pretty` of the whole
//! report prints for it as an element of the report's `claims` (two levels
//! in: keys indented by six spaces), from its `{` to its `}`. Invariant: the
//! same bytes as serde_json (field names and order, escapes, numbers), which
//! the tests check. Why: the claims are a fifth of a JSON report, and
//! serde's generic path (a flattened struct is serialised as a map, each key
//! escaped again for every claim) cost more than writing them.

use std::io;

use super::view::ClaimRef;
use crate::stream::line::{fields_until_group, key, text};

/// Appends `claim`, as printed two levels deep in the report: the fields
/// a line of `claims` has, then its group, label and url.
pub(super) fn write_claim(claim: &ClaimRef, out: &mut Vec<u8>) -> io::Result<()> {
    fields_until_group::<true>(claim.claim, out)?;
    text(out, &claim.claim.group)?;
    key::<true>(out, "label");
    text(out, &claim.label.text())?;
    key::<true>(out, "url");
    match claim.url {
        Some(url) => text(out, url)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b"\n    }");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Claim;

    /// What serde_json prints for `claim` two levels deep in the report.
    fn by_serde(claim: &ClaimRef) -> String {
        let mut bytes = Vec::new();
        super::super::nested_json::write_nested(&mut bytes, claim, 2).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn by_hand(claim: &ClaimRef) -> String {
        let mut bytes = Vec::new();
        write_claim(claim, &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn claims_of(name: &str, text: &str) -> Vec<Claim> {
        let rules = crate::rules::defaults_for_tests();
        let document = crate::read::Document::from_text(name, text).unwrap();
        crate::claims::extract(&document, rules).claims
    }

    #[test]
    fn claims_of_a_document_are_the_bytes_serde_json_writes() {
        let text = "+++\npublished = \"2023-02-06\"\nlang = \"en\"\n+++\n\
            The quake killed 1,200 people in Turkey, the health ministry said on Monday.\n\n\
            \"At least 300\" were hurt\tin Gaziantep \\ Hatay, officials said; 2.5 million displaced.\n\n\
            Между тем 40 человек погибли. قتل 12 شخصا في حلب.\u{1}\n";
        let claims = claims_of("doc \"quoted\"", text);
        assert!(claims.len() >= 3);
        // Labels in two pieces: the document's, and the rest of the id.
        let labels = std::collections::HashMap::from([(
            "doc \"quoted\"".to_string(),
            "doc \"quoted\" é\t".to_string(),
        )]);
        for (claim, url) in claims
            .iter()
            .zip([None, Some("https://x.org/\"a\"\u{7}"), None])
        {
            let label = super::super::Label::of_claim(&claim.id, &claim.doc, &labels);
            assert!(label.to_string().starts_with("doc \"quoted\" é\t#"));
            let claim = ClaimRef { claim, label, url };
            assert_eq!(by_hand(&claim), by_serde(&claim));
        }
    }

    #[test]
    fn every_field_escape_and_number_as_serde_json_writes_it() {
        let mut claim = claims_of("d", "Officials said 12 people died.").remove(0);
        for &(value, text) in crate::stream::line::ODD_FIELDS {
            crate::stream::line::with_odd_fields(&mut claim, value, text);
            claim.group = text.into();
            for url in [None, Some(text)] {
                let claim = ClaimRef {
                    claim: &claim,
                    label: super::super::Label::whole(text),
                    url,
                };
                assert_eq!(by_hand(&claim), by_serde(&claim));
            }
        }
    }
}
