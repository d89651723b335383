//! Reports for a period: gathered from the store into plain data (`model`), printed on the
//! terminal here, and written as a PDF by `pdf`.

pub mod model;
pub mod pdf;
pub mod receipt;

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};

pub use model::{
    ReportData, ReportJob, ReportPart, ReportPickup, ReportReminder, ReportStock, ReportUnclaimed, ReportWarranty,
};

/// Days a finished job may wait for pickup before a report lists it, unless the user names
/// another number with `--belum-diambil`.
pub const DEFAULT_UNCLAIMED_DAYS: u32 = 7;

use crate::format;
use crate::store::{Store, StoreError};

/// Gathers the jobs of `from..=to` and the parts fitted in them, the open reminders due by
/// `to`, the low stock, and the finished jobs that have waited for pickup more than
/// `unclaimed_after_days` days. Stock and waiting jobs are as of `now`, whatever the period.
pub fn collect(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<FixedOffset>,
    shop_name: Option<String>,
    unclaimed_after_days: u32,
) -> Result<ReportData, StoreError> {
    let jobs = store
        .jobs_between(from, to)?
        .into_iter()
        .map(|job| ReportJob {
            id: job.id,
            date: job.date,
            device: job.device.as_deref().map(format::device).unwrap_or_default(),
            brand: job.brand.unwrap_or_default(),
            model: job.model.unwrap_or_default(),
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

    let parts_used = store
        .parts_used_between(from, to)?
        .into_iter()
        .map(|part| ReportPart { name: part.name, qty: part.qty, unit: part.unit })
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
        parts_used,
        unclaimed: unclaimed_jobs(store, now, unclaimed_after_days)?,
        unclaimed_after_days,
        picked_up: store
            .jobs_picked_up_between(from, to)?
            .into_iter()
            .map(|(job, picked_on)| ReportPickup { id: job.id, picked_on, price: job.price })
            .collect(),
        warranties_ending: warranties_ending(store, now.date_naive())?,
    })
}

