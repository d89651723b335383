//! Dates and times of day in Indonesian ("besok jam 4 sore", "tgl 12", "rabu depan",
//! "2 hari, 3 jam lagi", "kemarin lusa").
//!
//! `scan` finds the date and time words of a line, marks them used, and returns a `When`.
//! Reminders lean to the future and job records to the past (`Lean`). Numbers are only read
//! as dates or times next to a word that marks them ("jam", "tanggal", "lagi", a month name), or
//! in the `D/M` and `HH:MM` shapes, so part values ("25V", "1000uF"), ordinals ("ke-3") and
//! hours of use ("2000 jam pemakaian") stay out.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, NaiveTime, TimeZone, Timelike, Weekday,
};

use super::normalize::Token;
use super::numbers::{parse_decimal, parse_int, parse_words};

/// When a reminder names a day but no time: the contract's 08:00, unless the shop's config
/// sets another reminder hour.
pub const DEFAULT_REMINDER_TIME: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(time) => time,
    None => panic!("08:00 is a valid time"),
};

/// Words that follow a fraction sizing a device ("AC 1/2 pk", "pipa 3/4 inch").
const SIZE_UNITS: &[&str] = &["pk", "paardekracht", "inch", "inci", "in", "dim", "hp"];

/// Direction an ambiguous date leans to: the next such day, or the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// Reminders: "senin" is the coming Monday, "tgl 3" the next 3rd.
    Future,
    /// Job records: "tgl 3" is the last 3rd; "besok" and "lusa" are not read.
    Past,
}

/// A part of the day, with the hour it means on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Subuh,
    Pagi,
    Siang,
    Sore,
    Malam,
}

impl DayPart {
    fn parse(word: &str) -> Option<DayPart> {
        match word {
            "subuh" => Some(DayPart::Subuh),
            "pagi" => Some(DayPart::Pagi),
            "siang" => Some(DayPart::Siang),
            "sore" | "petang" => Some(DayPart::Sore),
            "malam" | "malem" => Some(DayPart::Malam),
            _ => None,
        }
    }

    /// Returns the hour meant when no clock time is given: pagi 08:00, siang 12:00, sore 16:00,
    /// malam 19:00.
    fn default_hour(self) -> u32 {
        match self {
            DayPart::Subuh => 5,
            DayPart::Pagi => 8,
            DayPart::Siang => 12,
            DayPart::Sore => 16,
            DayPart::Malam => 19,
        }
    }

    /// Returns the hour at which this part of the day is over (malam lasts until midnight).
    fn end_hour(self) -> u32 {
        match self {
            DayPart::Subuh => 6,
            DayPart::Pagi => 11,
            DayPart::Siang => 15,
            DayPart::Sore => 19,
            DayPart::Malam => 24,
        }
    }

    /// Converts a 12-hour clock hour said with this part of the day to 24 hours.
    fn to_24h(self, hour: u32) -> u32 {
        match self {
            DayPart::Subuh | DayPart::Pagi => hour % 12,
            DayPart::Siang if hour <= 6 => hour + 12,
            DayPart::Siang => hour,
            DayPart::Sore if hour < 12 => hour + 12,
            DayPart::Sore => hour,
            DayPart::Malam if hour == 12 => 0,
            DayPart::Malam if (5..12).contains(&hour) => hour + 12,
            DayPart::Malam => hour,
        }
    }
}

/// Rule for moving a day-of-month date on when its moment has already passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Roll {
    #[default]
    Fixed,
    /// "tgl 4" said on the 4th after the time: the 4th of next month.
    Month,
    /// "20/12" said after that moment: next year.
    Year,
}

/// The date and time words found in a line.
#[derive(Debug, Clone, Default)]
pub struct When {
    date: Option<NaiveDate>,
    roll: Roll,
    /// Clock time as said: hour, minute, and the part of day said with it.
    clock: Option<(u32, u32, Option<DayPart>)>,
    part: Option<DayPart>,
    /// A moment given by hours or minutes from now ("1 jam lagi").
    exact: Option<DateTime<FixedOffset>>,
    /// Some date or time word was read.
    pub found: bool,
    /// Two different dates or clock times were given.
    pub conflict: bool,
}

impl When {
    /// Returns the day the words name, if any.
    pub fn day(&self) -> Option<NaiveDate> {
        self.date.or(self.exact.map(|e| e.date_naive()))
    }

    /// Computes the time of day the words name: a clock time adjusted by its part of the day, or the
    /// part of the day alone.
    fn time(&self) -> Option<NaiveTime> {
        let (hour, minute) = match (self.clock, self.part) {
            (Some((hour, minute, own)), part) => {
                let hour = match own.or(part) {
                    Some(part) => part.to_24h(hour),
                    // NOTE: a bare "jam 1" to "jam 6" is read as the afternoon, because shops
                    // are closed at those hours of the night. "jam 7" and later are as said.
                    None if (1..=6).contains(&hour) => hour + 12,
                    None => hour % 24,
                };
                (hour, minute)
            }
            (None, Some(part)) => (part.default_hour(), 0),
            (None, None) => return None,
        };
        NaiveTime::from_hms_opt(hour, minute, 0)
    }

