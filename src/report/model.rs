//! Report data and the pure helpers that format it.
//!
//! This file owns the plain data that the rest of Nano fills in for a report (jobs, open
//! reminders, low stock) and the Indonesian formatting shared by the terminal view and the PDF
//! writer: Rupiah amounts, dates and status labels. It must stay free of IO and of any PDF or
//! terminal code, so that both outputs show the same numbers and words.

use chrono::{Datelike, NaiveDate, Weekday};

/// Job statuses in the order a repair moves through them.
///
/// `batal` (cancelled) comes last because a job can be cancelled at any step.
pub const STATUS_ORDER: [&str; 6] = [
    "masuk",
    "proses",
    "tunggu_part",
    "selesai",
    "diambil",
    "batal",
];

/// Status of a cancelled job, whose price is left out of the income.
pub const STATUS_CANCELLED: &str = "batal";

/// Statuses whose price counts as income: the work is done.
pub const STATUS_FINISHED: [&str; 2] = ["selesai", "diambil"];

/// Everything one report shows, collected for a period.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// Report title, for example "Laporan Mingguan".
    pub title: String,
    /// Shop name from the user's memory, if the user has given one.
    pub shop_name: Option<String>,
    /// First day of the period, inclusive.
    pub from: NaiveDate,
    /// Last day of the period, inclusive.
    pub to: NaiveDate,
    /// Local time at which the report was made.
    pub generated_at: chrono::NaiveDateTime,
    pub jobs: Vec<ReportJob>,
    pub open_reminders: Vec<ReportReminder>,
    pub low_stock: Vec<ReportStock>,
    /// Parts fitted in the period's jobs, most used first.
    pub parts_used: Vec<ReportPart>,
    /// Finished jobs waiting for pickup longer than `unclaimed_after_days`, longest first.
    pub unclaimed: Vec<ReportUnclaimed>,
    /// Days a finished job may wait before it is listed in `unclaimed`.
    pub unclaimed_after_days: u32,
    /// Jobs picked up (and so paid) within the period, whenever they came in.
    pub picked_up: Vec<ReportPickup>,
    /// Warranties that end within `WARRANTY_SOON_DAYS` of the report day, soonest first.
    pub warranties_ending: Vec<ReportWarranty>,
}

/// "hari ini terakhir", "besok terakhir" or "5 hari lagi".
pub fn days_left_text(days: i64) -> String {
    match days {
        0 => "hari ini terakhir".to_string(),
        1 => "besok terakhir".to_string(),
        days => format!("{days} hari lagi"),
    }
}

/// Days ahead in which an ending warranty is listed in a report.
pub const WARRANTY_SOON_DAYS: i64 = 14;

/// A job picked up in the period, with the day of pickup.
#[derive(Debug, Clone)]
pub struct ReportPickup {
    pub id: i64,
    pub picked_on: NaiveDate,
    pub price: Option<i64>,
}

/// A job whose warranty ends soon.
#[derive(Debug, Clone)]
pub struct ReportWarranty {
    pub id: i64,
    pub customer: String,
    pub device: String,
    pub ends: NaiveDate,
    /// Days from the report day to the last day of the warranty (0 on the last day).
    pub days_left: i64,
}

/// Total quantity of one part fitted in the period.
#[derive(Debug, Clone)]
pub struct ReportPart {
    pub name: String,
    pub qty: f64,
    pub unit: String,
}

/// A finished job that has waited for pickup too long.
#[derive(Debug, Clone)]
pub struct ReportUnclaimed {
    pub id: i64,
    pub customer: String,
    /// Device type and brand, for example "TV Polytron".
    pub device: String,
    /// Day the job reached `selesai`, or the job's own date when no change was recorded.
    pub finished: NaiveDate,
    /// Whole days from `finished` to the report's creation day.
    pub days_waiting: i64,
}

/// Jobs and income of one device type or brand.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub label: String,
    pub count: usize,
    /// Income in Rupiah, counted like [`ReportData::total_income`].
    pub income: i64,
}

