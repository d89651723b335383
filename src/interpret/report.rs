//! Report periods: "minggu ini", "bulan lalu", "kemarin", "november", "dari tgl 1 sampai 15",
//! "1/11/2026 s.d. 15/11/2026", "7 hari terakhir", "3 bulan terakhir". Weeks run Monday to
//! Sunday; a line with no period means this month.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate};

use super::dates::month_number;
use super::normalize::{tokenize, Token};
use super::numbers::{parse_int, parse_words};
use super::types::ReportRange;

/// A report period, whether the line named it, and what is wrong with the named range.
pub struct Parsed {
    pub report: ReportRange,
    pub named: bool,
    pub problem: Option<RangeProblem>,
}

/// Reason a range the line names cannot be reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeProblem {
    /// The first day comes after the last day ("15/11 sampai 1/11").
    Reversed,
    /// A day that is not on the calendar ("31/11", "30 februari").
    NoSuchDay,
}

/// The period read from some words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Found(NaiveDate, NaiveDate),
    /// Both days exist, but the first comes after the last.
    Reversed(NaiveDate, NaiveDate),
    NoSuchDay,
    None,
}

/// Reads the period of a report line.
pub fn parse(tokens: &[Token], now: DateTime<FixedOffset>) -> Parsed {
    let words = word_texts(tokens);
    let today = now.date_naive();
    let pdf = words.contains(&"pdf");
    let range = |(from, to): (NaiveDate, NaiveDate)| ReportRange { from, to, pdf, unclaimed_days: None };

    match period(&words, today) {
        Period::Found(from, to) => Parsed { report: range((from, to)), named: true, problem: None },
        // The reversed days stay in the object so that the reply can name them.
        Period::Reversed(from, to) => Parsed { report: range((from, to)), named: true, problem: Some(RangeProblem::Reversed) },
        Period::NoSuchDay => Parsed { report: range(month_of(today)), named: true, problem: Some(RangeProblem::NoSuchDay) },
        Period::None => Parsed { report: range(month_of(today)), named: false, problem: None },
    }
}

fn word_texts(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect()
}

/// Reads a period from words: a range between two days first, then a named period.
pub fn period(words: &[&str], today: NaiveDate) -> Period {
    match range_between(words, today) {
        Some((read, _)) => read,
        None => named_period(words, today).map_or(Period::None, |(from, to)| Period::Found(from, to)),
    }
}

/// Reads one day written alone, as the `--dari` and `--sampai` options take it: "1/11",
/// "1/11/2026", "2026-11-01", "1 november 2026", "hari ini", "kemarin". A day without a year
/// is the latest such day up to `today`.
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, RangeProblem> {
    let tokens = tokenize(text);
    let words = word_texts(&tokens);
    match words[..] {
        ["hari", "ini"] | ["sekarang"] => return Ok(today),
        ["kemarin"] => return Ok(today - Duration::days(1)),
        _ => {}
    }
    match read_day(&words) {
        Some((parts, used)) if used == words.len() && parts.day.is_some() => {
            let (month, year) = match (parts.month, parts.year) {
                (Some(month), Some(year)) => (month, year),
                (Some(month), None) => {
                    let this_year = NaiveDate::from_ymd_opt(today.year(), month, parts.day.unwrap_or(1));
                    let year = if this_year.is_some_and(|day| day > today) { today.year() - 1 } else { today.year() };
                    (month, year)
                }
                (None, _) => (today.month(), today.year()),
            };
            parts
                .day
                .and_then(|day| NaiveDate::from_ymd_opt(year, month, day))
                .ok_or(RangeProblem::NoSuchDay)
        }
        _ => Err(RangeProblem::NoSuchDay),
    }
}

/// Returns the run of `words` that names a period, as (start, length, period), for lines that
/// mix a period with other words ("cari polytron bulan lalu"). A range between two days wins;
/// otherwise the shortest run that names a period, with a year that follows a month name.
///
/// A lone month abbreviation ("agus", "jun") is skipped because it is often a name.
pub fn find_period(words: &[&str], today: NaiveDate) -> Option<(usize, usize, Period)> {
    if let Some((read, (start, end))) = range_between(words, today) {
        return Some((start, end - start, read));
    }
    const MAX_WORDS: usize = 4;
    for len in 1..=MAX_WORDS.min(words.len()) {
        for start in 0..=words.len() - len {
            let window = &words[start..start + len];
            let abbreviated = window.iter().any(|w| month_number(w).is_some() && !is_full_month_name(w));
            if abbreviated {
                continue;
            }
            let Some((from, to)) = named_period(window, today) else { continue };
            let year_follows = len == 1 && words.get(start + 1).and_then(|w| year_of(w)).is_some();
            if year_follows {
                if let Some((from, to)) = named_period(&words[start..start + 2], today) {
                    return Some((start, 2, Period::Found(from, to)));
                }
            }
            return Some((start, len, Period::Found(from, to)));
        }
    }
    None
}

