//! Acts on an interpretation: writes jobs, stock, reminders and memory through the store, and
//! answers lists, searches and reports. The chat loop and one-shot commands both call
//! [`Dispatcher::act`], so a sentence does the same thing wherever it is typed.
//!
//! Chat lines are not answered here: they come back as [`Outcome::Chat`] for the model.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset};
use serde_json::json;

use crate::deletion::DeleteTarget;
use crate::lifecycle::ExistingJob;
use crate::format;
use crate::listing::{self, stock_count};
use crate::interpret::{Intent, Interpretation, Job, Status};
use crate::memory;
use crate::report;
use crate::store::{JobRecord, NewJob, NewWarranty, ReminderRecord, StockKind, StockRecord, Store, StoreError};

/// How many records a list or search prints.
const LIST_LIMIT: usize = 20;

/// Dates further than this many years from today are taken for typos.
const PLAUSIBLE_YEARS: i64 = 20;

/// Result of acting on a line.
#[derive(Debug)]
pub enum Outcome {
    /// The line was acted on; `reply` is for the terminal, `records` for `--json`.
    Done { reply: String, records: serde_json::Value },
    /// The record lacks something, and `question` requests it.
    NeedInfo { question: String, missing: Vec<String> },
    /// The line refers to something that does not exist.
    NotFound { reply: String },
    /// A destructive action that waits for the user's yes.
    Confirm(Confirmation),
    /// Free conversation, for the model.
    Chat,
}

/// A destructive action waiting for confirmation.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmation {
    ForgetFacts { ids: Vec<i64>, question: String },
    Delete { target: DeleteTarget, question: String },
    UndoJobChange { event_id: i64, question: String },
}

impl Confirmation {
    pub fn question(&self) -> &str {
        match self {
            Confirmation::ForgetFacts { question, .. }
            | Confirmation::Delete { question, .. }
            | Confirmation::UndoJobChange { question, .. } => question,
        }
    }

    /// Names what stays as it was when the user says no: "dihapus", "dilupakan" or "diubah".
    pub fn untouched(&self) -> &'static str {
        match self {
            Confirmation::ForgetFacts { .. } => "tidak ada yang dilupakan",
            Confirmation::Delete { .. } => "tidak ada yang dihapus",
            Confirmation::UndoJobChange { .. } => "tidak ada yang diubah",
        }
    }
}

/// Everything a line may need to act: the store, the time, and where reports go.
pub struct Dispatcher<'a> {
    pub store: &'a mut Store,
    pub now: DateTime<FixedOffset>,
    pub reports_dir: &'a Path,
    /// Where the backup taken before a deletion goes.
    pub backups_dir: &'a Path,
    /// Target of `laporan --pdf PATH`; `None` writes into the reports folder.
    pub pdf_path: Option<PathBuf>,
    /// For addressing the user in replies.
    pub persona: &'a crate::persona::Persona,
    /// Shop name from the config file, which wins over the one in memory.
    pub configured_shop_name: Option<&'a str>,
    /// Warranty days for a job whose line names none (`[bengkel] garansi_hari`).
    pub default_warranty_days: u32,
}

