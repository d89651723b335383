//! The interpretation object: what one line of the technician's text means.
//!
//! Its JSON form is the contract printed by `nano tafsir --json` and read by the dispatcher,
//! the tests and the corpus scorer. Field names and intent names are fixed by that contract.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Action the user wants done with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Intent {
    #[serde(rename = "job.add")]
    JobAdd,
    #[serde(rename = "job.list")]
    JobList,
    #[serde(rename = "reminder.add")]
    ReminderAdd,
    #[serde(rename = "reminder.list")]
    ReminderList,
    #[serde(rename = "stock.add")]
    StockAdd,
    #[serde(rename = "stock.use")]
    StockUse,
    #[serde(rename = "stock.set")]
    StockSet,
    #[serde(rename = "stock.min")]
    StockMin,
    #[serde(rename = "stock.show")]
    StockShow,
    #[serde(rename = "stock.list")]
    StockList,
    #[serde(rename = "search")]
    Search,
    #[serde(rename = "report")]
    Report,
    #[serde(rename = "memory.add")]
    MemoryAdd,
    #[serde(rename = "memory.forget")]
    MemoryForget,
    #[serde(rename = "job.delete")]
    JobDelete,
    #[serde(rename = "job.update")]
    JobUpdate,
    #[serde(rename = "job.undo")]
    JobUndo,
    /// A field of a recorded job corrected by its number ("#17 harga 200rb").
    #[serde(rename = "job.edit")]
    JobEdit,
    #[serde(rename = "reminder.delete")]
    ReminderDelete,
    #[serde(rename = "stock.delete")]
    StockDelete,
    /// A reminder's errand is done ("pengingat 3 selesai").
    #[serde(rename = "reminder.done")]
    ReminderDone,
    /// The shopping list: stock at or below its minimum ("belanja").
    #[serde(rename = "stock.shopping")]
    ShoppingList,
    #[serde(rename = "warranty.check")]
    WarrantyCheck,
    #[serde(rename = "help")]
    Help,
    #[serde(rename = "chat")]
    Chat,
}

/// Where a repair job stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Masuk,
    Proses,
    TungguPart,
    Selesai,
    Diambil,
    Batal,
}

impl Status {
    /// The stored and printed name, the same as the JSON form.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Masuk => "masuk",
            Status::Proses => "proses",
            Status::TungguPart => "tunggu_part",
            Status::Selesai => "selesai",
            Status::Diambil => "diambil",
            Status::Batal => "batal",
        }
    }

    /// Parses the stored name back; `None` for anything else.
    pub fn parse(text: &str) -> Option<Status> {
        [
            Status::Masuk,
            Status::Proses,
            Status::TungguPart,
            Status::Selesai,
            Status::Diambil,
            Status::Batal,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// A part fitted during a repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Normalised like stock item names (`elco 1000uF 25V`).
    pub name: String,
    pub qty: f64,
}

/// A repair job as written in one line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Job {
    /// Canonical lowercase device type (`tv`, `mesin cuci`, `rice cooker`).
    pub device: Option<String>,
    /// The device as written when its type is `lainnya` ("dvd player", "mesin jahit"), so the
    /// record keeps what the unit is. Absent for the canonical types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// Canonical brand spelling (`Polytron` for "politron").
    pub brand: Option<String>,
    /// Model or type code as written (`A30`, `TC-2088MF`).
    pub model: Option<String>,
    /// Customer as written, with honorific (`Pak Budi`).
    pub customer: Option<String>,
    /// The symptom with slang expanded ("matot" becomes "mati total").
    pub complaint: Option<String>,
    /// The diagnosis or damaged part.
    pub fault: Option<String>,
    /// What was done.
    pub action: Option<String>,
    pub parts: Vec<Part>,
    pub status: Status,
    /// Rupiah charged.
    pub price: Option<i64>,
    /// Day of the work; today unless the line says otherwise.
    pub date: NaiveDate,
    /// The customer's mobile number in its normal form (`081234567890`).
    #[serde(default)]
    pub phone: Option<String>,
    /// Warranty written in the line, in days (0 for "tanpa garansi"); `None` means the shop's
    /// default applies.
    #[serde(default)]
    pub warranty_days: Option<u32>,
}

