//! Lists of records as aligned tables: jobs, stock, reminders and the shopping list.
//!
//! One job or reminder inside a sentence stays a one-line summary (`dispatch::job_lines`). A
//! list of several is a table, so ids, statuses and prices line up in columns.

use chrono::{DateTime, FixedOffset};

use crate::format;
use crate::report::model::format_date_short_id;
use crate::store::{JobRecord, ReminderRecord, StockRecord};
use crate::table::{Align, Table};

/// Formats jobs as rows of id, date, unit, customer, status, price and what was wrong or done.
pub fn job_table(jobs: &[JobRecord]) -> String {
    let mut table = Table::new(&[
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
    ]);
    for job in jobs {
        let unit: Vec<String> = [job.device.as_deref().map(format::device), job.brand.clone(), job.model.clone()]
            .into_iter()
            .flatten()
            .collect();
        let mut notes: Vec<String> = Vec::new();
        notes.extend(job.complaint.clone());
        notes.extend(job.fault.clone().map(|fault| format!("rusak {fault}")));
        notes.extend(job.action.clone());
        table.row([
            format!("#{}", job.id),
            format_date_short_id(job.date),
            unit.join(" "),
            job.customer.clone().unwrap_or_default(),
            format::status(job.status).to_string(),
            job.price.map(format::rupiah).unwrap_or_default(),
            notes.join(", "),
        ]);
    }
    table.render()
}

/// Formats stock items as rows of name, amount, minimum and a warning when low.
pub fn stock_table(items: &[StockRecord]) -> String {
    let mut table = Table::new(&[Align::Left, Align::Right, Align::Left, Align::Left]);
    for item in items {
        let minimum = if item.min_qty > 0.0 {
            format!("minimal {}", format::quantity(item.min_qty))
        } else {
            String::new()
        };
        let warning = match (item.is_low(), item.qty <= 0.0) {
            (true, true) => "habis!",
            (true, false) => "menipis!",
            _ => "",
        };
        table.row([item.name.clone(), stock_count(item), minimum, warning.to_string()]);
    }
    table.render()
}

/// Formats the shopping list: what to buy, how many, and how many are left now.
pub fn shopping_table(items: &[(StockRecord, f64)]) -> String {
    let mut table = Table::new(&[Align::Left, Align::Right, Align::Left]);
    for (item, to_buy) in items {
        table.row([
            item.name.clone(),
            format!("beli {} {}", format::quantity(*to_buy), item.unit),
            format!("(sekarang {})", stock_count(item)),
        ]);
    }
    table.render()
}

/// Formats reminders as rows of id, due time and text, with "terlewat" for those already past.
pub fn reminder_table(reminders: &[ReminderRecord], now: &DateTime<FixedOffset>) -> String {
    let mut table = Table::new(&[Align::Left, Align::Left, Align::Left]);
    for reminder in reminders {
        let late = if reminder.due < *now { " (terlewat)" } else { "" };
        table.row([
            format!("#{}", reminder.id),
            format::date_time(&reminder.due),
            format!("{}{late}", reminder.text),
        ]);
    }
    table.render()
}

/// Formats an amount in stock with its unit: "8 biji".
pub fn stock_count(item: &StockRecord) -> String {
    format!("{} {}", format::quantity(item.qty), item.unit)
}
