//! Acting on lifecycle lines: moving a recorded job to another status, finding which job a
//! description means, and undoing the last move.

use serde_json::json;

use crate::dispatch::{Confirmation, Outcome};
use crate::format;
use crate::interpret::{Interpretation, Job, Status};
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
            let described: Vec<JobRecord> = store
                .open_jobs()?
                .into_iter()
                .filter(|job| matches(job, wanted, today_of(now)))
                .collect();
            // A job already at the new status, or past it, is not the one the line moves.
            let candidates: Vec<JobRecord> =
                described.iter().filter(|job| can_move(job.status, wanted.status)).cloned().collect();
            match candidates.as_slice() {
                [] if !described.is_empty() => {
                    return Ok(Outcome::NotFound {
                        reply: format!(
                            "Servis yang cocok sudah {}:\n{}\nTidak ada yang saya ubah.",
                            format::status(described[0].status),
                            crate::listing::job_table(&described)
                        ),
                    })
                }
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
                            crate::listing::job_table(several),
                            several[0].id
                        ),
                        missing: vec![CHOICE_SLOT.into()],
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
        reply: change_reply(&change, today_of(now)),
        records: json!({ "id": change.job.id, "event_id": change.event_id, "from": change.from_status, "job": change.job }),
    })
}

/// True when a line read as a job record is about a job already recorded: it reports only a
/// status and does not start with "catat".
// NOTE: the command word is read from the line again because the interpretation does not carry
// whether "catat" was present; a flag in `Interpretation` would be cleaner.
pub fn moves_existing_job(line: &str, job: &Job) -> bool {
    let explicit_record = line
        .split_whitespace()
        .map(str::to_lowercase)
        .find(|word| word != "nano")
        .is_some_and(|word| matches!(word.as_str(), "catat" | "catet" | "catatan"));
    !explicit_record && is_status_only(job)
}

/// True when a job line only reports a new status ("TV Pak Budi udah selesai") without
/// describing any work, so it is about a job already recorded rather than a new one.
pub fn is_status_only(job: &Job) -> bool {
    let describes_work = job.complaint.is_some() || job.fault.is_some() || job.action.is_some() || !job.parts.is_empty();
    !describes_work && job.status != crate::interpret::Status::Masuk
}

/// Names the last status change and asks before undoing it ("ralat"), because the newest
/// change may be older than the user remembers.
pub fn prepare_undo(store: &Store) -> Result<Outcome, StoreError> {
    let Some((event_id, job_id, set_to, back_to)) = store.last_job_change()? else {
        return Ok(Outcome::NotFound {
            reply: "Belum ada perubahan status yang bisa dibatalkan.".into(),
        });
    };
    let job = store.job(job_id)?;
    Ok(Outcome::Confirm(Confirmation::UndoJobChange {
        event_id,
        question: format!(
            "Perubahan status terakhir: servis #{job_id} ({}) jadi {}. Kembalikan ke {}? (ya/tidak)",
            short_name(&job),
            format::status(set_to),
            format::status(back_to)
        ),
    }))
}

/// Undoes the last status change after the user confirmed it; `expected_event` guards against
/// another process changing a job in between.
pub fn undo(store: &mut Store, expected_event: i64, now: &str) -> Result<Outcome, StoreError> {
    if store.last_job_change()?.map(|last| last.0) != Some(expected_event) {
        return Ok(Outcome::NotFound {
            reply: "Status servis baru saja berubah lagi, jadi tidak ada yang dibatalkan. Ketik ralat sekali lagi.".into(),
        });
    }
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

/// True when every field the line names matches the job, ignoring case. A day other than
/// `today` ("yang kemarin") must match the job's day too.
/// The missing slot of a "which job?" question; the chat reads a bare number in the answer as
/// the job's number.
pub const CHOICE_SLOT: &str = "job.id";

/// True when a job at `from` can move to `to` by a status line: never to where it already is,
/// and never back from finished to in progress.
fn can_move(from: Status, to: Status) -> bool {
    let finished = matches!(from, Status::Selesai | Status::Diambil | Status::Batal);
    let back_to_work = matches!(to, Status::Masuk | Status::Proses | Status::TungguPart);
    from != to && !(finished && back_to_work)
}

fn matches(job: &JobRecord, wanted: &Job, today: chrono::NaiveDate) -> bool {
    let same = |have: &Option<String>, want: &Option<String>| match want {
        Some(want) => have.as_deref().is_some_and(|have| have.eq_ignore_ascii_case(want)),
        None => true,
    };
    let same_day = wanted.date == today || job.date == wanted.date;
    // A device kept as written ("dvd player") also answers to a shorter mention ("dvd").
    let same_device = match (&job.device, &wanted.device) {
        (_, None) => true,
        (Some(have), Some(want)) => {
            let (have, want) = (have.to_lowercase(), want.to_lowercase());
            have == want || have.starts_with(&format!("{want} ")) || want.starts_with(&format!("{have} "))
        }
        (None, Some(_)) => false,
    };
    same_device && same(&job.brand, &wanted.brand) && same(&job.customer, &wanted.customer) && same_day
}

/// Today's date from the RFC 3339 time of the command.
fn today_of(now: &str) -> chrono::NaiveDate {
    chrono::DateTime::parse_from_rfc3339(now)
        .map(|time| time.date_naive())
        .unwrap_or_default()
}

/// Joins the device, brand and customer that are present with `separator`.
fn identity(device: &Option<String>, brand: &Option<String>, customer: &Option<String>, separator: &str) -> String {
    [device.as_deref().map(format::device), brand.clone(), customer.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(separator)
}

/// Describes what a line named, as quoted in a "no job matches" reply.
fn description(job: &Job) -> String {
    identity(&job.device, &job.brand, &job.customer, " ")
}

/// Names a stored job in replies ("TV · Polytron · Pak Budi").
fn short_name(job: &JobRecord) -> String {
    identity(&job.device, &job.brand, &job.customer, " · ")
}

fn change_reply(change: &JobChange, today: chrono::NaiveDate) -> String {
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

    // A job reopened while its warranty runs is warranty work; finishing it again later keeps
    // the stored end date.
    let finished = |status: Status| matches!(status, Status::Selesai | Status::Diambil);
    if finished(change.from_status) && !finished(job.status) && crate::warranty::is_running(job, today) {
        if let Some(end) = job.warranty_end {
            reply.push_str(&format!("\nMasih garansi servis #{} sampai {}.", job.warranty_of.unwrap_or(job.id), format::date(end)));
        }
    } else if !finished(change.from_status) && finished(job.status) && job.warranty_start == Some(today) {
        if let Some(line) = crate::warranty::started_line(job) {
            reply.push('\n');
            reply.push_str(&line);
        }
    }
    reply
}