/// Lists the warranties that end between today and `WARRANTY_SOON_DAYS` days from now, so the
/// technician knows which customers may still come back for free.
fn warranties_ending(store: &Store, today: NaiveDate) -> Result<Vec<ReportWarranty>, StoreError> {
    let last = today + chrono::Duration::days(model::WARRANTY_SOON_DAYS);
    let jobs = store.warranties_ending_between(today, last)?;
    Ok(jobs
        .into_iter()
        .filter_map(|job| {
            let ends = job.warranty_end?;
            let device = [job.device.as_deref().map(format::device), job.brand.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            Some(ReportWarranty {
                id: job.id,
                customer: job.customer.unwrap_or_default(),
                device,
                ends,
                days_left: (ends - today).num_days(),
            })
        })
        .collect())
}

/// Lists jobs in `selesai` that reached it more than `after_days` days before today, longest
/// wait first. A job whose change to `selesai` was never recorded (it was recorded finished)
/// counts from its job date.
fn unclaimed_jobs(store: &Store, now: DateTime<FixedOffset>, after_days: u32) -> Result<Vec<ReportUnclaimed>, StoreError> {
    let today = now.date_naive();
    let mut waiting: Vec<ReportUnclaimed> = store
        .finished_jobs()?
        .into_iter()
        .map(|finished| {
            let day = finished
                .finished_at
                .map(|time| time.with_timezone(now.offset()).date_naive())
                .unwrap_or(finished.job.date);
            let device = [finished.job.device.as_deref().map(format::device), finished.job.brand.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            ReportUnclaimed {
                id: finished.job.id,
                customer: finished.job.customer.unwrap_or_default(),
                device,
                finished: day,
                days_waiting: (today - day).num_days(),
            }
        })
        .filter(|job| job.days_waiting > i64::from(after_days))
        .collect();
    waiting.sort_by(|a, b| b.days_waiting.cmp(&a.days_waiting).then_with(|| a.id.cmp(&b.id)));
    Ok(waiting)
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
    let period = if report.from == report.to {
        format::date(report.from)
    } else {
        format!("{} s.d. {}", format::date(report.from), format::date(report.to))
    };
    let mut lines = vec![format!("{} — {period}", report.title)];

    if report.jobs.is_empty() {
        lines.push("Tidak ada servis pada periode ini.".into());
    } else {
        lines.push(format!("Servis ({}):", report.jobs.len()));
        for job in &report.jobs {
            let device = [job.device.as_str(), job.brand.as_str(), job.model.as_str()]
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
        lines.push(format!("Per jenis barang: {}", breakdown_text(&report.by_device())));
        lines.push(format!("Per merek: {}", breakdown_text(&report.by_brand())));
        push_chart_text(&mut lines, report);
    }

    // Money comes in at pickup, which may be long after the job came in, so this line shows
    // even for a period without new jobs.
    if !report.picked_up.is_empty() {
        lines.push(format!(
            "Uang masuk (diambil pada periode ini): {} dari {} servis",
            format::rupiah(report.money_in()),
            report.picked_up.len()
        ));
    }

    if !report.parts_used.is_empty() {
        lines.push(format!("Part terpakai ({}):", report.parts_used.len()));
        for part in &report.parts_used {
            lines.push(format!("  {}: {}", part.name, model::format_quantity_id(part.qty, &part.unit)));
        }
    }
    if !report.unclaimed.is_empty() {
        lines.push(format!(
            "Sudah selesai tapi belum diambil lebih dari {} hari ({}):",
            report.unclaimed_after_days,
            report.unclaimed.len()
        ));
        for job in &report.unclaimed {
            let who = [job.customer.as_str(), job.device.as_str()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            lines.push(format!("  #{} {} · selesai {} · {} hari menunggu", job.id, who, format::date(job.finished), job.days_waiting));
        }
    }
    push_warranty_text(&mut lines, report);

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

/// "TV 3 (Rp 450.000), Kulkas 1 (Rp 0)".
fn breakdown_text(rows: &[model::Breakdown]) -> String {
    rows.iter()
        .map(|row| format!("{} {} ({})", row.label, row.count, format::rupiah(row.income)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds one line per bar of the jobs chart, with a bar of block characters, when the period
/// has at most 14 bars, so a month stays short on the terminal. The PDF draws every chart.
fn push_chart_text(lines: &mut Vec<String>, report: &ReportData) {
    const MAX_TEXT_BARS: usize = 14;
    const MAX_BLOCKS: usize = 30;
    let (size, buckets) = report.job_buckets();
    if buckets.len() > MAX_TEXT_BARS {
        return;
    }
    let most = buckets.iter().map(|bucket| bucket.count).max().unwrap_or(0).max(1);
    lines.push(format!("Servis per {}:", model::bucket_unit(size)));
    for bucket in &buckets {
        let blocks = (bucket.count * MAX_BLOCKS).div_ceil(most);
        lines.push(format!(
            "  {:<9} {} {}",
            model::bucket_label(size, bucket, buckets.len()),
            "█".repeat(blocks),
            bucket.count
        ));
    }
}

/// Adds the warranties that end within the next days, soonest first.
fn push_warranty_text(lines: &mut Vec<String>, report: &ReportData) {
    if report.warranties_ending.is_empty() {
        return;
    }
    lines.push(format!(
        "Garansi yang berakhir dalam {} hari ({}):",
        model::WARRANTY_SOON_DAYS,
        report.warranties_ending.len()
    ));
    for warranty in &report.warranties_ending {
        let who = [warranty.customer.as_str(), warranty.device.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        lines.push(format!(
            "  #{} {who} · sampai {} ({})",
            warranty.id,
            format::date(warranty.ends),
            model::days_left_text(warranty.days_left)
        ));
    }
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