impl Dispatcher<'_> {
    /// Acts on one interpretation of `line`.
    pub fn act(&mut self, interpretation: &Interpretation, line: &str) -> Result<Outcome, StoreError> {
        // A device outside the canonical list is kept as written ("dvd player", not "lainnya"),
        // so records, search, receipts and reports name the unit.
        let mut interpretation = interpretation.clone();
        if let Some(job) = interpretation.job.as_mut() {
            if let Some(written) = job.device_name.take() {
                job.device = Some(written);
            }
        }
        let interpretation = &interpretation;

        let length = line.chars().count();
        if length > crate::interpret::MAX_LINE_CHARS && interpretation.intent != Intent::Chat {
            return Ok(Outcome::NeedInfo {
                question: format!(
                    "Kalimatnya terlalu panjang ({length} huruf), jadi tidak saya simpan supaya tidak ada yang terpotong. Tulis paling banyak {} huruf per kalimat, mas.",
                    crate::interpret::MAX_LINE_CHARS
                ),
                missing: vec!["line".into()],
            });
        }
        if let Some(negative) = negative_number(line).filter(|_| interpretation.intent != Intent::Chat) {
            return Ok(Outcome::NeedInfo {
                question: format!(
                    "Angka \"{negative}\" bertanda minus, padahal jumlah, harga, lama garansi dan nomor tidak bisa minus, jadi belum saya simpan. Tulis lagi tanpa tanda minus, mas."
                ),
                missing: vec!["line".into()],
            });
        }
        if interpretation.intent == Intent::MemoryForget && !interpretation.missing.is_empty() {
            return Ok(Outcome::NeedInfo {
                question: "Apa yang perlu saya lupakan, mas? Misalnya: lupakan soal nama bengkel.".into(),
                missing: interpretation.missing.clone(),
            });
        }
        if let Some(question) = self.implausible_date(interpretation) {
            return Ok(Outcome::NeedInfo {
                question,
                missing: vec!["date".into()],
            });
        }
        if let Some(question) = range_problem(interpretation) {
            return Ok(Outcome::NeedInfo {
                question,
                missing: interpretation.missing.clone(),
            });
        }
        if let Some(question) = question_for(&interpretation.missing) {
            return Ok(Outcome::NeedInfo {
                question,
                missing: interpretation.missing.clone(),
            });
        }

        match interpretation.intent {
            Intent::JobAdd => self.add_job(interpretation, line),
            Intent::JobList => self.list_jobs(interpretation),
            Intent::ReminderAdd => self.add_reminder(interpretation),
            Intent::ReminderList => self.list_reminders(),
            Intent::StockAdd | Intent::StockUse | Intent::StockSet | Intent::StockMin => {
                self.change_stock(interpretation)
            }
            Intent::StockShow => self.show_stock(interpretation),
            Intent::StockList => self.list_stock(interpretation),
            Intent::Search => self.search(interpretation),
            Intent::Report => self.report(interpretation),
            Intent::MemoryAdd => self.remember(interpretation),
            Intent::MemoryForget => self.prepare_forget(interpretation),
            Intent::JobDelete | Intent::ReminderDelete | Intent::StockDelete => self.prepare_delete(interpretation),
            Intent::JobUpdate | Intent::JobEdit => {
                let now = self.now_text();
                crate::lifecycle::update(self.store, interpretation, &now)
            }
            Intent::JobUndo => crate::lifecycle::prepare_undo(self.store),
            Intent::ReminderDone => self.complete_reminder(interpretation),
            Intent::ShoppingList => shopping_list(self.store),
            Intent::WarrantyCheck => {
                let query = interpretation.warranty.clone().unwrap_or_default();
                crate::warranty::check(self.store, &query, self.now.date_naive())
            }
            Intent::Help => Ok(Outcome::Done {
                reply: help_text(),
                records: json!(null),
            }),
            Intent::Chat => Ok(Outcome::Chat),
        }
    }

    /// A question when a date lies so far from today that it must be a typo: more than
    /// `PLAUSIBLE_YEARS` away. Such dates also fall outside what the store can sort.
    fn implausible_date(&self, interpretation: &Interpretation) -> Option<String> {
        let today = self.now.date_naive();
        let far = |day: chrono::NaiveDate| (day - today).num_days().abs() > PLAUSIBLE_YEARS * 366;

        if let Some(due) = interpretation.reminder.as_ref().and_then(|reminder| reminder.due) {
            if far(due.date_naive()) {
                return Some(format!(
                    "Tanggal pengingatnya ({}) terlalu jauh, mungkin salah ketik. Kapan tepatnya, mas?",
                    format::date(due.date_naive())
                ));
            }
        }
        if let Some(job) = &interpretation.job {
            if far(job.date) {
                return Some(format!(
                    "Tanggal servisnya ({}) terlalu jauh, mungkin salah ketik. Tanggal berapa, mas?",
                    format::date(job.date)
                ));
            }
        }
        None
    }

    /// Carries out a confirmed destructive action.
    pub fn confirm(&mut self, confirmation: &Confirmation) -> Result<Outcome, StoreError> {
        match confirmation {
            Confirmation::ForgetFacts { ids, .. } => {
                let forgotten = self.store.forget_facts(ids, &self.now_text())?;
                Ok(Outcome::Done {
                    reply: format!("Sudah saya lupakan ({forgotten} catatan ingatan)."),
                    records: json!({ "forgotten": ids }),
                })
            }
            Confirmation::Delete { target, .. } => self.delete(target),
            Confirmation::UndoJobChange { event_id, .. } => {
                let now = self.now_text();
                crate::lifecycle::undo(self.store, *event_id, &now)
            }
        }
    }

    fn now_text(&self) -> String {
        self.now.to_rfc3339()
    }

    fn add_job(&mut self, interpretation: &Interpretation, line: &str) -> Result<Outcome, StoreError> {
        let Some(job) = &interpretation.job else {
            return Ok(need("job.device"));
        };
        let now = self.now_text();

        // Without "catat", a line that moves past `masuk` and names a recorded job is about
        // that job. A status-only line always moves it, or asks which job, or reports that
        // none matches. A line that also names the work done updates the one open job it
        // names, and records a new job only when none matches.
        match crate::lifecycle::existing_job(line, job) {
            Some(ExistingJob::StatusOnly) => {
                let mut update = interpretation.clone();
                update.intent = Intent::JobUpdate;
                update.id = None;
                return crate::lifecycle::update(self.store, &update, &now);
            }
            Some(ExistingJob::WithWork) => {
                if let Some(outcome) = crate::lifecycle::update_described(self.store, interpretation, &now)? {
                    return Ok(outcome);
                }
            }
            None => {}
        }

        // Redoing work while an earlier job's warranty runs is a claim under that warranty,
        // which keeps its end date instead of starting a new one.
        let claim = crate::warranty::claim_for(self.store, job)?;
        let warranty = NewWarranty { days: Some(job.warranty_days.unwrap_or(self.default_warranty_days)), claim_of: claim };
        let phone_before = match &job.customer {
            Some(name) => self.store.customer_named(name)?.and_then(|customer| customer.phone),
            None => job.phone.clone(),
        };
        let recorded = self.store.insert_job_with(
            &NewJob {
                job,
                source_line: line.trim(),
                now: &now,
            },
            &warranty,
        )?;
        let id = recorded.id;
        let stored = self.store.job(id)?;
        let mut reply = format!("Servis #{id} dicatat: {}.", job_summary(job));
        let phone_line = stored
            .phone
            .as_deref()
            .filter(|phone| job.phone.is_some() && phone_before.as_deref() != Some(*phone))
            .zip(job.customer.as_deref())
            .map(|(phone, customer)| format!("No. HP {customer} disimpan: {}.", format::phone(phone)));
        for extra in [
            phone_line,
            claim.as_ref().map(crate::warranty::claim_line),
            crate::warranty::started_line(&stored),
            crate::history::customer_line(self.store, job, id)?,
            crate::history::repair_hint(self.store, job, id)?,
        ]
        .into_iter()
        .flatten()
        {
            reply.push('\n');
            reply.push_str(&extra);
        }

        // Parts fitted came out of stock when they are stock items. Other parts are only
        // mentioned, because guessing a starting count would make every later figure wrong.
        reply.push_str(&crate::lifecycle::stock_lines(&recorded.stock_used));
        let movements: Vec<serde_json::Value> = recorded
            .stock_used
            .iter()
            .map(|change| json!({ "item": change.item, "movement_id": change.movement_id }))
            .collect();

        Ok(Outcome::Done {
            reply,
            records: json!({ "id": id, "job": stored, "stock_used": movements }),
        })
    }

    fn list_jobs(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let statuses: Vec<Status> = interpretation
            .filter
            .as_ref()
            .map(|filter| filter.statuses.clone())
            .unwrap_or_default();
        let jobs = self.store.jobs_with_status(&statuses, LIST_LIMIT)?;

        let heading = if statuses.is_empty() {
            "Servis terakhir".to_string()
        } else {
            let names: Vec<&str> = statuses.iter().map(|status| format::status(*status)).collect();
            format!("Servis yang {}", names.join(" / "))
        };
        if jobs.is_empty() {
            return Ok(Outcome::Done {
                reply: format!("{heading}: tidak ada."),
                records: json!([]),
            });
        }
        // Fetching one row more than shown reveals whether the list was cut, so the reply never
        // presents a partial list as the whole.
        let cut = self.store.jobs_with_status(&statuses, LIST_LIMIT + 1)?.len() > LIST_LIMIT;
        let mut reply = if cut {
            format!("{heading} ({LIST_LIMIT} terbaru, masih ada yang lebih lama):\n{}", listing::job_table(&jobs))
        } else {
            format!("{heading} ({}):\n{}", jobs.len(), listing::job_table(&jobs))
        };
        if cut {
            reply.push_str("\n(Yang lebih lama tidak ditampilkan; lihat dengan: nano cari --status STATUS --sampai TANGGAL.)");
        }
        Ok(Outcome::Done {
            reply,
            records: json!(jobs),
        })
    }

    fn add_reminder(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let Some(reminder) = &interpretation.reminder else {
            return Ok(need("reminder.text"));
        };
        let Some(due) = reminder.due else {
            return Ok(need("reminder.due"));
        };
        let id = self.store.insert_reminder(&reminder.text, &due, &self.now_text())?;

        let mut reply = format!("Pengingat #{id} dipasang: {} — {}.", reminder.text, format::date_time(&due));
        if due < self.now {
            reply.push_str(" Waktunya sudah lewat, jadi akan muncul sebagai pengingat terlewat.");
        }
        Ok(Outcome::Done {
            reply,
            records: json!({ "id": id, "text": reminder.text, "due": due.to_rfc3339() }),
        })
    }

    fn complete_reminder(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let Some(id) = interpretation.id else {
            return Ok(need("reminder.id"));
        };
        match self.store.complete_reminder(id, &self.now_text()) {
            Ok(()) => Ok(Outcome::Done {
                reply: format!("Pengingat #{id} ditandai selesai."),
                records: json!({ "id": id, "done": true }),
            }),
            Err(StoreError::NotFound(_)) => Ok(Outcome::NotFound {
                reply: format!("Pengingat #{id} tidak ada atau sudah selesai. Lihat daftarnya dengan: daftar pengingat"),
            }),
            Err(other) => Err(other),
        }
    }

    fn list_reminders(&mut self) -> Result<Outcome, StoreError> {
        let reminders = self.store.open_reminders()?;
        if reminders.is_empty() {
            return Ok(Outcome::Done {
                reply: "Belum ada pengingat yang aktif.".into(),
                records: json!([]),
            });
        }
        Ok(Outcome::Done {
            reply: format!("Pengingat aktif ({}):\n{}", reminders.len(), listing::reminder_table(&reminders, &self.now)),
            records: json!(reminders),
        })
    }

    fn change_stock(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let Some(stock) = &interpretation.stock else {
            return Ok(need("stock.item"));
        };
        let Some(qty) = stock.qty else {
            return Ok(need("stock.qty"));
        };
        let kind = match interpretation.intent {
            Intent::StockAdd => StockKind::Add,
            Intent::StockUse => StockKind::Use,
            Intent::StockSet => StockKind::Set,
            _ => StockKind::Min,
        };

        // Adding or using nothing (or a negative amount) is a typo, never a real movement.
        let moves_stock = matches!(kind, StockKind::Add | StockKind::Use);
        if !qty.is_finite() || qty < 0.0 || (moves_stock && qty == 0.0) {
            return Ok(Outcome::NeedInfo {
                question: format!(
                    "Jumlah {} untuk {} tidak masuk akal. Berapa jumlahnya, mas?",
                    format::quantity(qty),
                    stock.item
                ),
                missing: vec!["stock.qty".into()],
            });
        }

        let result = self
            .store
            .change_stock(kind, &stock.item, qty, &stock.unit, None, &self.now_text());
        let change = match result {
            Ok(change) => change,
            Err(StoreError::StockNotFound(name)) => {
                return Ok(Outcome::NotFound {
                    reply: format!(
                        "Stok \"{name}\" belum tercatat, jadi belum bisa dikurangi. Catat dulu, misalnya: stok tambah {name} 10"
                    ),
                })
            }
            Err(other) => return Err(other),
        };

        let item = &change.item;
        let amount = format!("{} {}", format::quantity(qty), item.unit);
        let mut reply = match kind {
            StockKind::Add => format!("Stok {} ditambah {amount}, sekarang {}.", item.name, stock_count(item)),
            StockKind::Use => format!("Stok {} dipakai {amount}, sisa {}.", item.name, stock_count(item)),
            StockKind::Set => format!("Stok {} sekarang {}.", item.name, stock_count(item)),
            StockKind::Min => format!(
                "Batas minimal stok {} jadi {amount} (sekarang {}).",
                item.name,
                stock_count(item)
            ),
        };
        if change.clamped {
            reply.push_str(" Catatan stok sebelumnya lebih sedikit dari yang dipakai, jadi saya hitung habis; cek lagi jumlah aslinya ya.");
        }
        if item.is_low() {
            if item.qty <= 0.0 {
                reply.push_str(&format!("\nPerhatian: stok {} habis, masuk daftar belanja.", item.name));
            } else {
                reply.push_str(&format!("\nPerhatian: stok {} menipis (minimal {}).", item.name, format::quantity(item.min_qty)));
            }
        }
        Ok(Outcome::Done {
            reply,
            records: json!({ "movement_id": change.movement_id, "item": item }),
        })
    }

    fn show_stock(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let Some(stock) = &interpretation.stock else {
            return Ok(need("stock.item"));
        };
        if let Some(item) = self.store.stock_item(&stock.item)? {
            return Ok(Outcome::Done {
                reply: stock_line(&item),
                records: json!(item),
            });
        }

        let similar = self.store.stock_matching(&stock.item)?;
        if similar.is_empty() {
            return Ok(Outcome::NotFound {
                reply: format!("Stok \"{}\" belum tercatat.", stock.item),
            });
        }
        Ok(Outcome::Done {
            reply: listing::stock_table(&similar),
            records: json!(similar),
        })
    }

    fn list_stock(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let low_only = interpretation.filter.as_ref().is_some_and(|filter| filter.low_stock);
        let items = self.store.stock_list(low_only)?;
        if items.is_empty() {
            let reply = if low_only {
                "Tidak ada stok yang menipis."
            } else {
                "Belum ada stok yang tercatat. Contoh: stok tambah elco 1000uF 25V 10"
            };
            return Ok(Outcome::Done {
                reply: reply.into(),
                records: json!([]),
            });
        }
        let heading = if low_only { "Stok menipis" } else { "Stok" };
        Ok(Outcome::Done {
            reply: format!("{heading} ({}):\n{}", items.len(), listing::stock_table(&items)),
            records: json!(items),
        })
    }

    fn search(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let filter = interpretation.filter.as_ref().filter(|filter| filter.narrows_jobs());
        // With a filter, its `text` contains the words left after the dates and statuses.
        let query = match filter {
            Some(filter) => filter.text.clone().unwrap_or_default(),
            None => interpretation.query.clone().unwrap_or_default(),
        };
        let jobs = match filter {
            Some(filter) => self.store.search_jobs_filtered(&query, filter, LIST_LIMIT)?,
            None => self.store.search_jobs(&query, LIST_LIMIT)?,
        };
        let asked = search_description(query.trim(), filter);
        if jobs.is_empty() {
            let reply = if query.trim().is_empty() {
                format!("Tidak ada servis {asked}.")
            } else {
                format!("Tidak ada servis yang cocok dengan {asked}.")
            };
            return Ok(Outcome::Done { reply, records: json!([]) });
        }
        let mut reply = format!(
            "Ketemu {} servis {}{asked}:\n{}",
            jobs.len(),
            if query.trim().is_empty() { "" } else { "untuk " },
            listing::job_table(&jobs)
        );
        if jobs.len() == LIST_LIMIT {
            reply.push_str(&format!("\n(Hanya {LIST_LIMIT} hasil paling cocok yang ditampilkan; tambahkan kata lain supaya lebih tepat.)"));
        }
        Ok(Outcome::Done {
            reply,
            records: json!(jobs),
        })
    }

    fn report(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let Some(range) = &interpretation.report else {
            return Ok(need("report"));
        };
        let facts = self.store.facts()?;
        let shop_name = match self.configured_shop_name {
            Some(name) => Some(name.to_string()),
            None => memory::derived_value(&facts, "bengkel"),
        };
        let unclaimed_days = range.unclaimed_days.unwrap_or(report::DEFAULT_UNCLAIMED_DAYS);

        // Gathering and the PDF are the slow steps for a long range. The indicator shows only on
        // a terminal and is cleared before the report is printed.
        let mut progress = crate::progress::Progress::new("Menyusun laporan", REPORT_STEPS);
        let data = report::collect(self.store, range.from, range.to, self.now, shop_name, unclaimed_days)?;
        let jobs = self.store.jobs_between(range.from, range.to)?;
        progress.set(1);

        let path = self
            .pdf_path
            .clone()
            .unwrap_or_else(|| self.reports_dir.join(format!("laporan-{}-{}.pdf", range.from, range.to)));
        let (bucket_size, buckets) = data.job_buckets();
        let buckets_json = json!({
            "unit": report::model::bucket_unit(bucket_size),
            "buckets": buckets.iter().map(|bucket| json!({ "from": bucket.first, "to": bucket.last, "count": bucket.count })).collect::<Vec<_>>(),
        });
        let mut reply = report::render_text(&data);
        progress.set(2);
        let written = report::write_pdf_file(&data, &path);
        drop(progress);
        match &written {
            Ok(()) => reply.push_str(&format!("\nPDF: {}", path.display())),
            Err(problem) => reply.push_str(&format!("\n{problem}")),
        }

        Ok(Outcome::Done {
            reply,
            records: json!({
                "from": range.from,
                "to": range.to,
                "jobs": jobs,
                "job_count": data.jobs.len(),
                "by_status": data.count_by_status().into_iter().collect::<std::collections::BTreeMap<_, _>>(),
                "income": data.total_income(),
                "unfinished_value": data.unfinished_value(),
                "money_in": data.money_in(),
                "picked_up": data.picked_up.iter().map(|job| json!({ "id": job.id, "picked_on": job.picked_on, "price": job.price })).collect::<Vec<_>>(),
                "warranties_ending": data.warranties_ending.iter().map(|warranty| json!({
                    "id": warranty.id,
                    "customer": warranty.customer,
                    "ends": warranty.ends,
                    "days_left": warranty.days_left,
                })).collect::<Vec<_>>(),
                "open_reminders": data.open_reminders.len(),
                "low_stock": data.low_stock.iter().map(|item| &item.item).collect::<Vec<_>>(),
                "by_device": breakdown_json(&data.by_device()),
                "by_brand": breakdown_json(&data.by_brand()),
                "parts_used": data.parts_used.iter().map(|part| json!({ "name": part.name, "qty": part.qty, "unit": part.unit })).collect::<Vec<_>>(),
                "unclaimed_after_days": data.unclaimed_after_days,
                "unclaimed": data.unclaimed.iter().map(|job| json!({
                    "id": job.id,
                    "customer": job.customer,
                    "finished": job.finished,
                    "days_waiting": job.days_waiting,
                })).collect::<Vec<_>>(),
                "jobs_per": buckets_json,
                "pdf": written.is_ok().then(|| path.display().to_string()),
            }),
        })
    }

    fn remember(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let Some(fact) = interpretation.memory.as_ref().map(|memory| memory.fact.trim()).filter(|fact| !fact.is_empty()) else {
            return Ok(need("memory.fact"));
        };
        let id = self.store.insert_fact(fact, &self.now_text())?;

        // Greet by name only when this very fact contains the name or the form of address.
        let this_fact = [crate::store::FactRecord {
            id,
            fact: fact.to_string(),
            created_at: String::new(),
        }];
        let tells_address =
            memory::derived_value(&this_fact, "nama").is_some() || memory::preferred_honorific(&this_fact).is_some();
        let reply = if tells_address {
            let facts = self.store.facts()?;
            let address = crate::app::address_from(self.persona, &facts);
            format!("Siap, saya ingat: {fact}. Salam kenal, {address}!")
        } else {
            format!("Siap, saya ingat: {fact}.")
        };
        Ok(Outcome::Done {
            reply,
            records: json!({ "id": id, "fact": fact }),
        })
    }

    fn prepare_forget(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let topic = interpretation.memory.as_ref().map(|memory| memory.fact.as_str()).unwrap_or("");
        let facts = self.store.facts()?;
        let matching = memory::facts_about(&facts, topic);
        if matching.is_empty() {
            return Ok(Outcome::NotFound {
                reply: format!("Saya tidak menemukan ingatan soal \"{}\".", topic.trim()),
            });
        }
        let listed: Vec<String> = matching.iter().map(|fact| format!("\"{}\"", fact.fact)).collect();
        Ok(Outcome::Confirm(Confirmation::ForgetFacts {
            ids: matching.iter().map(|fact| fact.id).collect(),
            question: format!("Yakin saya lupakan {}? (ya/tidak)", listed.join(", ")),
        }))
    }
}