/// How many days one bar of the jobs chart covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketSize {
    Day,
    Week,
    Month,
    Year,
}

/// One bar of the jobs chart: the jobs dated within `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub count: usize,
}

/// Longest period drawn with one bar per day; a month has at most 31 days.
const MAX_DAY_BARS: i64 = 31;
/// Longest period drawn with one bar per week, in days (26 weeks).
const MAX_WEEK_BAR_DAYS: i64 = 26 * 7;
/// Most bars drawn per month; longer periods get one bar per year.
const MAX_MONTH_BARS: i64 = 36;

/// One repair job in the period.
#[derive(Debug, Clone)]
pub struct ReportJob {
    pub id: i64,
    /// Day the device came in.
    pub date: NaiveDate,
    pub device: String,
    pub brand: String,
    /// Model or type code ("J2"), empty when unknown.
    pub model: String,
    pub customer: String,
    pub complaint: String,
    /// One of [`STATUS_ORDER`]. Other values are shown as they are.
    pub status: String,
    /// Agreed price in Rupiah, if one has been set.
    pub price: Option<i64>,
}

/// A reminder that is not done yet.
#[derive(Debug, Clone)]
pub struct ReportReminder {
    pub id: i64,
    /// Local time at which the reminder is due.
    pub due: chrono::NaiveDateTime,
    pub text: String,
}

/// A stock item at or below its minimum quantity.
#[derive(Debug, Clone)]
pub struct ReportStock {
    pub item: String,
    /// Quantity on hand, in `unit`.
    pub qty: f64,
    /// Unit of `qty` and `min_qty`, for example "pcs" or "meter".
    pub unit: String,
    /// Quantity at which the item counts as low, in `unit`.
    pub min_qty: f64,
}

impl ReportData {
    /// Sums the prices of finished jobs (`selesai` and `diambil`), in Rupiah.
    ///
    /// Jobs still in the shop are not income yet and cancelled ones never are. Jobs without a
    /// price count as zero. The sum saturates at `i64::MAX` instead of overflowing.
    pub fn total_income(&self) -> i64 {
        self.price_sum(|status| STATUS_FINISHED.contains(&status))
    }

    /// Sums the prices of the jobs picked up in the period: the money that came in, whatever
    /// day the jobs came in. The sum saturates instead of overflowing.
    pub fn money_in(&self) -> i64 {
        self.picked_up.iter().filter_map(|job| job.price).fold(0_i64, i64::saturating_add)
    }

    /// Sums the prices of jobs still in progress (`masuk`, `proses`, `tunggu_part`): money
    /// expected once they are done.
    pub fn unfinished_value(&self) -> i64 {
        self.price_sum(|status| !STATUS_FINISHED.contains(&status) && status != STATUS_CANCELLED)
    }

    fn price_sum(&self, counts: impl Fn(&str) -> bool) -> i64 {
        self.jobs
            .iter()
            .filter(|job| counts(job.status.as_str()))
            .filter_map(|job| job.price)
            .fold(0_i64, i64::saturating_add)
    }

    /// Counts jobs per status, leaving out statuses with no jobs.
    ///
    /// Known statuses come in [`STATUS_ORDER`]. Unknown statuses follow in alphabetical order,
    /// so that a typo in the database still shows up in the totals instead of vanishing.
    pub fn count_by_status(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for job in &self.jobs {
            match counts.iter_mut().find(|(status, _)| *status == job.status) {
                Some((_, count)) => *count += 1,
                None => counts.push((job.status.clone(), 1)),
            }
        }

        counts.sort_by(|(a, _), (b, _)| status_rank(a).cmp(&status_rank(b)).then_with(|| a.cmp(b)));
        counts
    }

    /// Counts jobs and income per device type, most jobs first. Jobs without a device type
    /// count under "Lainnya".
    pub fn by_device(&self) -> Vec<Breakdown> {
        self.breakdown(|job| &job.device, UNKNOWN_DEVICE)
    }