fn is_full_month_name(word: &str) -> bool {
    const NAMES: [&str; 12] = [
        "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
        "november", "desember",
    ];
    NAMES.contains(&word)
}

fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    (first, last_of_month(first).unwrap_or(day))
}

fn last_of_month(day: NaiveDate) -> Option<NaiveDate> {
    day.with_day(1)?.checked_add_months(Months::new(1))?.pred_opt()
}

fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    (monday, monday + Duration::days(6))
}

fn year_of(word: &str) -> Option<i32> {
    parse_int(word).filter(|y| (1900..=2100).contains(y)).map(|y| y as i32)
}

fn whole_year(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

fn has(words: &[&str], phrase: &[&str]) -> bool {
    words.windows(phrase.len()).any(|w| w == phrase)
}

/// Periods named by words: today, yesterday, this or last week, month or year, a month name,
/// a year, the last N days, weeks, months or years.
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
        return whole_year(today.year());
    }
    if last_words.iter().any(|w| has(words, &[&["tahun"][..], w].concat())) {
        return whole_year(today.year() - 1);
    }
    if let Some(k) = words.iter().position(|w| *w == "tahun") {
        if let Some(year) = words.get(k + 1).and_then(|w| year_of(w)) {
            return whole_year(year);
        }
    }
    if let Some(from) = last_span_start(words, today) {
        return Some((from, today));
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
        .and_then(|w| year_of(w))
        .unwrap_or(if month <= today.month() { today.year() } else { today.year() - 1 });
    Some(month_of(NaiveDate::from_ymd_opt(year, month, 1)?))
}

/// First day of "7 hari terakhir", "seminggu terakhir", "3 bulan terakhir", "setahun
/// belakangan": a rolling span that ends today. "3 bulan terakhir" on 4 December starts on
/// 5 September.
fn last_span_start(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let k = words.iter().position(|w| matches!(*w, "terakhir" | "belakangan" | "kebelakang"))?;
    let after_months = |months: i64| -> Option<NaiveDate> {
        let months = u32::try_from(months).ok().filter(|m| (1..=1200).contains(m))?;
        today.checked_sub_months(Months::new(months))?.succ_opt()
    };
    let days = match words[..k] {
        [.., "seminggu"] => 7,
        // "sebulan terakhir" has always meant 30 days here, unlike "1 bulan terakhir".
        [.., "sebulan"] => 30,
        [.., "setahun"] => return after_months(12),
        [.., n, "hari"] => parse_int(n).filter(|d| (1..=3660).contains(d))?,
        [.., n, "minggu"] => parse_int(n).filter(|w| (1..=520).contains(w))? * 7,
        [.., n, "bulan"] => return after_months(parse_int(n)?),
        [.., n, "tahun"] => return after_months(parse_int(n)?.checked_mul(12)?),
        _ => return None,
    };
    Some(today - Duration::days(days - 1))
}

/// Words that separate the two days of a range. "s.d." and "s/d" reach here as "s d".
const RANGE_SEPARATORS: &[&str] = &["sampai", "hingga", "sampe", "sd", "s/d", "until"];

/// Words that may open a day without being part of it.
const DAY_LEAD: &[&str] = &["dari", "mulai", "tanggal", "tgl", "sejak"];

/// Reads a range between two days: "dari tgl 1 sampai 15", "tgl 1-15", "1/11 sampai 15/11",
/// "1 nov s/d 15 nov", "1/11/2026 - 15/11/2026", "november sampai desember". Returns the
/// period and the word span `start..end` it covers.
fn range_between(words: &[&str], today: NaiveDate) -> Option<(Period, (usize, usize))> {
    // "tgl 1-15" is one token.
    for (k, word) in words.iter().enumerate() {
        let dated = k > 0 && matches!(words[k - 1], "tanggal" | "tgl" | "dari");
        let Some((a, b)) = word.split_once('-').filter(|_| dated) else { continue };
        let (Some(a), Some(b)) = (parse_int(a), parse_int(b)) else { continue };
        let month = words.get(k + 1).and_then(|w| month_number(w));
        let end = k + 1 + usize::from(month.is_some());
        let from = DayParts { day: u32::try_from(a).ok(), month, year: None };
        let to = DayParts { day: u32::try_from(b).ok(), month, year: None };
        return Some((resolve(from, to, today), (k - 1, end)));
    }

    let (left_end, right_start) = separator(words)?;
    // The longest run of up to five words just before the separator that reads as one day.
    let left_start = (left_end.saturating_sub(5)..left_end)
        .find(|&start| read_day(&words[start..left_end]).is_some_and(|(_, used)| used == left_end - start))?;
    let (from, _) = read_day(&words[left_start..left_end])?;
    let (to, used) = read_day(&words[right_start..])?;
    let start = (0..left_start).rev().take_while(|&i| DAY_LEAD.contains(&words[i])).last().unwrap_or(left_start);
    Some((resolve(from, to, today), (start, right_start + used)))
}