fn breakdown_json(rows: &[report::model::Breakdown]) -> Vec<serde_json::Value> {
    rows.iter().map(|row| json!({ "label": row.label, "count": row.count, "income": row.income })).collect()
}

/// Describes a search for the reply: the quoted words, then the filters in brackets:
/// "\"polytron\" (selesai, 1 Nov 2026 s.d. 30 Nov 2026, pelanggan Pak Budi)".
fn search_description(query: &str, filter: Option<&crate::interpret::Filter>) -> String {
    let mut narrowing: Vec<String> = Vec::new();
    if let Some(filter) = filter {
        if !filter.statuses.is_empty() {
            let names: Vec<&str> = filter.statuses.iter().map(|status| report::model::status_label(status.as_str())).collect();
            narrowing.push(format!("status {}", names.join("/").to_lowercase()));
        }
        match (filter.from, filter.to) {
            (Some(from), Some(to)) if from == to => narrowing.push(format!("tanggal {}", format::date(from))),
            (Some(from), Some(to)) => narrowing.push(format!("{} s.d. {}", format::date(from), format::date(to))),
            (Some(from), None) => narrowing.push(format!("sejak {}", format::date(from))),
            (None, Some(to)) => narrowing.push(format!("sampai {}", format::date(to))),
            (None, None) => {}
        }
        if let Some(customer) = &filter.customer {
            narrowing.push(format!("pelanggan {customer}"));
        }
    }
    let words = (!query.is_empty()).then(|| format!("\"{query}\""));
    let filters = (!narrowing.is_empty()).then(|| format!("({})", narrowing.join(", ")));
    [words, filters].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// Returns the message for a date range that cannot be used, or `None` when the line names
/// none. A reversed range quotes its two days.
pub fn range_problem(interpretation: &Interpretation) -> Option<String> {
    if !interpretation.missing.iter().any(|slot| slot == crate::interpret::RANGE_SLOT) {
        return None;
    }
    let reversed = interpretation
        .report
        .as_ref()
        .map(|range| (Some(range.from), Some(range.to)))
        .or_else(|| interpretation.filter.as_ref().map(|filter| (filter.from, filter.to)));
    match reversed {
        Some((Some(from), Some(to))) if from > to => Some(reversed_range_message(from, to)),
        _ => Some(NO_SUCH_DAY_MESSAGE.to_string()),
    }
}

/// Message for a range whose first day comes after its last day.
pub fn reversed_range_message(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    format!(
        "Tanggal awalnya ({}) jatuh sesudah tanggal akhirnya ({}), jadi tidak ada yang bisa ditampilkan. Tulis tanggal yang lebih awal dulu, misalnya: 1/11 sampai 15/11.",
        format::date(from),
        format::date(to)
    )
}

/// Message for a range that names a day not on the calendar.
pub const NO_SUCH_DAY_MESSAGE: &str =
    "Ada tanggal yang tidak ada di kalender (misalnya 31/11 atau 30/2). Periksa lagi tanggalnya, mas. Contoh: 1/11 sampai 15/11.";

/// Returns the first word that is a number with a minus sign ("-5", "-150rb"), which no
/// record can hold. Temperatures ("freezer cuma -5 derajat", "-18°C") are symptoms, not counts.
fn negative_number(line: &str) -> Option<&str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.iter().enumerate().find_map(|(index, word)| {
        let rest = word.strip_prefix('-').filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))?;
        let unit = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.').to_lowercase();
        let next = words.get(index + 1).map(|next| next.to_lowercase()).unwrap_or_default();
        let temperature = ["c", "°", "°c", "derajat"].contains(&unit.as_str()) || next.starts_with("derajat") || next.starts_with('°');
        (!temperature).then_some(*word)
    })
}

