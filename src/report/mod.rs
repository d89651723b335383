//! Reports for a period: gathered from the store into plain data (`model`), printed on the
//! terminal here, and written as a PDF by `pdf`.

pub mod model;
pub mod pdf;
pub mod receipt;

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

pub use model::{ReportData, ReportJob, ReportReminder, ReportStock};

use crate::format;
use crate::store::{Store, StoreError};

/// Gathers the jobs of `from..=to`, the open reminders due by `to`, and the low stock.
pub fn collect(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<FixedOffset>,
    shop_name: Option<String>,
) -> Result<ReportData, StoreError> {
    let jobs = store
        .jobs_between(from, to)?
        .into_iter()
        .map(|job| ReportJob {
            id: job.id,
            date: job.date,
            device: job.device.as_deref().map(format::device).unwrap_or_default(),
            // The model code sits with the brand ("Samsung J2") so reports tell units apart.
            brand: [job.brand, job.model].into_iter().flatten().collect::<Vec<_>>().join(" "),
            customer: job.customer.unwrap_or_default(),
            complaint: job.complaint.or(job.fault).unwrap_or_default(),
            status: job.status.as_str().to_string(),
            price: job.price,
        })
        .collect();

    // Reminders that fall after the period belong to a later report.
    let open_reminders = store
        .open_reminders()?
        .into_iter()
        .filter(|reminder| reminder.due.date_naive() <= to)
        .map(|reminder| ReportReminder {
            id: reminder.id,
            due: reminder.due.naive_local(),
            text: reminder.text,
        })
        .collect();

    let low_stock = store
        .stock_list(true)?
        .into_iter()
        .map(|item| ReportStock {
            item: item.name,
            qty: item.qty,
            unit: item.unit,
            min_qty: item.min_qty,
        })
        .collect();

    Ok(ReportData {
        title: title_for(from, to),
        shop_name,
        from,
        to,
        generated_at: now.naive_local(),
        jobs,
        open_reminders,
        low_stock,
    })
}

/// "Laporan Harian", "Laporan Mingguan", "Laporan Bulanan" or "Laporan" for other ranges.
fn title_for(from: NaiveDate, to: NaiveDate) -> String {
    let days = (to - from).num_days() + 1;
    let title = match days {
        1 => "Laporan Harian",
        7 => "Laporan Mingguan",
        28..=31 => "Laporan Bulanan",
        _ => "Laporan",
    };
    title.to_string()
}

/// Renders the report as terminal text.
pub fn render_text(report: &ReportData) -> String {
    let mut lines = vec![format!(
        "{} — {} s.d. {}",
        report.title,
        format::date(report.from),
        format::date(report.to)
    )];

    if report.jobs.is_empty() {
        lines.push("Tidak ada servis pada periode ini.".into());
    } else {
        lines.push(format!("Servis ({}):", report.jobs.len()));
        for job in &report.jobs {
            let device = [job.device.as_str(), job.brand.as_str()]
                .iter()
                .filter(|part| !part.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let mut line = format!("  #{} {} · {}", job.id, format::date(job.date), device);
            for extra in [&job.customer, &job.complaint] {
                if !extra.is_empty() {
                    line.push_str(" · ");
                    line.push_str(extra);
                }
            }
            line.push_str(" · ");
            line.push_str(model::status_label(&job.status));
            if let Some(price) = job.price {
                line.push_str(" · ");
                line.push_str(&format::rupiah(price));
            }
            lines.push(line);
        }
        let counts: Vec<String> = report
            .count_by_status()
            .into_iter()
            .map(|(status, count)| format!("{} {count}", model::status_label(&status)))
            .collect();
        lines.push(format!("Per status: {}", counts.join(", ")));
        lines.push(format!(
            "Total pendapatan (selesai dan diambil): {}",
            format::rupiah(report.total_income())
        ));
        if report.unfinished_value() > 0 {
            lines.push(format!(
                "Belum selesai (perkiraan): {}",
                format::rupiah(report.unfinished_value())
            ));
        }
    }

    if !report.open_reminders.is_empty() {
        lines.push(format!("Pengingat yang belum selesai ({}):", report.open_reminders.len()));
        for reminder in &report.open_reminders {
            lines.push(format!(
                "  #{} {} {} — {}",
                reminder.id,
                format::date(reminder.due.date()),
                reminder.due.format("%H.%M"),
                reminder.text
            ));
        }
    }
    if !report.low_stock.is_empty() {
        lines.push(format!("Stok menipis ({}):", report.low_stock.len()));
        for item in &report.low_stock {
            lines.push(format!(
                "  {}: {} {} (minimal {})",
                item.item,
                format::quantity(item.qty),
                item.unit,
                format::quantity(item.min_qty)
            ));
        }
    }
    lines.join("\n")
}

/// Writes the PDF, creating its folder; on failure returns the Indonesian sentence to show.
pub fn write_pdf_file(report: &ReportData, path: &Path) -> Result<(), String> {
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        if let Err(error) = std::fs::create_dir_all(folder) {
            tracing::error!(%error, folder = %folder.display(), "cannot create report folder");
            return Err(format!(
                "PDF tidak bisa dibuat: folder {} tidak bisa dibuat ({error}). Coba pilih lokasi lain dengan --pdf.",
                folder.display()
            ));
        }
    }
    pdf::write_pdf(report, path).map_err(|error| {
        tracing::error!(%error, path = %path.display(), "PDF write failed");
        error.user_message()
    })
}
