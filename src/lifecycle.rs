//! Acting on lifecycle lines: moving a recorded job to another status, finding which job a
//! description means, and undoing the last move.

use serde_json::json;

use crate::dispatch::{job_lines, Outcome};
use crate::format;
use crate::interpret::{Interpretation, Job};
use crate::store::{JobChange, JobRecord, Store, StoreError};

/// Moves the job the interpretation names (by number, or the one open job matching its
/// description) to the new status.
pub fn update(store: &mut Store, interpretation: &Interpretation, now: &str) -> Result<Outcome, StoreError> {
    let Some(wanted) = &interpretation.job else {
        return Ok(Outcome::NeedInfo {
            question: "Servis nomor berapa, mas? Misalnya: #12 udah diambil.".into(),
            missing: vec!["id".into()],
        });
    };

    let id = match interpretation.id {
        Some(id) => id,
        None => {
            let candidates: Vec<JobRecord> = store
                .open_jobs()?
                .into_iter()
                .filter(|job| matches(job, wanted))
                .collect();
            match candidates.as_slice() {
                [] => {
                    return Ok(Outcome::NotFound {
                        reply: format!(
                            "Tidak ada servis yang belum diambil dan cocok dengan \"{}\". Kalau ini servis baru, awali dengan: catat …",
                            description(wanted)
                        ),
                    })
                }
                [only] => only.id,
                several => {
                    return Ok(Outcome::NeedInfo {
                        question: format!(
                            "Ada {} servis yang cocok:\n{}\nYang mana, mas? Sebutkan nomornya, misalnya #{}.",
                            several.len(),
                            job_lines(several),
                            several[0].id
                        ),
                        missing: vec!["id".into()],
                    })
                }
            }
        }
    };

    let change = match store.change_job(id, wanted.status, wanted.price, now) {
        Ok(change) => change,
        Err(StoreError::NotFound(_)) => {
            return Ok(Outcome::NotFound {
                reply: format!("Servis #{id} tidak ada. Cari nomornya dengan: cari NAMA atau MEREK."),
            })
        }
        Err(other) => return Err(other),
    };
    Ok(Outcome::Done {
        reply: change_reply(&change),
        records: json!({ "id": change.job.id, "event_id": change.event_id, "from": change.from_status, "job": change.job }),
    })
}

/// The one open job a status-only record line ("TV Pak Budi udah selesai") is about, so that
/// the line moves that job instead of storing a duplicate. `None` when the line describes
/// new work, keeps the default status, or matches no job or several.
pub fn existing_job_for(store: &Store, job: &Job) -> Result<Option<i64>, StoreError> {
    let describes_work = job.complaint.is_some() || job.fault.is_some() || job.action.is_some() || !job.parts.is_empty();
    let names_job = job.device.is_some() && (job.brand.is_some() || job.customer.is_some());
    if describes_work || !names_job || job.status == crate::interpret::Status::Masuk {
        return Ok(None);
    }
    let candidates: Vec<i64> = store
        .open_jobs()?
        .into_iter()
        .filter(|open| matches(open, job) && open.status != job.status)
        .map(|open| open.id)
        .collect();
    Ok(match candidates.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

/// Undoes the last status change ("ralat").
pub fn undo(store: &mut Store, now: &str) -> Result<Outcome, StoreError> {
    match store.undo_last_job_change(now)? {
        Some(change) => Ok(Outcome::Done {
            reply: format!(
                "Perubahan terakhir dibatalkan: servis #{} ({}) kembali ke status {}.",
                change.job.id,
                short_name(&change.job),
                format::status(change.job.status)
            ),
            records: json!({ "id": change.job.id, "undone_event_id": change.event_id, "job": change.job }),
        }),
        None => Ok(Outcome::NotFound {
            reply: "Belum ada perubahan status yang bisa dibatalkan.".into(),
        }),
    }
}

/// True when every field the line names matches the job, ignoring case.
fn matches(job: &JobRecord, wanted: &Job) -> bool {
    let same = |have: &Option<String>, want: &Option<String>| match want {
        Some(want) => have.as_deref().is_some_and(|have| have.eq_ignore_ascii_case(want)),
        None => true,
    };
    same(&job.device, &wanted.device) && same(&job.brand, &wanted.brand) && same(&job.customer, &wanted.customer)
}

fn description(job: &Job) -> String {
    [job.device.as_deref().map(format::device), job.brand.clone(), job.customer.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

fn short_name(job: &JobRecord) -> String {
    [job.device.as_deref().map(format::device), job.brand.clone(), job.customer.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn change_reply(change: &JobChange) -> String {
    let job = &change.job;
    let mut reply = format!(
        "Servis #{} ({}): {} → {}",
        job.id,
        short_name(job),
        format::status(change.from_status),
        format::status(job.status)
    );
    if job.price != change.price_before {
        if let Some(price) = job.price {
            reply.push_str(&format!(", biaya {}", format::rupiah(price)));
        }
    }
    reply.push_str(". Salah? Ketik: ralat");
    reply
}