    /// Computes the moment a reminder is due, leaning to the future: a date alone falls at 08:00, a
    /// time that has passed today with no date means tomorrow.
    pub fn due(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.due_with(now, DEFAULT_REMINDER_TIME)
    }

    /// Like `due`, with the time a date alone falls at (the shop's reminder hour).
    pub fn due_with(&self, now: DateTime<FixedOffset>, date_only_time: NaiveTime) -> Option<DateTime<FixedOffset>> {
        if let Some(exact) = self.exact {
            return Some(exact);
        }

        let today = now.date_naive();
        match (self.date, self.time()) {
            (Some(date), Some(time)) => {
                let due = at(now, date, time)?;
                if due <= now {
                    if let Some(later) = self.later_in_part(now, date) {
                        return Some(later);
                    }
                    return Some(self.rolled(now, date, time).unwrap_or(due));
                }
                Some(due)
            }
            (Some(date), None) => {
                let due = at(now, date, date_only_time)?;
                if due > now {
                    return Some(due);
                }
                if let Some(rolled) = self.rolled(now, date, date_only_time) {
                    return Some(rolled);
                }
                // "hari ini" after the reminder hour: the next full hour, still today where possible.
                if date == today {
                    let midnight = at(now, today, NaiveTime::MIN)?;
                    return Some(midnight + Duration::hours(i64::from(now.hour()) + 1));
                }
                Some(due)
            }
            (None, Some(time)) => {
                let due = at(now, today, time)?;
                if due <= now {
                    return at(now, today.succ_opt()?, time);
                }
                Some(due)
            }
            (None, None) => None,
        }
    }

    /// Handles "nanti malam" or "malam ini" said after the part's usual hour: the next full hour
    /// while that part of the day lasts, else the part's hour tomorrow. Returns `None` when
    /// the words name a clock time or a day other than today.
    fn later_in_part(&self, now: DateTime<FixedOffset>, date: NaiveDate) -> Option<DateTime<FixedOffset>> {
        let part = self.part.filter(|_| self.clock.is_none() && date == now.date_naive())?;
        let midnight = at(now, date, NaiveTime::MIN)?;
        if now.hour() < part.end_hour() {
            return Some(midnight + Duration::hours(i64::from(now.hour()) + 1));
        }
        at(now, date.succ_opt()?, NaiveTime::from_hms_opt(part.default_hour(), 0, 0)?)
    }

    /// Moves a day-of-month or day-and-month date forward until its moment is after `now`.
    fn rolled(&self, now: DateTime<FixedOffset>, date: NaiveDate, time: NaiveTime) -> Option<DateTime<FixedOffset>> {
        let step = match self.roll {
            Roll::Fixed => return None,
            Roll::Month => 1,
            Roll::Year => 12,
        };
        (1..=48).find_map(|k| {
            let next = same_day_months_later(date, step * k)?;
            at(now, next, time).filter(|due| *due > now)
        })
    }

    fn add_date(&mut self, date: NaiveDate, roll: Roll) {
        match self.date {
            None => {
                self.date = Some(date);
                self.roll = roll;
            }
            Some(existing) if existing != date => self.conflict = true,
            Some(_) => {}
        }
    }
}

/// Returns the moment `date` at `time` in the zone of `now`.
fn at(now: DateTime<FixedOffset>, date: NaiveDate, time: NaiveTime) -> Option<DateTime<FixedOffset>> {
    now.offset().from_local_datetime(&date.and_time(time)).single()
}

/// Returns the same day of the month `months` later, or `None` when that month lacks the day.
fn same_day_months_later(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    let first = date.with_day(1)?.checked_add_months(Months::new(months))?;
    first.with_day(date.day())
}

/// Month number (1 to 12) of a month name or its usual abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let month = match word {
        "januari" | "jan" => 1,
        "februari" | "pebruari" | "feb" | "peb" => 2,
        "maret" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" => 5,
        "juni" | "jun" => 6,
        "juli" | "jul" => 7,
        "agustus" | "agu" | "agt" | "ags" | "agus" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "okt" | "oct" => 10,
        "november" | "nov" | "nop" => 11,
        "desember" | "des" | "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// Weekday of a day name; `abbreviated` is true for short forms that need context ("sen").
fn weekday(word: &str) -> Option<(Weekday, bool)> {
    let day = match word {
        "senin" => (Weekday::Mon, false),
        "selasa" => (Weekday::Tue, false),
        "rabu" => (Weekday::Wed, false),
        "kamis" => (Weekday::Thu, false),
        "jumat" | "jumaat" => (Weekday::Fri, false),
        "sabtu" => (Weekday::Sat, false),
        "minggu" | "ahad" => (Weekday::Sun, false),
        "sen" => (Weekday::Mon, true),
        "sel" | "sls" => (Weekday::Tue, true),
        "rab" => (Weekday::Wed, true),
        "kam" => (Weekday::Thu, true),
        "jum" => (Weekday::Fri, true),
        "sab" => (Weekday::Sat, true),
        "min" => (Weekday::Sun, true),
        _ => return None,
    };
    Some(day)
}

