//! Report periods: "minggu ini", "bulan lalu", "kemarin", "november", "dari tgl 1 sampai 15",
//! "7 hari terakhir". Weeks run Monday to Sunday; a line with no period means this month.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate};

use super::dates::month_number;
use super::normalize::Token;
use super::numbers::{parse_int, parse_words};
use super::types::ReportRange;

/// A report period and whether the line named it.
pub struct Parsed {
    pub report: ReportRange,
    pub named: bool,
}

/// Reads the period of a report line.
pub fn parse(tokens: &[Token], now: DateTime<FixedOffset>) -> Parsed {
    let words: Vec<&str> = tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();
    let today = now.date_naive();
    let pdf = words.contains(&"pdf");

    let range = range_between(&words, today).or_else(|| named_period(&words, today));
    let named = range.is_some();
    let (from, to) = range.unwrap_or_else(|| month_of(today));
    Parsed { report: ReportRange { from, to, pdf }, named }
}

fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(day);
    (first, last)
}

fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    (monday, monday + Duration::days(6))
}

fn has(words: &[&str], phrase: &[&str]) -> bool {
    words.windows(phrase.len()).any(|w| w == phrase)
}

/// Periods named by words: today, yesterday, this or last week, month or year, a month name,
/// the last N days.
fn named_period(words: &[&str], today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let last_words = [&["lalu"][..], &["kemarin"][..]];
    if words.contains(&"harian") {
        return Some((today, today));
    }
    if words.contains(&"mingguan") {
        return Some(week_of(today));
    }
    if words.contains(&"bulanan") {
        return Some(month_of(today));
    }
    if has(words, &["hari", "ini"]) {
        return Some((today, today));
    }
    if has(words, &["minggu", "ini"]) {
        return Some(week_of(today));
    }
    if last_words.iter().any(|w| has(words, &[&["minggu"][..], w].concat())) {
        return Some(week_of(today - Duration::days(7)));
    }
    if has(words, &["bulan", "ini"]) {
        return Some(month_of(today));
    }
    if last_words.iter().any(|w| has(words, &[&["bulan"][..], w].concat())) {
        return Some(month_of(today.checked_sub_months(Months::new(1))?));
    }
    if has(words, &["tahun", "ini"]) {
        return Some((NaiveDate::from_ymd_opt(today.year(), 1, 1)?, NaiveDate::from_ymd_opt(today.year(), 12, 31)?));
    }
    if last_words.iter().any(|w| has(words, &[&["tahun"][..], w].concat())) {
        let year = today.year() - 1;
        return Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?));
    }
    if let Some(days) = last_days(words) {
        return Some((today - Duration::days(days - 1), today));
    }
    if has(words, &["kemarin", "lusa"]) {
        let day = today - Duration::days(2);
        return Some((day, day));
    }
    if words.contains(&"kemarin") {
        let yesterday = today.pred_opt()?;
        return Some((yesterday, yesterday));
    }
    if has(words, &["minggu", "depan"]) {
        return Some(week_of(today + Duration::days(7)));
    }

    // A month name, with a year or else the latest such month up to now.
    let k = words.iter().position(|w| w.len() >= 3 && month_number(w).is_some())?;
    let month = month_number(words[k])?;
    let year = words
        .get(k + 1)
        .and_then(|w| parse_int(w))
        .filter(|y| (1900..=2100).contains(y))
        .map(|y| y as i32)
        .unwrap_or(if month <= today.month() { today.year() } else { today.year() - 1 });
    Some(month_of(NaiveDate::from_ymd_opt(year, month, 1)?))
}

/// "7 hari terakhir", "seminggu terakhir", "30 hari belakangan": the count of days.
fn last_days(words: &[&str]) -> Option<i64> {
    let k = words.iter().position(|w| matches!(*w, "terakhir" | "belakangan" | "kebelakang"))?;
    match words[..k] {
        [.., "seminggu"] => Some(7),
        [.., "sebulan"] => Some(30),
        [.., n, "hari"] => parse_int(n).filter(|d| (1..=3660).contains(d)),
        [.., n, "minggu"] => parse_int(n).filter(|d| (1..=520).contains(d)).map(|w| w * 7),
        _ => None,
    }
}

