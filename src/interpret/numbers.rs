//! Numbers written as digits or as Indonesian words ("seratus lima puluh", "satu setengah").
//!
//! Only reads numbers; deciding whether a number is money, a date or a quantity is left to
//! the modules that own those slots.

/// Parses plain digits ("150") as an integer.
pub fn parse_int(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 15 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Parses digits with a decimal mark, where either `.` or `,` is the mark ("1,5", "1.5", "2").
pub fn parse_decimal(text: &str) -> Option<f64> {
    let marks = text.bytes().filter(|b| *b == b'.' || *b == b',').count();
    let digits_ok = text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    let starts_with_digit = text.bytes().next().is_some_and(|b| b.is_ascii_digit());
    if !digits_ok || marks > 1 || !starts_with_digit || text.len() > 15 {
        return None;
    }
    text.replace(',', ".").parse().ok()
}

/// Parses digits grouped by thousands dots ("150.000", "1.500.000"): every group after the
/// first has exactly three digits. Returns `None` for other shapes.
pub fn parse_grouped(text: &str) -> Option<i64> {
    let mut groups = text.split('.');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || parse_int(first).is_none() {
        return None;
    }
    let mut value = parse_int(first)?;
    let mut count = 0;
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        value = value.checked_mul(1000)?.checked_add(parse_int(group)?)?;
        count += 1;
    }
    (count > 0).then_some(value)
}

/// Values of single number words, including the shop slang for round sums of money.
fn word_value(word: &str) -> Option<f64> {
    let value = match word {
        "nol" => 0.0,
        "satu" | "se" => 1.0,
        "dua" => 2.0,
        "tiga" => 3.0,
        "empat" => 4.0,
        "lima" => 5.0,
        "enam" => 6.0,
        "tujuh" => 7.0,
        "delapan" => 8.0,
        "sembilan" => 9.0,
        "sebelas" => 11.0,
        "setengah" => 0.5,
        _ => return None,
    };
    Some(value)
}

/// Reads number words starting at `start` in `words`; returns the value and the count of words
/// read. "dua ratus rebu" is 200000, "satu setengah juta" 1500000, "dua belas" 12.
pub fn parse_words<S: AsRef<str>>(words: &[S], start: usize) -> Option<(f64, usize)> {
    let mut total = 0.0; // completed millions and thousands
    let mut group = 0.0; // completed hundreds and tens below a thousand
    let mut current: Option<f64> = None; // last units word, not yet scaled
    let mut read = 0;

    for word in words[start..].iter().map(AsRef::as_ref) {
        match word {
            "belas" => {
                let Some(units) = current else { break };
                current = Some(units + 10.0);
            }
            "puluh" => {
                let Some(units) = current.take() else { break };
                group += units * 10.0;
            }
            "ratus" => {
                let Some(units) = current.take() else { break };
                group += units * 100.0;
            }
            "ribu" | "rebu" | "rb" => {
                let amount = group + current.take().unwrap_or(0.0);
                if amount == 0.0 {
                    break;
                }
                total += amount * 1000.0;
                group = 0.0;
            }
            "juta" | "jt" => {
                let amount = group + current.take().unwrap_or(0.0);
                if amount == 0.0 {
                    break;
                }
                total += amount * 1_000_000.0;
                group = 0.0;
            }
            // Words that are already a round group: "seratus", "sepuluh".
            "sepuluh" | "seratus" | "cepek" | "gopek" if current.is_none() => {
                group += match word {
                    "sepuluh" => 10.0,
                    "cepek" | "seratus" => 100.0,
                    _ => 500.0,
                };
            }
            // Words that are already thousands or millions: "seribu", "goceng", "sejuta".
            "seribu" | "seceng" | "goceng" | "ceban" | "goban" | "sejuta" if current.is_none() => {
                total += group * 1000.0;
                group = 0.0;
                total += match word {
                    "seribu" | "seceng" => 1000.0,
                    "goceng" => 5000.0,
                    "ceban" => 10_000.0,
                    "goban" => 50_000.0,
                    _ => 1_000_000.0,
                };
            }
            _ => {
                let Some(value) = word_value(word) else { break };
                match current {
                    // "satu setengah" adds the half; two plain units in a row end the number.
                    Some(units) if value == 0.5 => current = Some(units + 0.5),
                    Some(_) => break,
                    None => current = Some(value),
                }
            }
        }
        read += 1;
    }

    if read == 0 {
        return None;
    }
    Some((total + group + current.unwrap_or(0.0), read))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped() {
        assert_eq!(parse_grouped("150.000"), Some(150_000));
        assert_eq!(parse_grouped("1.500.000"), Some(1_500_000));
        assert_eq!(parse_grouped("1.5"), None);
        assert_eq!(parse_grouped("13.00"), None);
        assert_eq!(parse_grouped("150"), None);
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("1,5"), Some(1.5));
        assert_eq!(parse_decimal("1.5"), Some(1.5));
        assert_eq!(parse_decimal("2"), Some(2.0));
        assert_eq!(parse_decimal("1.2.3"), None);
        assert_eq!(parse_decimal(",5"), None);
    }

    #[test]
    fn words() {
        let cases: &[(&str, f64, usize)] = &[
            ("seratus lima puluh ribu", 150_000.0, 4),
            ("satu setengah juta", 1_500_000.0, 3),
            ("dua ratus rebu", 200_000.0, 3),
            ("dua belas", 12.0, 2),
            ("goceng", 5000.0, 1),
            ("setengah", 0.5, 1),
            ("tiga hari", 3.0, 1),
            ("satu juta dua ratus ribu", 1_200_000.0, 5),
        ];
        for (text, value, read) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            assert_eq!(parse_words(&words, 0), Some((*value, *read)), "text {text:?}");
        }
        assert_eq!(parse_words(&["ganti"], 0), None);
    }
}