/// A unit of a relative duration, in minutes for clock units or in days and months.
enum Span {
    Minutes(f64),
    Days(f64),
    Months(f64),
}

fn duration_unit(word: &str) -> Option<fn(f64) -> Span> {
    let unit: fn(f64) -> Span = match word {
        "detik" => |n| Span::Minutes(n / 60.0),
        "menit" | "mnt" => Span::Minutes,
        "jam" => |n| Span::Minutes(n * 60.0),
        "hari" => Span::Days,
        "minggu" => |n| Span::Days(n * 7.0),
        "bulan" => Span::Months,
        "tahun" | "thn" => |n| Span::Months(n * 12.0),
        _ => return None,
    };
    Some(unit)
}

/// Single words that carry their own count: "sejam" is one hour.
fn se_duration(word: &str) -> Option<Span> {
    let span = match word {
        "semenit" => Span::Minutes(1.0),
        "sejam" => Span::Minutes(60.0),
        "sehari" => Span::Days(1.0),
        "seminggu" | "sepekan" => Span::Days(7.0),
        "sebulan" => Span::Months(1.0),
        "setahun" => Span::Months(12.0),
        _ => return None,
    };
    Some(span)
}

/// Result of one matcher.
enum Piece {
    Date(NaiveDate, Roll),
    Clock(u32, u32, Option<DayPart>),
    Part(DayPart),
    Exact(DateTime<FixedOffset>),
    /// "nanti" alone: later today, with no time.
    Vague,
}

struct Scanner<'a> {
    tokens: &'a [Token],
    now: DateTime<FixedOffset>,
    today: NaiveDate,
    lean: Lean,
    /// Index of the first word not used before the scan: the opening word of the slots.
    first_free: usize,
}

/// Finds the date and time words in the tokens not yet `used`, marks them used, and returns
/// what they mean.
pub fn scan(tokens: &[Token], used: &mut [bool], now: DateTime<FixedOffset>, lean: Lean) -> When {
    let first_free = (0..tokens.len()).find(|&i| tokens[i].is_word() && !used[i]).unwrap_or(tokens.len());
    let scanner = Scanner { tokens, now, today: now.date_naive(), lean, first_free };
    let mut when = When::default();
    let mut last_end = usize::MAX;
    let mut i = 0;

    while i < tokens.len() {
        if used[i] || !tokens[i].is_word() {
            i += 1;
            continue;
        }

        let after_time_words = last_end == i;
        let Some((end, pieces)) = scanner.match_at(i, after_time_words) else {
            i += 1;
            continue;
        };
        if used[i..end].contains(&true) {
            i += 1;
            continue;
        }

        used[i..end].iter_mut().for_each(|u| *u = true);
        when.found = true;
        for piece in pieces {
            match piece {
                Piece::Date(date, roll) => when.add_date(date, roll),
                Piece::Clock(hour, minute, part) => match when.clock {
                    None => when.clock = Some((hour, minute, part)),
                    Some(_) => when.conflict = true,
                },
                Piece::Part(part) => {
                    when.part.get_or_insert(part);
                }
                Piece::Exact(moment) => {
                    when.exact.get_or_insert(moment);
                }
                Piece::Vague => {}
            }
        }
        last_end = end;
        i = end;
    }

    when
}