/// "dari tgl 1 sampai 15", "tgl 1-15", "1/11 sampai 15/11", "1 nov s/d 15 nov".
fn range_between(words: &[&str], today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    // "tgl 1-15" is one token.
    for (k, word) in words.iter().enumerate() {
        let dated = k > 0 && matches!(words[k - 1], "tanggal" | "tgl" | "dari");
        if let Some((a, b)) = word.split_once('-').filter(|_| dated) {
            let (a, b) = (parse_int(a)?, parse_int(b)?);
            let month = words.get(k + 1).and_then(|w| month_number(w));
            return days_of_month(a, b, month, None, today);
        }
    }

    let split = words.iter().position(|w| matches!(*w, "sampai" | "hingga" | "s/d" | "sd" | "sampe"))?;
    let (left, right) = (&words[..split], &words[split + 1..]);
    let (from_day, from_month) = day_and_month(left.iter().rev().take(3).rev().copied().collect())?;
    let (to_day, to_month) = day_and_month(right.iter().take(4).copied().collect())?;
    let month = to_month.or(from_month);
    days_of_month(from_day, to_day, from_month.or(month), month, today)
}

/// Reads a day and an optional month from a few words: "tgl 1", "1/11", "15 november".
fn day_and_month(words: Vec<&str>) -> Option<(i64, Option<u32>)> {
    let words: Vec<&str> = words.into_iter().filter(|w| !matches!(*w, "dari" | "tanggal" | "tgl" | "laporan")).collect();
    let first = *words.first()?;
    if let Some((d, m)) = first.split_once('/') {
        return Some((parse_int(d)?, u32::try_from(parse_int(m)?).ok()));
    }
    let day = parse_int(first).or_else(|| parse_words(&words, 0).map(|(v, _)| v as i64))?;
    let month = words.get(1).and_then(|w| month_number(w));
    Some((day, month))
}

/// Returns the days `a` to `b` of the given months. With no month it takes this month, or last
/// month when day `a` is still to come.
fn days_of_month(a: i64, b: i64, from_month: Option<u32>, to_month: Option<u32>, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = (u32::try_from(a).ok()?, u32::try_from(b).ok()?);
    let base = match from_month {
        Some(month) => NaiveDate::from_ymd_opt(today.year(), month, 1)?,
        None if a > today.day() => today.with_day(1)?.checked_sub_months(Months::new(1))?,
        None => today.with_day(1)?,
    };
    let base = if base > today { base.with_year(base.year() - 1)? } else { base };
    let from = base.with_day(a)?;
    let to_base = match to_month {
        Some(month) if month != base.month() => {
            let candidate = NaiveDate::from_ymd_opt(base.year(), month, 1)?;
            if candidate < base { candidate.with_year(base.year() + 1)? } else { candidate }
        }
        _ => base,
    };
    let to = to_base.with_day(b)?;
    (from <= to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn range(line: &str) -> (String, String, bool) {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
        let parsed = parse(&tokenize(line), now);
        (parsed.report.from.to_string(), parsed.report.to.to_string(), parsed.report.pdf)
    }

    #[test]
    fn periods() {
        let cases = [
            ("laporan minggu ini", "2026-11-30", "2026-12-06"),
            ("laporan minggu lalu", "2026-11-23", "2026-11-29"),
            ("laporan mg kmrn", "2026-11-23", "2026-11-29"),
            ("laporan bulan ini", "2026-12-01", "2026-12-31"),
            ("tunjukin laporan bulan lalu", "2026-11-01", "2026-11-30"),
            ("laporan hari ini", "2026-12-04", "2026-12-04"),
            ("laporan kemarin", "2026-12-03", "2026-12-03"),
            ("laporan kemarin lusa", "2026-12-02", "2026-12-02"),
            ("laporan tahun ini", "2026-01-01", "2026-12-31"),
            ("laporan november", "2026-11-01", "2026-11-30"),
            ("laporan januari", "2026-01-01", "2026-01-31"),
            ("laporan oktober 2025", "2025-10-01", "2025-10-31"),
            ("laporan dari tgl 1 sampai 15", "2026-12-01", "2026-12-15"),
            ("laporan tgl 1-3", "2026-12-01", "2026-12-03"),
            ("laporan 1/11 sampai 15/11", "2026-11-01", "2026-11-15"),
            ("laporan dari 20 november sampai 3 desember", "2026-11-20", "2026-12-03"),
            ("laporan 7 hari terakhir", "2026-11-28", "2026-12-04"),
            ("laporan", "2026-12-01", "2026-12-31"),
            ("laporan mingguan", "2026-11-30", "2026-12-06"),
        ];
        for (line, from, to) in cases {
            let (got_from, got_to, _) = range(line);
            assert_eq!((got_from.as_str(), got_to.as_str()), (from, to), "line {line:?}");
        }
    }

    #[test]
    fn pdf_flag() {
        assert!(range("laporan bulan ini pdf").2);
        assert!(!range("laporan bulan ini").2);
    }
}