    /// Counts jobs and income per brand, most jobs first. Jobs without a brand count under
    /// "Tanpa merek".
    pub fn by_brand(&self) -> Vec<Breakdown> {
        self.breakdown(|job| &job.brand, UNKNOWN_BRAND)
    }

    fn breakdown(&self, key: impl Fn(&ReportJob) -> &str, unknown: &str) -> Vec<Breakdown> {
        let mut rows: Vec<Breakdown> = Vec::new();
        for job in &self.jobs {
            let label = key(job).trim();
            let label = if label.is_empty() { unknown.to_string() } else { label.to_string() };
            let income = if STATUS_FINISHED.contains(&job.status.as_str()) { job.price.unwrap_or(0) } else { 0 };
            // Spellings that differ only in case ("polytron", "Polytron") share a row.
            match rows.iter_mut().find(|row| row.label.to_lowercase() == label.to_lowercase()) {
                Some(row) => {
                    row.count += 1;
                    row.income = row.income.saturating_add(income);
                }
                None => rows.push(Breakdown { label, count: 1, income }),
            }
        }
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| b.income.cmp(&a.income)).then_with(|| a.label.cmp(&b.label)));
        rows
    }

    /// Counts jobs per day, week or month of the period, so that the chart keeps at most
    /// about 36 bars: days up to 31 days, Monday-to-Sunday weeks up to 26 weeks, then calendar
    /// months, then years. The first and last bar are cut to the period.
    pub fn job_buckets(&self) -> (BucketSize, Vec<Bucket>) {
        let days = (self.to - self.from).num_days() + 1;
        let months = i64::from(self.to.year() - self.from.year()) * 12 + i64::from(self.to.month()) - i64::from(self.from.month()) + 1;
        let size = if days <= MAX_DAY_BARS {
            BucketSize::Day
        } else if days <= MAX_WEEK_BAR_DAYS {
            BucketSize::Week
        } else if months <= MAX_MONTH_BARS {
            BucketSize::Month
        } else {
            BucketSize::Year
        };

        let mut buckets: Vec<Bucket> = Vec::new();
        let mut first = self.from;
        while first <= self.to {
            let end = match size {
                BucketSize::Day => first,
                BucketSize::Week => first + chrono::Duration::days(6 - i64::from(first.weekday().num_days_from_monday())),
                BucketSize::Month => last_day_of_month(first),
                BucketSize::Year => NaiveDate::from_ymd_opt(first.year(), 12, 31).unwrap_or(first),
            };
            let last = end.min(self.to);
            let count = self.jobs.iter().filter(|job| (first..=last).contains(&job.date)).count();
            buckets.push(Bucket { first, last, count });
            match last.succ_opt() {
                Some(next) => first = next,
                None => break,
            }
        }
        (size, buckets)
    }
}

/// Label of the device row for jobs without a device type.
pub const UNKNOWN_DEVICE: &str = "Lainnya";
/// Label of the brand row for jobs without a brand.
pub const UNKNOWN_BRAND: &str = "Tanpa merek";

fn last_day_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1)
        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
        .and_then(|next| next.pred_opt())
        .unwrap_or(day)
}

/// Returns the short label under one bar of the jobs chart: "Sen 30/11" for a week of days,
/// "30" for the days of a month, "30/11" for the Monday of a week, "Nov 26" for a month and
/// "2026" for a year.
pub fn bucket_label(size: BucketSize, bucket: &Bucket, bars: usize) -> String {
    match size {
        BucketSize::Day if bars <= 7 => format!(
            "{} {}/{}",
            &weekday_name_id(bucket.first.weekday())[..3],
            bucket.first.day(),
            bucket.first.month()
        ),
        BucketSize::Day => bucket.first.day().to_string(),
        BucketSize::Week => format!("{}/{}", bucket.first.day(), bucket.first.month()),
        BucketSize::Month => format!("{} {:02}", month_abbreviation_id(bucket.first.month()), bucket.first.year() % 100),
        BucketSize::Year => bucket.first.year().to_string(),
    }
}