impl Scanner<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.tokens.get(i).filter(|t| t.is_word()).map(|t| t.low.as_str())
    }

    fn int(&self, i: usize) -> Option<i64> {
        self.word(i).and_then(parse_int)
    }

    fn is_number_word(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| parse_decimal(w).is_some() || parse_words(&[w], 0).is_some())
    }

    fn days(&self, n: i64) -> Option<NaiveDate> {
        self.today.checked_add_signed(Duration::try_days(n)?)
    }

    fn match_at(&self, i: usize, after_time_words: bool) -> Option<(usize, Vec<Piece>)> {
        self.duration(i)
            .or_else(|| self.relative_day(i))
            .or_else(|| self.week_or_month(i))
            .or_else(|| self.named_weekday(i))
            .or_else(|| self.calendar_date(i))
            .or_else(|| self.clock(i))
            .or_else(|| self.day_part(i, after_time_words))
    }

    /// Reads a count at `i`: digits, a decimal ("1,5") or number words ("dua", "setengah").
    fn count(&self, i: usize) -> Option<(f64, usize)> {
        let word = self.word(i)?;
        if let Some(value) = parse_decimal(word) {
            return Some((value, 1));
        }
        let words: Vec<&str> = (i..self.tokens.len().min(i + 6)).map_while(|j| self.word(j)).collect();
        let (value, read) = parse_words(&words, 0)?;
        // Money words end a number ("lima ribu") and never start a duration.
        if words[..read].iter().any(|w| matches!(*w, "ribu" | "rebu" | "juta" | "rb" | "jt")) {
            return None;
        }
        Some((value, read))
    }

    /// Reads one "N unit" pair at `i`; returns the span and the index after it.
    fn duration_pair(&self, i: usize) -> Option<(Span, usize)> {
        if let Some(span) = self.word(i).and_then(se_duration) {
            return Some((span, i + 1));
        }
        let (count, read) = self.count(i)?;
        let unit = self.word(i + read).and_then(duration_unit)?;
        Some((unit(count), i + read + 1))
    }

    /// "2 hari lagi", "dalam 3 hari", "1 jam lagi", "2 hari, 3 jam lagi", "3 hari yang lalu".
    fn duration(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let mut j = i;
        let within = self.word(j) == Some("dalam");
        if within {
            j += 1;
        }

        let (mut minutes, mut days, mut months) = (0.0, 0.0, 0.0);
        let mut pairs = 0;
        while let Some((span, next)) = self.duration_pair(j) {
            match span {
                Span::Minutes(n) => minutes += n,
                Span::Days(n) => days += n,
                Span::Months(n) => months += n,
            }
            pairs += 1;
            j = next;

            // "2 hari, 3 jam lagi" and "2 hari dan 3 jam lagi" go on after a comma or "dan".
            let joiner = self.tokens.get(j).is_some_and(|t| t.low == "," || t.low == "dan");
            if joiner && self.duration_pair(j + 1).is_some() {
                j += 1;
            }
        }
        if pairs == 0 {
            return None;
        }

        let sign = match (self.word(j), self.word(j + 1)) {
            (Some("lagi" | "lg" | "kemudian" | "mendatang"), _) => {
                j += 1;
                1.0
            }
            (Some("ke"), Some("depan")) => {
                j += 2;
                1.0
            }
            (Some("yang"), Some("lalu" | "lewat")) => {
                j += 2;
                -1.0
            }
            (Some("lalu" | "sebelumnya" | "silam"), _) => {
                j += 1;
                -1.0
            }
            _ if within => 1.0,
            _ => return None,
        };

        let month_count = (months * sign) as i32;
        let shifted = |base: NaiveDate| -> Option<NaiveDate> {
            let moved = if month_count >= 0 {
                base.checked_add_months(Months::new(month_count as u32))?
            } else {
                base.checked_sub_months(Months::new(month_count.unsigned_abs()))?
            };
            moved.checked_add_signed(Duration::try_days((days * sign) as i64)?)
        };

        if minutes > 0.0 {
            let base = self.now.date_naive();
            let date = shifted(base)?;
            // Absurd offsets ("99999999999 jam lagi") fall outside chrono's range: no date then.
            let offset = Duration::try_seconds((minutes * 60.0 * sign) as i64)?;
            let moment = self.now.checked_add_signed(date - base)?.checked_add_signed(offset)?;
            return Some((j, vec![Piece::Exact(moment)]));
        }
        Some((j, vec![Piece::Date(shifted(self.today)?, Roll::Fixed)]))
    }

    /// "kemarin", "kemarin lusa", "besok", "lusa", "hari ini", "tadi", "nanti".
    fn relative_day(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let future = self.lean == Lean::Future;
        let piece = |n: i64| self.days(n).map(|d| Piece::Date(d, Roll::Fixed));
        match (self.word(i)?, self.word(i + 1)) {
            ("kemarin", Some("lusa")) => Some((i + 2, vec![piece(-2)?])),
            ("kemarin", _) => Some((i + 1, vec![piece(-1)?])),
            ("besok" | "esok", Some("lusa")) if future => Some((i + 2, vec![piece(2)?])),
            ("besok" | "esok" | "besoknya", _) if future => Some((i + 1, vec![piece(1)?])),
            ("lusa", _) if future => Some((i + 1, vec![piece(2)?])),
            ("hari", Some("ini")) => Some((i + 2, vec![piece(0)?])),
            ("tadi", _) => Some((i + 1, vec![piece(0)?])),
            ("nanti" | "entar" | "ntar", next) if future => {
                let later_today = next.is_some_and(|w| DayPart::parse(w).is_some() || w == "jam" || w == "pukul");
                if later_today {
                    Some((i + 1, vec![piece(0)?]))
                } else {
                    Some((i + 1, vec![Piece::Vague]))
                }
            }
            _ => None,
        }
    }

    /// "minggu depan", "minggu lalu", "bulan depan", "awal bulan depan", "akhir bulan".
    fn week_or_month(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let today = self.today;
        let this_month = today.with_day(1)?;
        let date = |d: NaiveDate| vec![Piece::Date(d, Roll::Fixed)];
        let (w0, w1, w2) = (self.word(i)?, self.word(i + 1), self.word(i + 2));

        // A count before "minggu"/"bulan" belongs to a duration, never to these phrases.
        if i > 0 && self.is_number_word(i - 1) {
            return None;
        }

        match (w0, w1, w2) {
            ("minggu", Some("depan"), _) => Some((i + 2, date(self.days(7)?))),
            ("minggu", Some("lalu" | "kemarin"), _) => Some((i + 2, date(self.days(-7)?))),
            ("bulan", Some("depan"), _) => Some((i + 2, date(today.checked_add_months(Months::new(1))?))),
            ("bulan", Some("lalu" | "kemarin"), _) => Some((i + 2, date(today.checked_sub_months(Months::new(1))?))),
            ("awal", Some("bulan"), Some("depan")) => Some((i + 3, date(this_month.checked_add_months(Months::new(1))?))),
            ("awal", Some("bulan"), Some("ini")) => Some((i + 3, date(this_month))),
            ("awal", Some("bulan"), _) => {
                let first = match self.lean {
                    Lean::Future if today.day() > 1 => this_month.checked_add_months(Months::new(1))?,
                    _ => this_month,
                };
                Some((i + 2, date(first)))
            }
            ("akhir", Some("bulan"), Some("depan")) => {
                let next = this_month.checked_add_months(Months::new(2))?.pred_opt()?;
                Some((i + 3, date(next)))
            }
            ("akhir", Some("bulan"), Some("lalu" | "kemarin")) => Some((i + 3, date(this_month.pred_opt()?))),
            ("akhir", Some("bulan"), next) => {
                let last = this_month.checked_add_months(Months::new(1))?.pred_opt()?;
                let end = if next == Some("ini") { i + 3 } else { i + 2 };
                Some((end, date(last)))
            }
            ("pertengahan" | "tengah", Some("bulan"), _) => {
                let mid = today.with_day(15)?;
                let mid = match self.lean {
                    Lean::Future if mid < today => mid.checked_add_months(Months::new(1))?,
                    Lean::Past if mid > today => mid.checked_sub_months(Months::new(1))?,
                    _ => mid,
                };
                Some((i + 2, date(mid)))
            }
            ("awal", Some("minggu"), Some("depan")) => {
                let monday = self.days(7 - i64::from(today.weekday().num_days_from_monday()))?;
                Some((i + 3, date(monday)))
            }
            ("akhir", Some("minggu"), next) | ("weekend", next, _) if self.lean == Lean::Future => {
                let offset = (5 - i64::from(today.weekday().num_days_from_monday())).rem_euclid(7);
                let end = if w0 == "weekend" { i + 1 } else if next == Some("ini") { i + 3 } else { i + 2 };
                Some((end, date(self.days(offset)?)))
            }
            _ => None,
        }
    }

    /// "senin", "hari kamis", "rabu depan", "jumat lalu", "sen depan".
    fn named_weekday(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let mut j = i;
        let with_hari = self.word(j) == Some("hari");
        if with_hari {
            j += 1;
        }
        let word = self.word(j)?;
        let (day, abbreviated) = weekday(word)?;

        // "2 minggu", "seminggu", "minggu ke-2" count weeks; "minggu ini" is a week.
        if word == "minggu" && !with_hari {
            let after = self.word(j + 1);
            let counted = j > 0 && self.is_number_word(j - 1);
            let week = after.is_some_and(|w| w == "ini" || w == "ke" || w.starts_with("ke-"));
            if counted || week {
                return None;
            }
        }

        let qualifier = self.word(j + 1).filter(|w| matches!(*w, "depan" | "ini" | "lalu" | "kemarin"));
        if abbreviated && !with_hari && qualifier.is_none() {
            let timed = self.word(j + 1).is_some_and(|w| w == "jam" || w == "pukul" || DayPart::parse(w).is_some());
            // "ingatkan sen beli timah": a reminder's first word is its date. "min" is left out
            // because it also addresses an admin ("min, stok elco ada?").
            let opening = self.lean == Lean::Future && j == self.first_free && word != "min";
            if !timed && !opening {
                return None;
            }
        }

        let today = self.today;
        let today_index = i64::from(today.weekday().num_days_from_monday());
        let target = i64::from(day.num_days_from_monday());
        let offset = match (qualifier, self.lean) {
            (Some("depan"), _) => 7 - today_index + target,
            (Some("ini"), _) => target - today_index,
            (Some("lalu" | "kemarin"), _) => -((today_index - target - 1).rem_euclid(7) + 1),
            (_, Lean::Future) => (target - today_index - 1).rem_euclid(7) + 1,
            (_, Lean::Past) => -(today_index - target).rem_euclid(7),
        };
        let end = if qualifier.is_some() { j + 2 } else { j + 1 };
        Some((end, vec![Piece::Date(self.days(offset)?, Roll::Fixed)]))
    }

    /// "tanggal 12", "tgl 12 des", "12 Desember 2026", "20/12", "20/12/26", "12-1-2026".
    fn calendar_date(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let word = self.word(i)?;

        if word == "tanggal" || word == "tgl" {
            let next = self.word(i + 1)?;
            if let Some(found) = self.slashed(next, i + 2) {
                return Some(found);
            }
            let day = u32::try_from(self.int(i + 1)?).ok().filter(|d| (1..=31).contains(d))?;
            if let Some(found) = self.day_month_words(day, i + 2) {
                return Some(found);
            }
            if self.word(i + 2) == Some("bulan") && self.word(i + 3) == Some("depan") {
                let first = self.today.with_day(1)?.checked_add_months(Months::new(1))?;
                return Some((i + 4, vec![Piece::Date(first.with_day(day)?, Roll::Fixed)]));
            }
            return Some((i + 2, vec![self.day_of_month(day)?]));
        }

        if let Some(found) = self.slashed(word, i + 1) {
            return Some(found);
        }

        let day = u32::try_from(self.int(i)?).ok().filter(|d| (1..=31).contains(d))?;
        self.day_month_words(day, i + 1)
    }

    /// "12 des", "12 desember 2026" after a day number already read; `i` is the month word.
    fn day_month_words(&self, day: u32, i: usize) -> Option<(usize, Vec<Piece>)> {
        let month = self.word(i).and_then(month_number)?;
        let year = self.int(i + 1).filter(|y| (1900..=2100).contains(y) || (0..=99).contains(y));
        let (end, year) = match year {
            Some(y) if y < 100 => (i + 2, Some(2000 + y as i32)),
            Some(y) => (i + 2, Some(y as i32)),
            None => (i + 1, None),
        };
        Some((end, vec![self.day_and_month(day, month, year)?]))
    }

    /// "20/12", "20/12/26", "12-1-2026".
    fn slashed(&self, word: &str, end: usize) -> Option<(usize, Vec<Piece>)> {
        // "1/2 pk", "3/4 inch": a fraction that sizes a device, never a day.
        if self.word(end).is_some_and(|next| SIZE_UNITS.contains(&next)) {
            return None;
        }
        let separator = if word.contains('/') { '/' } else { '-' };
        let parts: Vec<&str> = word.split(separator).collect();
        let valid = match separator {
            '/' => parts.len() == 2 || parts.len() == 3,
            _ => parts.len() == 3,
        };
        if !valid || parts.iter().any(|p| parse_int(p).is_none()) {
            return None;
        }
        let day = parts[0].parse::<u32>().ok()?;
        let month = parts[1].parse::<u32>().ok()?;
        let year = match parts.get(2) {
            Some(y) if y.len() <= 2 => Some(2000 + y.parse::<i32>().ok()?),
            Some(y) => Some(y.parse::<i32>().ok()?),
            None => None,
        };
        Some((end, vec![self.day_and_month(day, month, year)?]))
    }

    /// A day of a month in a given year, or the next/last such day when no year is said.
    fn day_and_month(&self, day: u32, month: u32, year: Option<i32>) -> Option<Piece> {
        if let Some(year) = year {
            return Some(Piece::Date(NaiveDate::from_ymd_opt(year, month, day)?, Roll::Fixed));
        }
        let this_year = self.today.year();
        let candidates = (0..8).map(|k| match self.lean {
            Lean::Future => this_year + k,
            Lean::Past => this_year - k,
        });
        for year in candidates {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let fits = match self.lean {
                Lean::Future => date >= self.today,
                Lean::Past => date <= self.today,
            };
            if fits {
                return Some(Piece::Date(date, Roll::Year));
            }
        }
        None
    }

    /// "tanggal 12" alone: the next 12th for a reminder, the last 12th for a record.
    fn day_of_month(&self, day: u32) -> Option<Piece> {
        let first = self.today.with_day(1)?;
        for k in 0..24 {
            let month = match self.lean {
                Lean::Future => first.checked_add_months(Months::new(k))?,
                Lean::Past => first.checked_sub_months(Months::new(k))?,
            };
            let Some(date) = month.with_day(day) else {
                continue;
            };
            let fits = match self.lean {
                Lean::Future => date >= self.today,
                Lean::Past => date <= self.today,
            };
            if fits {
                return Some(Piece::Date(date, Roll::Month));
            }
        }
        None
    }

    /// "jam 10", "jam 4 sore", "pukul 09.15", "13:00", "setengah 8 malam", "9 pagi".
    fn clock(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let word = self.word(i)?;

        if matches!(word, "jam" | "pukul" | "pkl") {
            if self.word(i + 1) == Some("setengah") {
                return self.half_hour(i + 1);
            }
            let (hour, minute) = clock_value(self.word(i + 1)?, true)?;
            return Some(self.finish_clock(hour, minute, i + 2));
        }

        if word == "setengah" {
            return self.half_hour(i);
        }

        // A bare "13:00" is always a time; "13.00" only in a reminder, where prices are rare.
        let bare_dot = self.lean == Lean::Future && word.contains('.');
        if word.contains(':') || bare_dot {
            let next_is_unit = self.word(i + 1).is_some_and(|w| matches!(w, "rb" | "ribu" | "jt" | "juta" | "k"));
            if !next_is_unit {
                if let Some((hour, minute)) = clock_value(word, false) {
                    return Some(self.finish_clock(hour, minute, i + 1));
                }
            }
        }

        // "9 pagi", "4 sore": a small number right before a part of the day.
        let hour = u32::try_from(self.int(i)?).ok().filter(|h| (1..=12).contains(h))?;
        let part = self.word(i + 1).and_then(DayPart::parse)?;
        Some((i + 2, vec![Piece::Clock(hour, 0, Some(part))]))
    }

    /// "setengah 8 (malam)" at `i` is half past seven.
    fn half_hour(&self, i: usize) -> Option<(usize, Vec<Piece>)> {
        let (value, read) = self.count(i + 1)?;
        if value.fract() != 0.0 || !(1.0..=12.0).contains(&value) {
            return None;
        }
        // "setengah 2 kilo", "setengah 1 jam lagi" are not clock times.
        if self.word(i + 1 + read).and_then(duration_unit).is_some() {
            return None;
        }
        let hour = value as u32 - 1;
        let hour = if hour == 0 { 12 } else { hour };
        Some(self.finish_clock(hour, 30, i + 1 + read))
    }

    /// Reads "lewat N menit" and a part of the day after a clock time ending before `end`.
    fn finish_clock(&self, hour: u32, minute: u32, mut end: usize) -> (usize, Vec<Piece>) {
        let mut minute = minute;
        if self.word(end) == Some("lewat") {
            if let Some(extra) = self.int(end + 1).filter(|m| (0..60).contains(m)) {
                minute = (minute + extra as u32) % 60;
                end += 2;
                if self.word(end) == Some("menit") {
                    end += 1;
                }
            }
        }
        let part = self.word(end).and_then(DayPart::parse);
        if part.is_some() {
            end += 1;
        }
        (end, vec![Piece::Clock(hour, minute, part)])
    }

    /// "pagi", "nanti malam", "malam ini", "kemarin sore". In a record a part of the day only
    /// counts right after other date words, so "lampu mati kalau malam" keeps its words.
    fn day_part(&self, i: usize, after_time_words: bool) -> Option<(usize, Vec<Piece>)> {
        let part = DayPart::parse(self.word(i)?)?;
        let greeting = i > 0 && self.word(i - 1) == Some("selamat");
        if greeting || (self.lean == Lean::Past && !after_time_words) {
            return None;
        }
        if self.word(i + 1) == Some("ini") {
            return Some((i + 2, vec![Piece::Date(self.today, Roll::Fixed), Piece::Part(part)]));
        }
        Some((i + 1, vec![Piece::Part(part)]))
    }
}

