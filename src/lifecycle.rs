//! Acting on lifecycle lines: moving a recorded job to another status with the work done,
//! correcting its price, finding which job a description means, and undoing the last change.

use serde_json::json;

use crate::deletion::DeleteTarget;
use crate::dispatch::{Confirmation, Outcome};
use crate::format;
use crate::interpret::{Intent, Interpretation, Job, Status};
use crate::listing::stock_count;
use crate::store::{JobChange, JobEdit, JobRecord, StockChange, Store, StoreError};

/// Moves the job the interpretation names (by number, or the one open job matching its
/// description) to the new status, with the price, action, fault and parts the line gives.
pub fn update(store: &mut Store, interpretation: &Interpretation, now: &str) -> Result<Outcome, StoreError> {
    let Some(wanted) = &interpretation.job else {
        return Ok(Outcome::NeedInfo {
            question: "Servis nomor berapa, mas? Misalnya: #12 udah diambil.".into(),
            missing: vec!["id".into()],
        });
    };

    let id = match interpretation.id {
        Some(id) => id,
        None => match find_described(store, wanted, now)? {
            Described::One(id) => id,
            Described::None => {
                return Ok(Outcome::NotFound {
                    reply: format!(
                        "Tidak ada servis yang belum diambil dan cocok dengan \"{}\". Kalau ini servis baru, awali dengan: catat …",
                        description(wanted)
                    ),
                })
            }
            other => return Ok(other.outcome()),
        },
    };
    apply(store, id, &edit_of(interpretation), now)
}

/// Applies a job line that describes work done ("tv pak budi udah beres ganti elco") to the
/// one open job it names. Returns `None` when no open job matches, so the line is recorded as
/// a new job.
pub fn update_described(store: &mut Store, interpretation: &Interpretation, now: &str) -> Result<Option<Outcome>, StoreError> {
    let Some(wanted) = &interpretation.job else {
        return Ok(None);
    };
    if wanted.device.is_none() && wanted.brand.is_none() && wanted.customer.is_none() {
        return Ok(None);
    }
    match find_described(store, wanted, now)? {
        Described::None => Ok(None),
        Described::One(id) => apply(store, id, &edit_of(interpretation), now).map(Some),
        other => Ok(Some(other.outcome())),
    }
}

/// The open jobs a description names, sorted by what the line can do with them.
enum Described {
    /// No open job matches.
    None,
    /// Exactly one job matches and can take the new status.
    One(i64),
    /// Several jobs match and can take the new status.
    Several(Vec<JobRecord>),
    /// Jobs match, but all are at the new status already or past it.
    AlreadyThere(Vec<JobRecord>),
}

impl Described {
    fn outcome(self) -> Outcome {
        match self {
            Described::Several(several) => Outcome::NeedInfo {
                question: format!(
                    "Ada {} servis yang cocok:\n{}\nYang mana, mas? Sebutkan nomornya, misalnya #{}.",
                    several.len(),
                    crate::listing::job_table(&several),
                    several[0].id
                ),
                missing: vec![CHOICE_SLOT.into()],
            },
            Described::AlreadyThere(described) => Outcome::NotFound {
                reply: format!(
                    "Servis yang cocok sudah {}:\n{}\nTidak ada yang saya ubah.",
                    format::status(described[0].status),
                    crate::listing::job_table(&described)
                ),
            },
            Described::None | Described::One(_) => Outcome::NotFound {
                reply: "Tidak ada servis yang cocok.".into(),
            },
        }
    }
}

/// Finds the open jobs whose device, brand and customer match `wanted` and that can move to
/// its status.
fn find_described(store: &Store, wanted: &Job, now: &str) -> Result<Described, StoreError> {
    let described: Vec<JobRecord> = store
        .open_jobs()?
        .into_iter()
        .filter(|job| matches(job, wanted, today_of(now)))
        .collect();
    // A job already at the new status, or past it, is not the one the line moves.
    let candidates: Vec<JobRecord> =
        described.iter().filter(|job| can_move(job.status, wanted.status)).cloned().collect();
    Ok(match candidates.as_slice() {
        [] if !described.is_empty() => Described::AlreadyThere(described),
        [] => Described::None,
        [only] => Described::One(only.id),
        _ => Described::Several(candidates),
    })
}

/// The change an update or correction line requests. A correction ("#17 harga 200rb") keeps
/// the status.
fn edit_of(interpretation: &Interpretation) -> JobEdit {
    let job = interpretation.job.clone().unwrap_or_default();
    JobEdit {
        status: (interpretation.intent != Intent::JobEdit).then_some(job.status),
        price: job.price,
        action: job.action,
        fault: job.fault,
        parts: job.parts,
    }
}