/// Returns the Indonesian word for what one bar covers: "hari", "minggu", "bulan", "tahun".
pub fn bucket_unit(size: BucketSize) -> &'static str {
    match size {
        BucketSize::Day => "hari",
        BucketSize::Week => "minggu",
        BucketSize::Month => "bulan",
        BucketSize::Year => "tahun",
    }
}

/// Returns the position of `status` in [`STATUS_ORDER`], or one past the end for unknown ones.
fn status_rank(status: &str) -> usize {
    STATUS_ORDER
        .iter()
        .position(|known| *known == status)
        .unwrap_or(STATUS_ORDER.len())
}

/// Formats a Rupiah amount with dots between thousands, for example "Rp 1.500.000".
///
/// Negative amounts get a leading minus: "-Rp 25.000".
pub fn format_rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();

    // Walk the digits from the left and put a dot wherever a multiple of three digits remains.
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        let remaining = digits.len() - index;
        if index > 0 && remaining.is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }

    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}Rp {grouped}")
}

/// Formats a date with its weekday, for example "Jumat, 4 Des 2026".
pub fn format_date_id(date: NaiveDate) -> String {
    format!(
        "{}, {}",
        weekday_name_id(date.weekday()),
        format_date_short_id(date)
    )
}

/// Formats a date without its weekday, for example "4 Des 2026", for narrow table columns.
pub fn format_date_short_id(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_abbreviation_id(date.month()),
        date.year()
    )
}

/// Formats a local time the Indonesian way, with a dot: "14.05".
pub fn format_time_id(time: chrono::NaiveTime) -> String {
    time.format("%H.%M").to_string()
}

/// Formats a quantity with a decimal comma and at most two decimals, then its unit: "2,5 meter".
pub fn format_quantity_id(quantity: f64, unit: &str) -> String {
    let number = format!("{quantity:.2}");
    let number = number
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",");
    format!("{number} {}", unit.trim()).trim_end().to_string()
}

/// Returns the Indonesian label for a job status, or the status itself if it is unknown.
pub fn status_label(status: &str) -> &str {
    match status {
        "masuk" => "Masuk",
        "proses" => "Diproses",
        "tunggu_part" => "Tunggu part",
        "selesai" => "Selesai",
        "diambil" => "Diambil",
        "batal" => "Batal",
        other => other,
    }
}

