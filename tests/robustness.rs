//! No input makes the engine panic: text stitched from the pieces that trip
//! extractors (digits of three scripts, separators, scale words, dates, names,
//! lone marks) in many orders.

use crosscheck::claims::extract;
use crosscheck::read::Document;

const PIECES: &[&str] = &[
    "14,000",
    "١٤٬٠٠٠",
    "۱۴۰۰۰",
    "12 ألف",
    "10 آلاف",
    "بين 10 و",
    "ما يصل إلى",
    "على الأقل",
    "آلاف",
    "تسعة",
    "مئة و",
    "ثلاثة آلاف",
    "1404/10/07",
    "2024-11-02",
    "15:47",
    "2 نوفمبر 2024",
    "KN-23",
    "إس-400",
    "$",
    "million",
    "between",
    "and",
    "to",
    "-",
    "–",
    "at least",
    "thousands of",
    "soldiers",
    "جندي",
    "قتل",
    "وفقًا ل",
    "said",
    "according to",
    "North Korean",
    "كوريا الشمالية",
    ".",
    "،",
    "\n",
    "+++",
    "ً",
    "ـ",
    "\u{200f}",
    "(0)",
    "0",
    "00000000000000000000",
    "1.2.3",
    "1,2,3",
    "٫",
    "ألفين",
    "k",
    "m",
    "Nov.",
    "May",
];

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn extraction_never_panics_on_stitched_text() {
    let rules = crosscheck::rules::load_default().unwrap();
    let mut random = Lcg(7);
    for case in 0..3000 {
        let length = random.next() % 25;
        let mut text = String::new();
        for _ in 0..length {
            text.push_str(PIECES[random.next() % PIECES.len()]);
            if !random.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        let Ok(document) = Document::from_text("case", &text) else {
            continue;
        };
        let result = extract(&document, &rules);
        for claim in &result.claims {
            assert_eq!(
                &text[claim.span[0] as usize..claim.span[1] as usize],
                claim.text,
                "case {case}: {text:?}"
            );
        }
    }
}