/// Applies `edit` to job `id` and describes the result.
fn apply(store: &mut Store, id: i64, edit: &JobEdit, now: &str) -> Result<Outcome, StoreError> {
    let change = match store.change_job(id, edit, now) {
        Ok(change) => change,
        Err(StoreError::NotFound(_)) => {
            return Ok(Outcome::NotFound {
                reply: format!("Servis #{id} tidak ada. Cari nomornya dengan: cari NAMA atau MEREK."),
            })
        }
        Err(other) => return Err(other),
    };
    Ok(Outcome::Done {
        reply: change_reply(&change, edit, today_of(now)),
        records: json!({
            "id": change.job.id,
            "event_id": change.event_id,
            "from": change.from_status,
            "job": change.job,
            "stock_used": change.stock,
        }),
    })
}

/// The relation of a line read as a job record to the jobs already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExistingJob {
    /// Only a new status ("TV Pak Budi udah selesai"): it moves a recorded job, never records.
    StatusOnly,
    /// A new status with work done ("tv pak budi udah beres ganti elco"): it updates the one
    /// open job it names, or records a new job when none matches.
    WithWork,
}

/// Returns how a line read as a job record is about a job already recorded, or `None` when it
/// records a new job: it starts with "catat", or its status is still `masuk`.
// NOTE: the command word is read from the line again because the interpretation does not carry
// whether "catat" was present; a flag in `Interpretation` would be cleaner.
pub fn existing_job(line: &str, job: &Job) -> Option<ExistingJob> {
    let explicit_record = line
        .split_whitespace()
        .map(str::to_lowercase)
        .find(|word| word != "nano")
        .is_some_and(|word| matches!(word.as_str(), "catat" | "catet" | "catatan"));
    if explicit_record || job.status == Status::Masuk {
        return None;
    }
    if is_status_only(job) {
        return Some(ExistingJob::StatusOnly);
    }
    let names_job = job.device.is_some() || job.brand.is_some() || job.customer.is_some();
    names_job.then_some(ExistingJob::WithWork)
}

/// True when a line read as a job record only reports a status and does not start with
/// "catat", so it always moves a recorded job.
pub fn moves_existing_job(line: &str, job: &Job) -> bool {
    existing_job(line, job) == Some(ExistingJob::StatusOnly)
}

/// True when a job line only reports a new status ("TV Pak Budi udah selesai") without
/// describing any work, so it is about a job already recorded rather than a new one.
pub fn is_status_only(job: &Job) -> bool {
    let describes_work = job.complaint.is_some() || job.fault.is_some() || job.action.is_some() || !job.parts.is_empty();
    !describes_work && job.status != crate::interpret::Status::Masuk
}

/// Names the newest job change and asks before undoing it ("ralat"), because it may be older
/// than the user remembers. When the newest change recorded a job, undoing it deletes that
/// job through the usual deletion flow, with a backup and the parts put back into stock.
pub fn prepare_undo(store: &Store) -> Result<Outcome, StoreError> {
    let Some(last) = store.last_job_change()? else {
        return Ok(Outcome::NotFound {
            reply: NOTHING_TO_UNDO.into(),
        });
    };
    // A stock change, reminder or fact written after the last job change was the user's last
    // step. Undoing an older job change instead would surprise the user and could delete a job.
    let changed_at = store.job_event_time(last.event_id)?;
    if let Some(other) = store.other_change_after(&changed_at)? {
        return Ok(Outcome::NotFound {
            reply: format!(
                "Yang terakhir dicatat adalah {other}, bukan servis. ralat hanya membatalkan pencatatan atau perubahan servis, jadi tidak ada yang saya ubah. Untuk stok, tulis jumlah yang benar, misalnya: stok elco 1000uF 25V jadi 8."
            ),
        });
    }
    let when = chrono::DateTime::parse_from_rfc3339(&changed_at)
        .map(|time| format!(" ({})", format::date_time(&time)))
        .unwrap_or_default();
    let job = store.job(last.job_id)?;
    if last.recorded {
        return Ok(Outcome::Confirm(Confirmation::Delete {
            target: DeleteTarget::Job(last.job_id),
            question: format!(
                "Yang terakhir adalah pencatatan servis #{} ({}){when}. Hapus catatan servis itu? Sebelum menghapus saya buat cadangan dulu. (ya/tidak)",
                last.job_id,
                short_name(&job)
            ),
        }));
    }
    Ok(Outcome::Confirm(Confirmation::UndoJobChange {
        event_id: last.event_id,
        question: format!(
            "Perubahan terakhir{when}: servis #{} ({}) jadi {}. Kembalikan ke {}? (ya/tidak)",
            last.job_id,
            short_name(&job),
            format::status(last.set_to),
            format::status(last.back_to)
        ),
    }))
}

