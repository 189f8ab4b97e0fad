//! Integers and dates as the ASCII digits `Display` writes for them, without
//! the formatting machinery: the claim writer and the report write millions
//! of them (claim ids, spans, counts, dates).

use jiff::civil::Date;

/// The hundred pairs of digits, "00" to "99".
const PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

/// `value`'s decimal digits, written at the end of `buffer` (two a step).
pub fn digits(mut value: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    while value >= 100 {
        let pair = (value % 100 * 2) as usize;
        value /= 100;
        at -= 2;
        buffer[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if value >= 10 {
        let pair = value as usize * 2;
        at -= 2;
        buffer[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buffer[at] = b'0' + value as u8;
    }
    &buffer[at..]
}

/// Appends `value`'s decimal digits to `out`, pushed as characters: they
/// are ASCII, and checking them as UTF-8 cost more than pushing them (a
/// report writes millions: its claims' numbers).
pub fn push_integer(out: &mut String, value: u64) {
    let mut buffer = [0; 20];
    let digits = digits(value, &mut buffer);
    out.extend(digits.iter().map(|&digit| char::from(digit)));
}

/// `date` as `Display` writes it (`2024-02-29`) when its year has four
/// digits (0 to 9999); `None` for the others, which `Display` writes with a
/// sign and six digits.
pub fn iso_date(date: Date) -> Option<[u8; 10]> {
    let year = u16::try_from(date.year()).ok().filter(|&y| y <= 9999)?;
    let pair = |n: u8| [PAIRS[usize::from(n) * 2], PAIRS[usize::from(n) * 2 + 1]];
    let [y1, y2] = pair((year / 100) as u8);
    let [y3, y4] = pair((year % 100) as u8);
    let [m1, m2] = pair(date.month() as u8);
    let [d1, d2] = pair(date.day() as u8);
    Some([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_their_decimal_digits() {
        let mut random = crate::test_random::TestRandom(5);
        let mut values: Vec<u64> = (0..100_000).collect();
        values.extend([u64::MAX, u64::MAX - 1, 1 << 32, 99, 100, 999, 1000]);
        values.extend((0..10_000).map(|_| random.step() >> random.below(64)));
        for value in values {
            let mut buffer = [0; 20];
            assert_eq!(digits(value, &mut buffer), value.to_string().as_bytes());
            let mut out = String::from("x");
            push_integer(&mut out, value);
            assert_eq!(out, format!("x{value}"));
        }
    }

    #[test]
    fn dates_of_four_digit_years_are_display_s() {
        for year in (-9999..=9999).chain([-1, 0, 1, 999, 1000, 9999]) {
            for (month, day) in [(1, 1), (2, 28), (9, 9), (10, 10), (12, 31)] {
                let date = Date::new(year, month, day).unwrap();
                match iso_date(date) {
                    Some(text) => assert_eq!(text.as_slice(), date.to_string().as_bytes()),
                    None => assert!(!(0..=9999).contains(&year), "{date}"),
                }
            }
        }
        let leap = Date::new(2024, 2, 29).unwrap();
        assert_eq!(iso_date(leap), Some(*b"2024-02-29"));
    }
}
