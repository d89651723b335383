//! Warranties (garansi) of recorded jobs: linking a new job to an earlier one whose warranty
//! still runs, describing a job's warranty in replies, and the reply to "masih garansi?".
//!
//! Every date here comes from the stored `warranty_start` and `warranty_end`, which the store
//! sets once, so a reply never depends on today's default or on later work.

use chrono::NaiveDate;
use serde_json::json;

use crate::dispatch::Outcome;
use crate::format;
use crate::interpret::{Job, WarrantyQuery};
use crate::store::{JobRecord, Store, StoreError, WarrantyClaim};

/// Returns the running warranty that a new job for the same customer and device falls under,
/// or `None`. The customer is found by name, else by phone number.
pub fn claim_for(store: &Store, job: &Job) -> Result<Option<WarrantyClaim>, StoreError> {
    let Some(device) = &job.device else {
        return Ok(None);
    };
    let customer_ids = customer_ids(store, job.customer.as_deref(), job.phone.as_deref())?;
    if customer_ids.is_empty() {
        return Ok(None);
    }
    let Some(earlier) = store.running_warranty(&customer_ids, device, job.brand.as_deref(), job.date)? else {
        return Ok(None);
    };
    let (Some(days), Some(start), Some(end)) = (earlier.warranty_days, earlier.warranty_start, earlier.warranty_end) else {
        return Ok(None);
    };
    Ok(Some(WarrantyClaim { job_id: earlier.id, days: u32::try_from(days).unwrap_or(0), start, end }))
}

/// Ids of the customers a line names: by name when it gives one, else by phone number.
fn customer_ids(store: &Store, name: Option<&str>, phone: Option<&str>) -> Result<Vec<i64>, StoreError> {
    if let Some(name) = name {
        return Ok(store.customers_like(name)?.iter().map(|customer| customer.id).collect());
    }
    match phone {
        Some(phone) => Ok(store.customers_with_phone(phone)?.iter().map(|customer| customer.id).collect()),
        None => Ok(Vec::new()),
    }
}

/// "Masih garansi servis #12 sampai Senin, 4 Jan 2027."
pub fn claim_line(claim: &WarrantyClaim) -> String {
    format!("Masih garansi servis #{} sampai {}.", claim.job_id, format::date(claim.end))
}

/// Returns the reply line about a job's warranty once it is finished: "Garansi 30 hari, sampai
/// Minggu, 3 Jan 2027." or "Tanpa garansi."; `None` while it has not started.
pub fn started_line(job: &JobRecord) -> Option<String> {
    if job.warranty_of.is_some() {
        return None;
    }
    match (job.warranty_days, job.warranty_end) {
        (Some(0), _) if job.warranty_start.is_some() => Some("Tanpa garansi.".to_string()),
        (Some(days), Some(end)) => Some(format!("Garansi {days} hari, sampai {}.", format::date(end))),
        _ => None,
    }
}

/// Describes a job's warranty on `today`, for the reply to "masih garansi?".
pub fn state(job: &JobRecord, today: NaiveDate) -> String {
    let claim = job.warranty_of.map(|id| format!("klaim garansi servis #{id}; ")).unwrap_or_default();
    let text = match (job.warranty_days, job.warranty_start, job.warranty_end) {
        (None, _, _) => "garansinya tidak tercatat (servis ini dicatat sebelum Nano menyimpan garansi)".to_string(),
        (Some(0), _, _) => "tanpa garansi".to_string(),
        (Some(days), None, _) => format!("belum selesai; garansi {days} hari mulai dihitung saat selesai"),
        (Some(_), Some(_), Some(end)) if end >= today => match (end - today).num_days() {
            0 => format!("masih garansi, hari ini hari terakhir ({})", format::date(end)),
            left => format!("masih garansi sampai {} ({left} hari lagi)", format::date(end)),
        },
        (Some(_), Some(_), Some(end)) => format!("garansi sudah berakhir {}", format::date(end)),
        (Some(_), Some(_), None) => "tanpa garansi".to_string(),
    };
    format!("{claim}{text}")
}

/// True when the job's warranty covers `today`.
pub fn is_running(job: &JobRecord, today: NaiveDate) -> bool {
    job.warranty_days.is_some_and(|days| days > 0) && job.warranty_end.is_some_and(|end| end >= today)
}