/// Returns the end of the first day and the start of the second around a range separator,
/// or between two adjacent numeric dates whose hyphen the tokenizer dropped.
fn separator(words: &[&str]) -> Option<(usize, usize)> {
    for (k, word) in words.iter().enumerate() {
        if k > 0 && RANGE_SEPARATORS.contains(word) {
            return Some((k, k + 1));
        }
        if k > 0 && *word == "s" && words.get(k + 1) == Some(&"d") {
            return Some((k, k + 2));
        }
    }
    let numeric = |w: &str| w.contains('/') && w.split('/').all(|part| parse_int(part).is_some());
    (1..words.len()).find(|&k| numeric(words[k - 1]) && numeric(words[k])).map(|k| (k, k))
}

/// One day as written, with the parts the line left out.
#[derive(Debug, Clone, Copy)]
struct DayParts {
    /// `None` for a whole month ("november").
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
}

/// Reads one day at the start of `words` and returns it with the number of words used:
/// "1/11", "1/11/2026", "2026-11-01", "1-11-2026", "tgl 15", "15 november 2026", "november".
fn read_day(words: &[&str]) -> Option<(DayParts, usize)> {
    let lead = words.iter().take_while(|w| DAY_LEAD.contains(w)).count();
    let first = *words.get(lead)?;

    let numbers: Option<Vec<i64>> = first.split(['/', '-']).map(parse_int).collect();
    if let Some(numbers) = numbers.filter(|n| n.len() >= 2) {
        let small = |n: i64| u32::try_from(n).ok();
        let full_year = |n: i64| if n < 100 { 2000 + n as i32 } else { n as i32 };
        let parts = match numbers[..] {
            [year, month, day] if first.contains('-') && year >= 1000 => DayParts { day: small(day), month: small(month), year: Some(full_year(year)) },
            [day, month, year] => DayParts { day: small(day), month: small(month), year: Some(full_year(year)) },
            [day, month] if first.contains('/') => DayParts { day: small(day), month: small(month), year: None },
            _ => return None,
        };
        return Some((parts, lead + 1));
    }

    let (day, mut used) = match parse_int(first) {
        Some(day) => (Some(day), lead + 1),
        None if month_number(first).is_some() => (None, lead),
        None => {
            let (value, len) = parse_words(&words[lead..], 0)?;
            (Some(value as i64), lead + len)
        }
    };
    let day = match day {
        Some(day) => Some(u32::try_from(day).ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    let month = words.get(used).and_then(|w| month_number(w).filter(|_| w.len() >= 3));
    if month.is_some() {
        used += 1;
    }
    let year = month.and(words.get(used)).and_then(|w| year_of(w));
    if year.is_some() {
        used += 1;
    }
    if day.is_none() && month.is_none() {
        return None;
    }
    Some((DayParts { day, month, year }, used))
}

/// Turns two written days into a period, filling the month and year one side leaves out from
/// the other side. With no month at all it takes this month, or last month when the first day
/// is still to come; with no year, the latest such first day up to today.
fn resolve(from: DayParts, to: DayParts, today: NaiveDate) -> Period {
    let to_month = to.month.or(from.month);
    let from_month = from.month.or(to_month);
    let (from_month, to_month) = match (from_month, to_month) {
        (Some(a), Some(b)) => (a, b),
        _ => {
            let base = if from.day.is_some_and(|day| day > today.day()) {
                today.with_day(1).and_then(|d| d.checked_sub_months(Months::new(1))).unwrap_or(today)
            } else {
                today
            };
            return days_in(base.year(), base.month(), from.day, base.year(), base.month(), to.day);
        }
    };
    if !(1..=12).contains(&from_month) || !(1..=12).contains(&to_month) {
        return Period::NoSuchDay;
    }

    let wraps = to_month < from_month;
    let (from_year, to_year) = match (from.year, to.year) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) => (a, a + i32::from(wraps)),
        (None, Some(b)) => (b - i32::from(wraps), b),
        (None, None) => {
            let first = NaiveDate::from_ymd_opt(today.year(), from_month, from.day.unwrap_or(1).min(28));
            let year = if first.is_some_and(|day| day > today) { today.year() - 1 } else { today.year() };
            (year, year + i32::from(wraps))
        }
    };
    days_in(from_year, from_month, from.day, to_year, to_month, to.day)
}

/// Builds the period from day `from_day` of one month to day `to_day` of another. A missing
/// first day is the 1st, and a missing last day the end of its month.
fn days_in(from_year: i32, from_month: u32, from_day: Option<u32>, to_year: i32, to_month: u32, to_day: Option<u32>) -> Period {
    let from = NaiveDate::from_ymd_opt(from_year, from_month, from_day.unwrap_or(1));
    let to = match to_day {
        Some(day) => NaiveDate::from_ymd_opt(to_year, to_month, day),
        None => NaiveDate::from_ymd_opt(to_year, to_month, 1).and_then(last_of_month),
    };
    match (from, to) {
        (Some(from), Some(to)) if from <= to => Period::Found(from, to),
        (Some(from), Some(to)) => Period::Reversed(from, to),
        _ => Period::NoSuchDay,
    }
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
