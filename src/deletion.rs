//! Deleting jobs, reminders and stock items.
//!
//! A deletion is never carried out from the line alone: the dispatcher first shows what would
//! go and waits for a yes (the chat asks, one-shot commands need `--ya`). Right before deleting,
//! the whole database is backed up into the backups folder, and the reply names that file and
//! the command that restores it.

use serde_json::json;

use crate::dispatch::{job_lines, Confirmation, Dispatcher, Outcome};
use crate::format;
use crate::interpret::{Intent, Interpretation};
use crate::store::StoreError;

/// What a confirmed deletion removes.
#[derive(Debug, Clone, PartialEq)]
pub enum DeleteTarget {
    Job(i64),
    Reminder(i64),
    Stock(String),
}

impl Dispatcher<'_> {
    /// Looks up what `interpretation` would delete and asks for confirmation.
    pub fn prepare_delete(&mut self, interpretation: &Interpretation) -> Result<Outcome, StoreError> {
        let id = interpretation.id.unwrap_or_default();
        let (target, description) = match interpretation.intent {
            Intent::JobDelete => match self.store.job(id) {
                Ok(job) => (DeleteTarget::Job(id), format!("servis {}", job_lines(&[job]).trim())),
                Err(StoreError::NotFound(_)) => {
                    return Ok(missing_record(&format!("Servis #{id}"), "Cek nomornya dulu dengan: cari KATA"))
                }
                Err(other) => return Err(other),
            },
            Intent::ReminderDelete => match self.store.reminder(id)? {
                Some(reminder) => (
                    DeleteTarget::Reminder(id),
                    format!("pengingat #{id} ({} — {})", reminder.text, format::date_time(&reminder.due)),
                ),
                None => return Ok(missing_record(&format!("Pengingat #{id}"), "Cek nomornya dulu dengan: daftar pengingat")),
            },
            _ => {
                let name = interpretation.stock.as_ref().map(|stock| stock.item.clone()).unwrap_or_default();
                match self.store.stock_item(&name)? {
                    Some(item) => (
                        DeleteTarget::Stock(item.name.clone()),
                        format!(
                            "stok {} ({} {}) beserta riwayat keluar-masuknya",
                            item.name,
                            format::quantity(item.qty),
                            item.unit
                        ),
                    ),
                    None => {
                        return Ok(missing_record(
                            &format!("Stok \"{name}\""),
                            "Tulis namanya persis seperti di daftar stok (lihat dengan: stok apa aja?).",
                        ))
                    }
                }
            }
        };

        Ok(Outcome::Confirm(Confirmation::Delete {
            target,
            question: format!("Yakin hapus {description}? Sebelum menghapus saya buat cadangan dulu. (ya/tidak)"),
        }))
    }

    /// Backs the database up, then deletes `target`; the reply names the backup.
    pub fn delete(&mut self, target: &DeleteTarget) -> Result<Outcome, StoreError> {
        let backup = self.store.backup_now(self.backups_dir, &self.now)?;
        let restore_hint = format!(
            "Cadangan sebelum dihapus: {}. Kalau keliru, kembalikan dengan: nano pulihkan --ya (semua perubahan sesudahnya ikut kembali ke keadaan itu).",
            backup.display()
        );

        let mut returned = String::new();
        let result = match target {
            // The parts a deleted job used go back into stock, named after the backup line.
            DeleteTarget::Job(id) => self.store.delete_job(*id, &self.now.to_rfc3339()).map(|deleted| {
                returned = crate::lifecycle::stock_lines(&deleted.stock_returned);
                (format!("Servis #{id} dihapus."), json!({ "job": id, "stock_returned": deleted.stock_returned }))
            }),
            DeleteTarget::Reminder(id) => self
                .store
                .delete_reminder(*id)
                .map(|_| (format!("Pengingat #{id} dihapus."), json!({ "reminder": id }))),
            DeleteTarget::Stock(name) => self
                .store
                .delete_stock(name)
                .map(|item| (format!("Stok {} dihapus.", item.name), json!({ "stock": item.name }))),
        };

        // Another terminal may have deleted the record while this one waited for the yes.
        let (done, deleted) = match result {
            Ok(done) => done,
            Err(StoreError::NotFound(_) | StoreError::StockNotFound(_)) => {
                return Ok(Outcome::NotFound {
                    reply: "Catatan itu sudah tidak ada, jadi tidak ada yang dihapus.".to_string(),
                })
            }
            Err(other) => return Err(other),
        };

        Ok(Outcome::Done {
            reply: format!("{done} {restore_hint}{returned}"),
            records: json!({ "deleted": deleted, "backup": backup.display().to_string() }),
        })
    }
}

/// Builds the reply for a deletion that names a record that does not exist, with a hint on
/// how to find the right one.
fn missing_record(what: &str, hint: &str) -> Outcome {
    Outcome::NotFound {
        reply: format!("{what} tidak ada, jadi tidak ada yang dihapus. {hint}"),
    }
}