/// Steps of a report shown by its progress indicator: gather, render text, write the PDF.
const REPORT_STEPS: u64 = 3;

fn need(slot: &str) -> Outcome {
    let missing = vec![slot.to_string()];
    Outcome::NeedInfo {
        question: question_for(&missing).unwrap_or_else(|| "Bisa diperjelas, mas?".into()),
        missing,
    }
}

/// Returns the one question for the first missing slot, or `None` when nothing is missing.
pub fn question_for(missing: &[String]) -> Option<String> {
    let first = missing.first()?;
    let question = match first.as_str() {
        "job.device" => "Servis apa, mas? Sebutkan barangnya, misalnya: TV Polytron mati total.",
        "reminder.text" => "Ingatkan soal apa, mas?",
        "reminder.due" => "Kapan saya ingatkan, mas? Misalnya: besok jam 9.",
        "stock.item" => "Barang apa, mas? Misalnya: elco 1000uF 25V.",
        "stock.qty" => "Berapa jumlahnya, mas?",
        "query" => "Cari apa, mas? Misalnya: polytron atau nama pelanggan.",
        "memory.fact" => "Apa yang perlu saya ingat, mas?",
        "report" => "Laporan untuk kapan, mas? Misalnya: minggu ini atau bulan lalu.",
        "reminder.id" => "Pengingat nomor berapa, mas? Misalnya: pengingat 3 selesai.",
        "id" => "Nomor berapa, mas? Misalnya: hapus servis #12 (nomornya terlihat di hasil cari).",
        "warranty" => "Garansi servis yang mana, mas? Misalnya: TV Pak Budi masih garansi?",
        _ => "Bisa diperjelas, mas?",
    };
    Some(question.to_string())
}