fn weekday_name_id(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// Returns the common Indonesian three-letter abbreviation for a month numbered 1 to 12.
fn month_abbreviation_id(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    // chrono guarantees 1..=12, so the index is always in range.
    MONTHS[(month - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn job(id: i64, status: &str, price: Option<i64>) -> ReportJob {
        ReportJob {
            id,
            date: date(2026, 12, 1),
            device: "HP".into(),
            brand: "Samsung".into(),
            model: String::new(),
            customer: "Bu Sari".into(),
            complaint: "Mati total".into(),
            status: status.into(),
            price,
        }
    }

    fn report(jobs: Vec<ReportJob>) -> ReportData {
        ReportData {
            title: "Laporan Mingguan".into(),
            shop_name: None,
            from: date(2026, 11, 30),
            to: date(2026, 12, 6),
            generated_at: date(2026, 12, 4)
                .and_hms_opt(14, 5, 0)
                .expect("valid test time"),
            jobs,
            open_reminders: Vec::new(),
            low_stock: Vec::new(),
            parts_used: Vec::new(),
            unclaimed: Vec::new(),
            unclaimed_after_days: 7,
            picked_up: Vec::new(),
            warranties_ending: Vec::new(),
        }
    }

    fn dated(id: i64, day: NaiveDate, device: &str, brand: &str, status: &str, price: i64) -> ReportJob {
        ReportJob { date: day, device: device.into(), brand: brand.into(), ..job(id, status, Some(price)) }
    }

    #[test]
    fn breakdown_counts_and_income() {
        let data = report(vec![
            dated(1, date(2026, 12, 1), "TV", "Polytron", "selesai", 100_000),
            dated(2, date(2026, 12, 1), "TV", "polytron", "diambil", 50_000),
            dated(3, date(2026, 12, 2), "TV", "Sharp", "masuk", 70_000),
            dated(4, date(2026, 12, 2), "Kulkas", "", "selesai", 200_000),
        ]);

        let devices = data.by_device();
        let brands = data.by_brand();

        assert_eq!(devices[0], Breakdown { label: "TV".into(), count: 3, income: 150_000 });
        assert_eq!(devices[1], Breakdown { label: "Kulkas".into(), count: 1, income: 200_000 });
        assert_eq!(brands[0], Breakdown { label: "Polytron".into(), count: 2, income: 150_000 });
        assert!(brands.contains(&Breakdown { label: UNKNOWN_BRAND.into(), count: 1, income: 200_000 }));
    }

    #[test]
    fn buckets_by_period_length() {
        let mut data = report(vec![
            dated(1, date(2026, 12, 1), "TV", "Sharp", "selesai", 1),
            dated(2, date(2026, 12, 1), "TV", "Sharp", "selesai", 1),
            dated(3, date(2026, 12, 6), "TV", "Sharp", "selesai", 1),
        ]);
        let (size, bars) = data.job_buckets();
        assert_eq!(size, BucketSize::Day);
        assert_eq!(bars.len(), 7);
        assert_eq!(bars.iter().map(|bar| bar.count).collect::<Vec<_>>(), vec![0, 2, 0, 0, 0, 0, 1]);
        assert_eq!(bucket_label(size, &bars[0], bars.len()), "Sen 30/11");

        data.from = date(2026, 9, 5);
        let (size, bars) = data.job_buckets();
        assert_eq!(size, BucketSize::Week);
        assert_eq!(bars[0].first, date(2026, 9, 5));
        assert_eq!(bars[0].last, date(2026, 9, 6));
        assert_eq!(bars.last().unwrap().count, 3);
        assert_eq!(bars.iter().map(|bar| bar.count).sum::<usize>(), 3);

        data.from = date(2026, 1, 1);
        data.to = date(2026, 12, 31);
        let (size, bars) = data.job_buckets();
        assert_eq!(size, BucketSize::Month);
        assert_eq!(bars.len(), 12);
        assert_eq!(bars[11].count, 3);
        assert_eq!(bucket_label(size, &bars[10], bars.len()), "Nov 26");

        data.from = date(2020, 1, 1);
        let (size, bars) = data.job_buckets();
        assert_eq!(size, BucketSize::Year);
        assert_eq!(bars.len(), 7);
    }

    #[test]
    fn total_income_skips_cancelled_and_unpriced() {
        let data = report(vec![
            job(1, "selesai", Some(150_000)),
            job(2, "batal", Some(999_000)),
            job(3, "masuk", None),
            job(4, "diambil", Some(350_000)),
        ]);

        assert_eq!(data.total_income(), 500_000);
    }

    #[test]
    fn unfinished_jobs_are_not_income() {
        let data = report(vec![
            job(1, "masuk", Some(1_500_000)),
            job(2, "tunggu_part", Some(200_000)),
            job(3, "proses", Some(50_000)),
            job(4, "selesai", Some(100_000)),
            job(5, "batal", Some(70_000)),
        ]);

        assert_eq!(data.total_income(), 100_000);
        assert_eq!(data.unfinished_value(), 1_750_000);
    }

    #[test]
    fn total_income_empty_is_zero() {
        assert_eq!(report(Vec::new()).total_income(), 0);
    }

    #[test]
    fn total_income_saturates() {
        let data = report(vec![
            job(1, "selesai", Some(i64::MAX)),
            job(2, "selesai", Some(1)),
        ]);

        assert_eq!(data.total_income(), i64::MAX);
    }

    #[test]
    fn count_by_status_lifecycle_order() {
        let data = report(vec![
            job(1, "batal", None),
            job(2, "selesai", None),
            job(3, "masuk", None),
            job(4, "selesai", None),
            job(5, "tunggu_part", None),
        ]);

        let expected = vec![
            ("masuk".to_string(), 1),
            ("tunggu_part".to_string(), 1),
            ("selesai".to_string(), 2),
            ("batal".to_string(), 1),
        ];
        assert_eq!(data.count_by_status(), expected);
    }

    #[test]
    fn count_by_status_unknown_last() {
        let data = report(vec![
            job(1, "zzz", None),
            job(2, "aaa", None),
            job(3, "batal", None),
        ]);

        let expected = vec![
            ("batal".to_string(), 1),
            ("aaa".to_string(), 1),
            ("zzz".to_string(), 1),
        ];
        assert_eq!(data.count_by_status(), expected);
    }

    #[test]
    fn format_rupiah_groups_thousands() {
        let cases = [
            (0, "Rp 0"),
            (5, "Rp 5"),
            (999, "Rp 999"),
            (1_000, "Rp 1.000"),
            (25_000, "Rp 25.000"),
            (150_000, "Rp 150.000"),
            (1_500_000, "Rp 1.500.000"),
            (-25_000, "-Rp 25.000"),
            (i64::MIN, "-Rp 9.223.372.036.854.775.808"),
        ];
        for (amount, expected) in cases {
            assert_eq!(format_rupiah(amount), expected, "amount {amount}");
        }
    }

    #[test]
    fn format_date_id_weekdays() {
        let cases = [
            (date(2026, 11, 30), "Senin, 30 Nov 2026"),
            (date(2026, 12, 1), "Selasa, 1 Des 2026"),
            (date(2026, 12, 2), "Rabu, 2 Des 2026"),
            (date(2026, 12, 3), "Kamis, 3 Des 2026"),
            (date(2026, 12, 4), "Jumat, 4 Des 2026"),
            (date(2026, 12, 5), "Sabtu, 5 Des 2026"),
            (date(2026, 12, 6), "Minggu, 6 Des 2026"),
        ];
        for (day, expected) in cases {
            assert_eq!(format_date_id(day), expected);
        }
    }

    #[test]
    fn format_date_short_id_all_months() {
        let expected = [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ];
        for (index, month) in expected.iter().enumerate() {
            let day = date(2027, index as u32 + 1, 15);
            assert_eq!(format_date_short_id(day), format!("15 {month} 2027"));
        }
    }

    #[test]
    fn format_time_id_uses_dot() {
        let time = chrono::NaiveTime::from_hms_opt(9, 5, 30).expect("valid test time");

        assert_eq!(format_time_id(time), "09.05");
    }

    #[test]
    fn format_quantity_id_decimal_comma() {
        let cases = [
            (3.0, "pcs", "3 pcs"),
            (100.0, "pcs", "100 pcs"),
            (0.0, "pcs", "0 pcs"),
            (2.5, "meter", "2,5 meter"),
            (0.25, "liter", "0,25 liter"),
            (0.126, "kg", "0,13 kg"),
            (10.0, "", "10"),
        ];
        for (quantity, unit, expected) in cases {
            assert_eq!(format_quantity_id(quantity, unit), expected);
        }
    }

    #[test]
    fn status_label_known_and_unknown() {
        let cases = [
            ("masuk", "Masuk"),
            ("proses", "Diproses"),
            ("tunggu_part", "Tunggu part"),
            ("selesai", "Selesai"),
            ("diambil", "Diambil"),
            ("batal", "Batal"),
            ("rusak_berat", "rusak_berat"),
        ];
        for (status, expected) in cases {
            assert_eq!(status_label(status), expected);
        }
    }

    #[test]
    fn status_order_has_labels() {
        for status in STATUS_ORDER {
            assert_ne!(status_label(status), status, "status {status} has no label");
        }
    }
}
