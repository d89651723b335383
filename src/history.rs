//! What earlier jobs say about a new one: the customer's history in one line, and what fixed
//! the same device, brand and complaint before.

use chrono::NaiveDate;

use crate::interpret::{Job, Status};
use crate::store::{JobRecord, Store, StoreError};

/// Fewest finished earlier cases before a repair hint is shown.
const HINT_MIN_CASES: usize = 2;

/// "Pak Budi: 2 servis sebelumnya, terakhir 3 bulan lalu (#4: ganti elco PSU)."
pub fn customer_line(store: &Store, job: &Job, job_id: i64) -> Result<Option<String>, StoreError> {
    let Some(customer) = &job.customer else {
        return Ok(None);
    };
    let earlier = store.jobs_of_customer(customer, job_id)?;
    let Some(last) = earlier.first() else {
        return Ok(None);
    };
    Ok(Some(format!(
        "{customer}: {} servis sebelumnya, terakhir {} (#{}: {}).",
        earlier.len(),
        time_ago(last.date, job.date),
        last.id,
        what_was_done(last)
    )))
}

/// "TV Polytron mati total: 4 dari 6 kasus ganti elco." from finished jobs with the same
/// device, brand and complaint; `None` below `HINT_MIN_CASES` cases.
pub fn repair_hint(store: &Store, job: &Job, job_id: i64) -> Result<Option<String>, StoreError> {
    let (Some(device), Some(brand), Some(complaint)) = (&job.device, &job.brand, &job.complaint) else {
        return Ok(None);
    };
    let finished: Vec<JobRecord> = store
        .jobs_of_device(device, brand, job_id)?
        .into_iter()
        .filter(|earlier| matches!(earlier.status, Status::Selesai | Status::Diambil))
        .filter(|earlier| earlier.complaint.as_deref().is_some_and(|text| text.eq_ignore_ascii_case(complaint)))
        .collect();
    if finished.len() < HINT_MIN_CASES {
        return Ok(None);
    }

    // Count the repairs; the most frequent one is the hint.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for earlier in &finished {
        let repair = what_was_done(earlier);
        match counts.iter_mut().find(|(known, _)| known.eq_ignore_ascii_case(&repair)) {
            Some((_, count)) => *count += 1,
            None => counts.push((repair, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1));
    let (repair, count) = &counts[0];
    Ok(Some(format!(
        "Petunjuk: {} {} {complaint}: {count} dari {} kasus sebelumnya {repair}.",
        crate::format::device(device),
        brand,
        finished.len()
    )))
}

fn what_was_done(job: &JobRecord) -> String {
    job.action
        .clone()
        .or_else(|| job.fault.clone().map(|fault| format!("rusak {fault}")))
        .or_else(|| job.complaint.clone())
        .unwrap_or_else(|| "tanpa keterangan".to_string())
}

/// "hari ini", "kemarin", "5 hari lalu", "3 bulan lalu", "2 tahun lalu".
fn time_ago(then: NaiveDate, now: NaiveDate) -> String {
    let days = (now - then).num_days();
    match days {
        i64::MIN..=0 => "hari ini".to_string(),
        1 => "kemarin".to_string(),
        2..=30 => format!("{days} hari lalu"),
        31..=364 => format!("{} bulan lalu", days / 30),
        _ => format!("{} tahun lalu", days / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ago_words() {
        let now = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let cases = [(0, "hari ini"), (1, "kemarin"), (5, "5 hari lalu"), (95, "3 bulan lalu"), (800, "2 tahun lalu")];
        for (days, expected) in cases {
            assert_eq!(time_ago(now - chrono::Duration::days(days), now), expected);
        }
    }
}