/// "TV Polytron · Pak Budi · mati total · Rp 150.000 · selesai · Jumat, 4 Des 2026".
fn job_summary(job: &Job) -> String {
    let mut parts: Vec<String> = Vec::new();
    let device: Vec<String> = [job.device.as_deref().map(format::device), job.brand.clone(), job.model.clone()]
        .into_iter()
        .flatten()
        .collect();
    if !device.is_empty() {
        parts.push(device.join(" "));
    }
    parts.extend(job.customer.clone());
    parts.extend(job.phone.as_deref().map(format::phone));
    parts.extend(job.complaint.clone());
    parts.extend(job.fault.clone().map(|fault| format!("rusak {fault}")));
    parts.extend(job.action.clone());
    parts.extend(job.price.map(format::rupiah));
    parts.push(format::status(job.status).to_string());
    parts.push(format::date(job.date));
    parts.join(" · ")
}

fn record_as_job(record: &JobRecord) -> Job {
    Job {
        device: record.device.clone(),
        device_name: None,
        brand: record.brand.clone(),
        model: record.model.clone(),
        customer: record.customer.clone(),
        complaint: record.complaint.clone(),
        fault: record.fault.clone(),
        action: record.action.clone(),
        parts: record.parts.clone(),
        status: record.status,
        price: record.price,
        date: record.date,
        phone: record.phone.clone(),
        warranty_days: record.warranty_days.and_then(|days| u32::try_from(days).ok()),
    }
}

