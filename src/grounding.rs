//! Grounded answers to questions about the user's own service history.
//!
//! A history question (decided by rules in `interpret::history_question`) gets the matching
//! stored jobs in the model's system prompt, and the ids of those jobs are printed after the
//! answer by Nano itself, because a small model does not cite reliably. When a history
//! question matches no job, Nano says so instead of letting the model invent one.

use crate::dispatch;
use crate::interpret::history_question;
use crate::store::{JobRecord, Store, StoreError};

/// Most jobs put into one prompt; more would crowd out the conversation in a small context.
const MAX_RECORDS: usize = 5;

/// The reply to a history question that matches no stored job.
pub const NOTHING_FOUND: &str = "Saya tidak menemukan catatan servis yang cocok dengan pertanyaan itu, jadi saya tidak mau menebak. \
Coba sebut nomor servisnya (misalnya #3) atau nama pelanggannya, atau cari dengan: nano cari KATA";

/// Stored jobs found for a chat line.
#[derive(Debug, PartialEq)]
pub enum Retrieval {
    /// The line is not about stored jobs (small talk, how-to questions).
    NotHistory,
    /// Matching jobs, best first.
    Found(Vec<JobRecord>),
    /// The line asks about stored jobs but none matches.
    NothingFound,
}

/// Looks up the jobs a chat line asks about: the `#id`s it names, else a search where every
/// named brand, device and customer word must match.
pub fn retrieve(store: &Store, line: &str) -> Result<Retrieval, StoreError> {
    let Some(question) = history_question(line) else {
        return Ok(Retrieval::NotHistory);
    };

    let mut jobs = Vec::new();
    if !question.job_ids.is_empty() {
        for id in question.job_ids.iter().take(MAX_RECORDS) {
            match store.job(*id) {
                Ok(job) => jobs.push(job),
                Err(StoreError::NotFound(_)) => {}
                Err(error) => return Err(error),
            }
        }
    } else {
        jobs = store.search_jobs_matching_all(&question.terms.join(" "), MAX_RECORDS)?;
    }

    if jobs.is_empty() {
        return Ok(Retrieval::NothingFound);
    }
    Ok(Retrieval::Found(jobs))
}

/// Formats one line per job for the system prompt: id, summary, and the parts used.
pub fn record_lines(jobs: &[JobRecord]) -> Vec<String> {
    jobs.iter()
        .map(|job| {
            let mut line = dispatch::job_lines(std::slice::from_ref(job)).trim().to_string();
            if !job.parts.is_empty() {
                let parts: Vec<String> = job
                    .parts
                    .iter()
                    .map(|part| format!("{} ×{}", part.name, crate::format::quantity(part.qty)))
                    .collect();
                line.push_str(&format!(" · part: {}", parts.join(", ")));
            }
            line
        })
        .collect()
}

/// "(sumber: #3, #5)".
pub fn sources_line(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
    format!("(sumber: {})", ids.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::{Job, Part};
    use crate::store::{open_temp, NewJob};
    use chrono::NaiveDate;

    fn insert(store: &mut Store, device: &str, brand: &str, customer: &str, fault: &str) -> i64 {
        let job = Job {
            device: Some(device.into()),
            brand: Some(brand.into()),
            customer: Some(customer.into()),
            fault: Some(fault.into()),
            parts: vec![Part {
                name: "elco 1000uF 25V".into(),
                qty: 2.0,
            }],
            date: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            ..Job::default()
        };
        let line = format!("catat {device} {brand} {customer} rusak {fault}");
        store
            .insert_job(&NewJob {
                job: &job,
                source_line: &line,
                now: "2026-12-03T10:00:00+07:00",
            })
            .unwrap()
    }

    fn ids(retrieval: &Retrieval) -> Vec<i64> {
        match retrieval {
            Retrieval::Found(jobs) => jobs.iter().map(|job| job.id).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn history_question_finds_the_named_job() {
        let (_dir, mut store) = open_temp();
        let budi = insert(&mut store, "tv", "Polytron", "Pak Budi", "PSU");
        insert(&mut store, "tv", "Polytron", "Pak Joko", "backlight");
        insert(&mut store, "kulkas", "LG", "Bu Ani", "freon");

        let found = retrieve(&store, "TV Polytron Pak Budi kemarin rusaknya apa?").unwrap();
        let by_id = retrieve(&store, "#3 kemarin diganti apa?").unwrap();

        assert_eq!(ids(&found), vec![budi]);
        assert_eq!(ids(&by_id), vec![3]);
    }

    #[test]
    fn unmatched_history_question_finds_nothing() {
        let (_dir, mut store) = open_temp();
        insert(&mut store, "tv", "Polytron", "Pak Budi", "PSU");

        // "pak" alone matches Pak Budi; the search must not fall back to any-word matches.
        assert_eq!(retrieve(&store, "TV Sharp Pak Dedi kemarin kenapa?").unwrap(), Retrieval::NothingFound);
        assert_eq!(retrieve(&store, "#99 rusaknya apa?").unwrap(), Retrieval::NothingFound);
    }

    #[test]
    fn small_talk_pulls_no_jobs() {
        let (_dir, mut store) = open_temp();
        insert(&mut store, "tv", "Polytron", "Pak Budi", "PSU");

        for line in ["halo apa kabar?", "apa itu elco?", "bagaimana cara servis TV Polytron?"] {
            assert_eq!(retrieve(&store, line).unwrap(), Retrieval::NotHistory, "{line}");
        }
    }

    #[test]
    fn record_lines_carry_id_and_parts() {
        let (_dir, mut store) = open_temp();
        let id = insert(&mut store, "tv", "Polytron", "Pak Budi", "PSU");
        let lines = record_lines(&[store.job(id).unwrap()]);

        assert!(lines[0].starts_with(&format!("#{id} TV Polytron")), "{}", lines[0]);
        assert!(lines[0].contains("Pak Budi"), "{}", lines[0]);
        assert!(lines[0].contains("part: elco 1000uF 25V ×2"), "{}", lines[0]);
    }

    #[test]
    fn sources_line_lists_ids() {
        assert_eq!(sources_line(&[3, 5]), "(sumber: #3, #5)");
    }
}