/// Undoes the last job change after the user confirmed it; `expected_event` guards against
/// another process changing a job in between.
pub fn undo(store: &mut Store, expected_event: i64, now: &str) -> Result<Outcome, StoreError> {
    if store.last_job_change()?.map(|last| last.event_id) != Some(expected_event) {
        return Ok(Outcome::NotFound {
            reply: "Servis baru saja berubah lagi, jadi tidak ada yang dibatalkan. Ketik ralat sekali lagi.".into(),
        });
    }
    match store.undo_last_job_change(now)? {
        Some(change) => {
            let job = &change.job;
            let mut reply = format!(
                "Perubahan terakhir dibatalkan: servis #{} ({}) kembali ke status {}.",
                job.id,
                short_name(job),
                format::status(job.status)
            );
            reply.push_str(&stock_lines(&change.stock));
            Ok(Outcome::Done {
                reply,
                records: json!({ "id": job.id, "undone_event_id": change.event_id, "job": job, "stock_returned": change.stock }),
            })
        }
        None => Ok(Outcome::NotFound {
            reply: NOTHING_TO_UNDO.into(),
        }),
    }
}

/// Reply lines for stock moved by a job's parts, one per item, each on its own line: what was
/// used or put back, the count left, and a warning when the item runs low.
pub fn stock_lines(changes: &[StockChange]) -> String {
    let mut lines = String::new();
    for change in changes {
        let item = &change.item;
        let amount = format::quantity(change.delta.abs());
        if change.delta < 0.0 {
            lines.push_str(&format!("\nStok {} dipakai {amount}, sisa {}.", item.name, stock_count(item)));
        } else {
            lines.push_str(&format!("\nStok {} dikembalikan {amount}, sekarang {}.", item.name, stock_count(item)));
        }
        if item.is_low() {
            lines.push_str(&format!("\nPerhatian: stok {} menipis, masuk daftar belanja.", item.name));
        }
    }
    lines
}

/// The reply when no job change is left to undo.
const NOTHING_TO_UNDO: &str = "Belum ada perubahan servis yang bisa dibatalkan.";

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

/// True when every field the line names matches the job, ignoring case. A day other than
/// `today` ("yang kemarin") must match the job's day too.
fn matches(job: &JobRecord, wanted: &Job, today: chrono::NaiveDate) -> bool {
    let same = |have: &Option<String>, want: &Option<String>| match want {
        Some(want) => have.as_deref().is_some_and(|have| have.eq_ignore_ascii_case(want)),
        None => true,
    };
    let same_day = wanted.date == today || job.date == wanted.date;
    // A device kept as written ("dvd player") also matches a shorter mention ("dvd").
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

fn change_reply(change: &JobChange, edit: &JobEdit, today: chrono::NaiveDate) -> String {
    let job = &change.job;
    let mut reply = format!("Servis #{} ({}): ", job.id, short_name(job));
    let mut changed = Vec::new();
    if edit.status.is_some() || job.status != change.from_status {
        changed.push(format!("{} → {}", format::status(change.from_status), format::status(job.status)));
    }
    if job.price != change.price_before {
        if let Some(price) = job.price {
            let before = change.price_before.map(|before| format!("{} → ", format::rupiah(before)));
            changed.push(format!("biaya {}{}", before.unwrap_or_default(), format::rupiah(price)));
        }
    }
    if let (Some(_), Some(action)) = (&edit.action, &job.action) {
        changed.push(format!("tindakan: {action}"));
    }
    if let (Some(_), Some(fault)) = (&edit.fault, &job.fault) {
        changed.push(format!("kerusakan: {fault}"));
    }
    if !edit.parts.is_empty() {
        let parts: Vec<String> = edit.parts.iter().map(|part| format!("{} {}", format::quantity(part.qty), part.name)).collect();
        changed.push(format!("sparepart: {}", parts.join(", ")));
    }
    if changed.is_empty() {
        changed.push(format!("tetap {}", format::status(job.status)));
    }
    reply.push_str(&changed.join(", "));
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
    reply.push_str(&stock_lines(&change.stock));
    reply
}