/// Formats one line per job, each starting with its id.
pub fn job_lines(jobs: &[JobRecord]) -> String {
    jobs.iter()
        .map(|job| format!("  #{} {}", job.id, job_summary(&record_as_job(job))))
        .collect::<Vec<_>>()
        .join("\n")
}

fn stock_line(item: &StockRecord) -> String {
    let mut line = format!("  {}: {}", item.name, stock_count(item));
    if item.min_qty > 0.0 {
        line.push_str(&format!(" (minimal {})", format::quantity(item.min_qty)));
    }
    if item.is_low() {
        line.push_str(if item.qty <= 0.0 { " — habis!" } else { " — menipis!" });
    }
    line
}

/// Reminders due today or earlier and still open, for the greeting.
pub fn due_reminders(store: &Store, now: &DateTime<FixedOffset>) -> Result<Vec<ReminderRecord>, StoreError> {
    let start_of_tomorrow = (now.date_naive() + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .and_then(|time| time.and_local_timezone(*now.offset()).single())
        .unwrap_or(*now);
    store.reminders_due_before(&start_of_tomorrow)
}

/// Builds the shopping list: every item out of stock or at its minimum, with how many to buy
/// to get back to twice the minimum (at least one).
pub fn shopping_list(store: &Store) -> Result<Outcome, StoreError> {
    let items = store.stock_list(true)?;
    if items.is_empty() {
        return Ok(Outcome::Done {
            reply: "Daftar belanja kosong: tidak ada stok yang menipis.".into(),
            records: json!([]),
        });
    }
    let to_buy: Vec<(StockRecord, f64)> = items
        .into_iter()
        .map(|item| {
            let count = (item.min_qty * 2.0 - item.qty).ceil().max(1.0);
            (item, count)
        })
        .collect();
    let records: Vec<serde_json::Value> =
        to_buy.iter().map(|(item, count)| json!({ "item": item, "to_buy": count })).collect();
    Ok(Outcome::Done {
        reply: format!(
            "Daftar belanja ({}):\n{}\nSetelah beli, catat dengan: udah beli NAMA JUMLAH",
            to_buy.len(),
            listing::shopping_table(&to_buy)
        ),
        records: json!(records),
    })
}

/// Returns what Nano understands, one example each.
pub fn help_text() -> String {
    [
        "Nano paham kalimat sehari-hari. Contoh:",
        "  catat TV Polytron Pak Budi mati total, ganti elco, 150rb, selesai",
        "  ingatkan besok jam 9 beli elco 1000uF 25V",
        "  stok tambah elco 1000uF 25V 10   ·   pakai 2 elco 1000uF 25V   ·   stok elco 1000uF 25V berapa?",
        "  minimal stok elco 1000uF 25V 5   ·   stok apa aja?",
        "  cari polytron   ·   servis apa aja yang belum diambil?",
        "  laporan minggu ini   ·   laporan bulan lalu",
        "  daftar pengingat   ·   pengingat selesai 3",
        "  #12 udah diambil   ·   servis 3 selesai 150rb   ·   ralat",
        "  catat TV Pak Budi 0812-3456-7890 mati total, garansi 1 bulan   ·   TV Pak Budi masih garansi?",
        "  hapus servis #12   ·   hapus pengingat 3   ·   hapus stok fuse 2A",
        "  nota 12 (PDF untuk pelanggan)   ·   ekspor / impor (di perintah sekali jalan)",
        "  belanja (daftar stok yang perlu dibeli)",
        "  ingat, nama saya Arip   ·   lupakan soal nama bengkel",
        "Selain itu, tanya apa saja: kalau model bahasa terpasang, Nano akan menjawab.",
        "Ketik keluar (atau Ctrl-D) untuk selesai; Ctrl-C menghentikan jawaban yang sedang berjalan.",
    ]
    .join("\n")
}