/// Job number, phone, customer, device and brand named by a warranty question. Every slot may
/// be empty ("garansi" alone lists running warranties).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WarrantyQuery {
    /// A job number (`#12`).
    pub id: Option<i64>,
    /// A mobile number in its normal form.
    pub phone: Option<String>,
    /// Customer as written, with honorific.
    pub customer: Option<String>,
    /// Canonical device type.
    pub device: Option<String>,
    /// Canonical brand spelling.
    pub brand: Option<String>,
}

/// A reminder to set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    /// What to do, with the date words removed.
    pub text: String,
    /// When to remind, in the zone of "now"; `None` when the line names no time.
    pub due: Option<DateTime<FixedOffset>>,
}

/// A stock item and, for changes, a quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stock {
    /// Normalised part name (`elco 1000uF 25V`, `resistor 4k7`, `1N4007`).
    pub item: String,
    /// `None` for `stock.show`, or when the line names no quantity.
    pub qty: Option<f64>,
    /// `pcs` unless the line names another unit (gulung, meter, set).
    pub unit: String,
}

/// An inclusive range of days for a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Whether the line asked for a PDF file.
    pub pdf: bool,
    /// Days a finished job may wait for pickup before the report lists it; `None` uses the
    /// report's default. Set by `nano laporan --belum-diambil N`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unclaimed_days: Option<u32>,
}

/// A fact about the user to remember or forget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryFact {
    /// A short sentence ("nama saya Arip").
    pub fact: String,
}

/// Free-form narrowing for list intents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Filter {
    /// Jobs in any of these states; empty means all.
    pub statuses: Vec<Status>,
    /// Stock at or below its minimum only.
    pub low_stock: bool,
    /// Words that narrow the list further (a brand, a customer).
    pub text: Option<String>,
    /// First day of the job dates to keep, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last day of the job dates to keep, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Customer name as typed (`Pak Budi`); matched without its honorific.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
}

impl Filter {
    /// Returns true if and only if the filter narrows a job search by status, date or customer.
    pub fn narrows_jobs(&self) -> bool {
        !self.statuses.is_empty() || self.from.is_some() || self.to.is_some() || self.customer.is_some()
    }
}

/// Nano's reading of one line. Only the object that belongs to `intent` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interpretation {
    pub intent: Intent,
    pub job: Option<Job>,
    pub reminder: Option<Reminder>,
    pub stock: Option<Stock>,
    pub query: Option<String>,
    pub report: Option<ReportRange>,
    pub memory: Option<MemoryFact>,
    pub filter: Option<Filter>,
    /// The jobs a `warranty.check` question names.
    #[serde(default)]
    pub warranty: Option<WarrantyQuery>,
    /// The record a `job.delete`, `job.update` or `reminder.delete` names; absent from the
    /// JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// From 0 to 1: how sure the rules are of the intent and its slots.
    pub confidence: f32,
    /// Dotted names of slots the record needs but the line lacks (`job.device`, `reminder.due`).
    pub missing: Vec<String>,
    /// `rules` or `model`: which interpreter produced this object.
    pub source: String,
}

impl Interpretation {
    /// Builds an interpretation with only the intent set, for intents that carry no object.
    pub fn bare(intent: Intent, confidence: f32) -> Interpretation {
        Interpretation {
            intent,
            job: None,
            reminder: None,
            stock: None,
            query: None,
            report: None,
            memory: None,
            filter: None,
            warranty: None,
            id: None,
            confidence,
            missing: Vec::new(),
            source: "rules".to_string(),
        }
    }
}