/// Reads "13:00", "09.15" or, when `hour_alone` allows it, "9", as an hour and a minute.
fn clock_value(word: &str, hour_alone: bool) -> Option<(u32, u32)> {
    let (hour, minute) = match word.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (parse_int(h)?, parse_int(m)?),
        Some(_) => return None,
        None if hour_alone => (parse_int(word)?, 0),
        None => return None,
    };
    if !(0..=24).contains(&hour) || !(0..60).contains(&minute) || word.len() > 5 {
        return None;
    }
    Some((hour as u32, minute as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn now(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn due(line: &str, at: &str) -> Option<String> {
        let tokens = tokenize(line);
        let mut used = vec![false; tokens.len()];
        let when = scan(&tokens, &mut used, now(at), Lean::Future);
        when.due(now(at)).map(|d| d.to_rfc3339())
    }

    fn day(line: &str, at: &str) -> Option<String> {
        let tokens = tokenize(line);
        let mut used = vec![false; tokens.len()];
        scan(&tokens, &mut used, now(at), Lean::Past).day().map(|d| d.to_string())
    }

    // Friday 4 December 2026, 10:00 in Jakarta.
    const FRI: &str = "2026-12-04T10:00:00+07:00";

    #[test]
    fn reminder_due() {
        let cases = [
            ("besok", "2026-12-05T08:00:00+07:00"),
            ("bsk pagi", "2026-12-05T08:00:00+07:00"),
            ("esok jam 9", "2026-12-05T09:00:00+07:00"),
            ("lusa jam 10", "2026-12-06T10:00:00+07:00"),
            ("nanti malam", "2026-12-04T19:00:00+07:00"),
            ("nanti siang", "2026-12-04T12:00:00+07:00"),
            ("sore ini", "2026-12-04T16:00:00+07:00"),
            ("jam 4 sore", "2026-12-04T16:00:00+07:00"),
            ("jam 1 siang", "2026-12-04T13:00:00+07:00"),
            ("jam 7 malam", "2026-12-04T19:00:00+07:00"),
            ("jam 9 pagi", "2026-12-05T09:00:00+07:00"),
            ("jam 3", "2026-12-04T15:00:00+07:00"),
            ("jam 11", "2026-12-04T11:00:00+07:00"),
            ("13:00", "2026-12-04T13:00:00+07:00"),
            ("13.00", "2026-12-04T13:00:00+07:00"),
            ("pukul 09.15", "2026-12-05T09:15:00+07:00"),
            ("setengah 8 malam", "2026-12-04T19:30:00+07:00"),
            ("setengah 4 sore", "2026-12-04T15:30:00+07:00"),
            ("jam setengah 5", "2026-12-04T16:30:00+07:00"),
            ("rabu depan", "2026-12-09T08:00:00+07:00"),
            ("senin", "2026-12-07T08:00:00+07:00"),
            ("hari jumat", "2026-12-11T08:00:00+07:00"),
            ("jum'at jam 2", "2026-12-11T14:00:00+07:00"),
            ("sen depan", "2026-12-07T08:00:00+07:00"),
            ("hari minggu", "2026-12-06T08:00:00+07:00"),
            ("minggu pagi", "2026-12-06T08:00:00+07:00"),
            ("minggu depan", "2026-12-11T08:00:00+07:00"),
            ("mg dpn", "2026-12-11T08:00:00+07:00"),
            ("tanggal 15", "2026-12-15T08:00:00+07:00"),
            ("tgl 3", "2027-01-03T08:00:00+07:00"),
            ("tgl 4", "2027-01-04T08:00:00+07:00"),
            ("20/12", "2026-12-20T08:00:00+07:00"),
            ("1/12", "2027-12-01T08:00:00+07:00"),
            ("5/1/27", "2027-01-05T08:00:00+07:00"),
            ("12-1-2027", "2027-01-12T08:00:00+07:00"),
            ("12 Des 2026", "2026-12-12T08:00:00+07:00"),
            ("tanggal 2 januari jam 9", "2027-01-02T09:00:00+07:00"),
            ("akhir bulan", "2026-12-31T08:00:00+07:00"),
            ("awal bulan depan", "2027-01-01T08:00:00+07:00"),
            ("bulan depan", "2027-01-04T08:00:00+07:00"),
            ("3 hari lagi", "2026-12-07T08:00:00+07:00"),
            ("dalam 2 hari", "2026-12-06T08:00:00+07:00"),
            ("dua hari lagi jam 1 siang", "2026-12-06T13:00:00+07:00"),
            ("1 jam lagi", "2026-12-04T11:00:00+07:00"),
            ("sejam lagi", "2026-12-04T11:00:00+07:00"),
            ("setengah jam lagi", "2026-12-04T10:30:00+07:00"),
            ("10 menit lagi", "2026-12-04T10:10:00+07:00"),
            ("2 hari, 3 jam lagi", "2026-12-06T13:00:00+07:00"),
            ("2 minggu lagi", "2026-12-18T08:00:00+07:00"),
            ("hari ini", "2026-12-04T11:00:00+07:00"),
        ];
        for (line, want) in cases {
            assert_eq!(due(line, FRI).as_deref(), Some(want), "line {line:?}");
        }
    }

    #[test]
    fn sunday_evening() {
        let sunday = "2026-12-06T20:00:00+07:00";
        assert_eq!(due("senin", sunday).as_deref(), Some("2026-12-07T08:00:00+07:00"));
        assert_eq!(due("besok", sunday).as_deref(), Some("2026-12-07T08:00:00+07:00"));
        assert_eq!(due("jam 7 malam", sunday).as_deref(), Some("2026-12-07T19:00:00+07:00"));
    }

    #[test]
    fn not_dates() {
        let cases = [
            "elco 1000uF 25V",
            "ke-3",
            "ke-40",
            "2000 jam pemakaian",
            "fuse 2A",
            "TV 43 inch",
            "Redmi 8",
            "mesin cuci 2 tabung",
            "5 biji",
            "jam dinding",
            "selamat pagi",
            "2 minggu",
        ];
        for line in cases {
            assert_eq!(due(line, FRI), None, "line {line:?}");
        }
    }

    #[test]
    fn record_day() {
        let cases = [
            ("kemarin", "2026-12-03"),
            ("kmrn sore", "2026-12-03"),
            ("kemarin lusa", "2026-12-02"),
            ("3 hari yang lalu", "2026-12-01"),
            ("2 hari yg lalu", "2026-12-02"),
            ("tgl 2", "2026-12-02"),
            ("tanggal 10", "2026-11-10"),
            ("senin", "2026-11-30"),
            ("jumat", "2026-12-04"),
            ("jumat lalu", "2026-11-27"),
            ("20/12", "2025-12-20"),
            ("hari ini", "2026-12-04"),
            ("tadi pagi", "2026-12-04"),
            ("minggu lalu", "2026-11-27"),
        ];
        for (line, want) in cases {
            assert_eq!(day(line, FRI).as_deref(), Some(want), "line {line:?}");
        }
        assert_eq!(day("besok", FRI), None);
    }
}