/// Builds the reply to a warranty question from the stored jobs.
pub fn check(store: &Store, query: &WarrantyQuery, today: NaiveDate) -> Result<Outcome, StoreError> {
    if let Some(id) = query.id {
        let job = match store.job(id) {
            Ok(job) => job,
            Err(StoreError::NotFound(_)) => {
                return Ok(Outcome::NotFound {
                    reply: format!("Servis #{id} tidak ada. Cari nomornya dengan: cari NAMA atau MEREK."),
                })
            }
            Err(other) => return Err(other),
        };
        return Ok(answer(&format!("servis #{id}"), vec![job], today));
    }

    let named = query.customer.is_some() || query.phone.is_some();
    let customer_ids = customer_ids(store, query.customer.as_deref(), query.phone.as_deref())?;
    let named_text = description(query);
    if named && customer_ids.is_empty() {
        return Ok(nothing_matches(&named_text));
    }
    let customers = named.then_some(customer_ids.as_slice());
    let jobs = store.jobs_for_warranty(customers, query.device.as_deref(), query.brand.as_deref())?;

    if named_text.is_empty() {
        let running: Vec<JobRecord> = jobs.into_iter().filter(|job| is_running(job, today)).collect();
        if running.is_empty() {
            return Ok(Outcome::Done {
                reply: "Tidak ada servis yang sedang dalam masa garansi.".into(),
                records: json!([]),
            });
        }
        let lines: Vec<String> = running.iter().map(|job| job_line(job, today)).collect();
        return Ok(Outcome::Done {
            reply: format!("Servis yang masih garansi ({}):\n{}", running.len(), lines.join("\n")),
            records: records(&running, today),
        });
    }
    if jobs.is_empty() {
        return Ok(nothing_matches(&named_text));
    }
    Ok(answer(&format!("\"{named_text}\""), jobs, today))
}

fn nothing_matches(named_text: &str) -> Outcome {
    Outcome::NotFound {
        reply: format!("Tidak ada servis yang cocok dengan \"{named_text}\", jadi garansinya tidak bisa saya cek. Coba sebutkan nomor servisnya, misalnya: #12 masih garansi?"),
    }
}

/// "TV Polytron Pak Budi 0812-3456-7890", the words the question named.
fn description(query: &WarrantyQuery) -> String {
    [
        query.device.as_deref().map(format::device),
        query.brand.clone(),
        query.customer.clone(),
        query.phone.as_deref().map(format::phone),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
}

/// Lists the jobs with their warranty, the running ones first.
fn answer(heading: &str, mut jobs: Vec<JobRecord>, today: NaiveDate) -> Outcome {
    jobs.sort_by_key(|job| (!is_running(job, today), std::cmp::Reverse(job.id)));
    let lines: Vec<String> = jobs.iter().map(|job| job_line(job, today)).collect();
    let running = jobs.iter().filter(|job| is_running(job, today)).count();
    let summary = match (running, jobs.len()) {
        (0, 1) => "tidak dalam masa garansi".to_string(),
        (0, total) => format!("{total} servis, tidak ada yang masih garansi"),
        (1, 1) => "masih garansi".to_string(),
        (running, total) if running == total => format!("{total} servis, semuanya masih garansi"),
        (running, total) => format!("{running} dari {total} servis masih garansi"),
    };
    Outcome::Done {
        reply: format!("Garansi {heading}: {summary}.\n{}", lines.join("\n")),
        records: records(&jobs, today),
    }
}

fn job_line(job: &JobRecord, today: NaiveDate) -> String {
    format!("  #{} {}: {}.", job.id, identity(job), state(job, today))
}

/// Builds the records for `--json`: the jobs, each with whether its warranty runs and the days left.
fn records(jobs: &[JobRecord], today: NaiveDate) -> serde_json::Value {
    let records: Vec<serde_json::Value> = jobs
        .iter()
        .map(|job| {
            json!({
                "id": job.id,
                "job": job,
                "running": is_running(job, today),
                "days_left": job.warranty_end.filter(|_| is_running(job, today)).map(|end| (end - today).num_days()),
            })
        })
        .collect();
    json!(records)
}

/// "TV Polytron · Pak Budi · 0812-3456-7890".
fn identity(job: &JobRecord) -> String {
    let device: Vec<String> = [job.device.as_deref().map(format::device), job.brand.clone(), job.model.clone()]
        .into_iter()
        .flatten()
        .collect();
    let mut parts = Vec::new();
    if !device.is_empty() {
        parts.push(device.join(" "));
    }
    parts.extend(job.customer.clone());
    parts.extend(job.phone.as_deref().map(format::phone));
    parts.push(format::status(job.status).to_string());
    parts.join(" · ")
}
