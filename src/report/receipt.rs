//! The customer receipt ("nota") for one job: a one-page A5 PDF with the shop, receipt number and
//! date, customer and phone, device, complaint, action and parts, status, price and the job's
//! own warranty terms with their end date.
//!
//! Fonts, text fitting and tables come from [`super::pdf`], so the receipt and the reports
//! share their genpdf workarounds. This file owns the receipt's layout and its Indonesian words.

use std::path::Path;

use chrono::NaiveDate;
use genpdf::elements::{Break, LinearLayout};
use genpdf::style::Style;
use genpdf::{Alignment, Element, Margins, Size};

use super::model::{format_date_id, format_quantity_id, format_rupiah, status_label};
use super::pdf::{aligned_cell, framed_table, layout, load_font_family, metadata_title, table_cell, FittedText, PdfError};
use crate::store::JobRecord;

/// A5 portrait, in millimetres: half an A4 sheet, the usual size of a shop receipt.
const PAPER_A5: (u32, u32) = (148, 210);

/// Relative widths of the label and value columns.
const DETAIL_WEIGHTS: [usize; 2] = [28, 72];

/// Everything printed on a receipt.
pub struct ReceiptData {
    pub shop_name: Option<String>,
    /// Address and phone lines under the shop name; empty lines are left out.
    pub shop_contact: Vec<String>,
    pub job: JobRecord,
    /// Day the receipt is written.
    pub issued: NaiveDate,
    /// The shop's default warranty, printed only for jobs recorded before each job stored
    /// its own terms; it then runs from the receipt date.
    pub warranty_days: u32,
}

/// Every Indonesian word printed on the receipt.
mod text {
    pub const TITLE: &str = "Nota Servis";
    pub const NUMBER: &str = "No. nota";
    pub const ISSUED: &str = "Tanggal nota";
    pub const RECEIVED: &str = "Tanggal masuk";
    pub const CUSTOMER: &str = "Pelanggan";
    pub const DEVICE: &str = "Barang";
    pub const COMPLAINT: &str = "Keluhan";
    pub const ACTION: &str = "Tindakan";
    pub const PARTS: &str = "Part";
    pub const STATUS: &str = "Status";
    pub const PRICE: &str = "Biaya";
    pub const EMPTY: &str = "–";
    pub const THANKS: &str = "Terima kasih atas kepercayaan Anda.";

    pub fn warranty(days: u32) -> String {
        format!("Garansi {days} hari untuk kerusakan yang sama, sejak tanggal nota.")
    }

    pub const NO_WARRANTY: &str = "Tanpa garansi.";

    pub fn warranty_from_finish(days: i64) -> String {
        format!("Garansi {days} hari untuk kerusakan yang sama, dihitung sejak servis selesai.")
    }

    pub fn warranty_period(days: i64, start: &str, end: &str) -> String {
        format!("Garansi {days} hari untuk kerusakan yang sama: {start} s.d. {end}.")
    }

    pub fn warranty_claim(original: i64, end: &str) -> String {
        format!("Klaim garansi servis #{original}: garansi tetap berlaku sampai {end}, tidak diperpanjang.")
    }
}

/// Writes the warranty sentence of a receipt from the job's own stored terms.
fn warranty_terms(receipt: &ReceiptData) -> String {
    let job = &receipt.job;
    match (job.warranty_of, job.warranty_days, job.warranty_start, job.warranty_end) {
        (Some(original), _, _, Some(end)) => text::warranty_claim(original, &format_date_id(end)),
        (_, None, _, _) => text::warranty(receipt.warranty_days),
        (_, Some(0), _, _) => text::NO_WARRANTY.to_string(),
        (_, Some(days), Some(start), Some(end)) => text::warranty_period(days, &format_date_id(start), &format_date_id(end)),
        (_, Some(days), _, _) => text::warranty_from_finish(days),
    }
}

/// Returns the receipt number printed for job `id`, e.g. "N-00012".
pub fn receipt_number(id: i64) -> String {
    format!("N-{id:05}")
}

/// Writes the receipt as an A5 PDF to `path`, replacing any file there.
///
/// NOTE: A typical job fits on one page, but a job with very long text fields or many parts flows onto
/// a second page because nothing here shortens the text.
pub fn write_receipt(receipt: &ReceiptData, path: &Path) -> Result<(), PdfError> {
    let mut document = genpdf::Document::new(load_font_family()?);
    let title = format!("{} {}", text::TITLE, receipt_number(receipt.job.id));
    document.set_title(metadata_title(&title));
    document.set_paper_size(Size::new(PAPER_A5.0, PAPER_A5.1));
    document.set_font_size(layout::BODY_FONT_PT);
    document.set_line_spacing(layout::LINE_SPACING);
    document.set_minimal_conformance();
    let mut decorator = genpdf::SimplePageDecorator::new();
    decorator.set_margins(Margins::all(layout::PAGE_MARGIN_MM));
    document.set_page_decorator(decorator);

    document.push(header(receipt));
    document.push(Break::new(1.0));
    document.push(details(receipt));
    document.push(Break::new(1.0));
    document.push(FittedText::new(warranty_terms(receipt), Style::new().bold()));
    document.push(FittedText::new(text::THANKS, Style::new().with_font_size(layout::SMALL_FONT_PT)));

    let mut bytes = Vec::new();
    document.render(&mut bytes).map_err(|source| PdfError::Render {
        path: path.to_path_buf(),
        source,
    })?;
    std::fs::write(path, bytes).map_err(|source| PdfError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn header(receipt: &ReceiptData) -> LinearLayout {
    let mut block = LinearLayout::vertical();
    let shop = receipt.shop_name.as_deref().map(str::trim).filter(|name| !name.is_empty());
    if let Some(shop) = shop {
        block.push(FittedText::new(shop, Style::new().bold().with_font_size(layout::TITLE_FONT_PT)));
    }
    for line in receipt.shop_contact.iter().map(|line| line.trim()).filter(|line| !line.is_empty()) {
        block.push(FittedText::new(line, Style::new()));
    }
    block.push(FittedText::new(text::TITLE, Style::new().bold().with_font_size(layout::HEADING_FONT_PT)));
    block.push(FittedText::new(
        format!("{}: {} (servis #{})", text::NUMBER, receipt_number(receipt.job.id), receipt.job.id),
        Style::new(),
    ));
    block.push(FittedText::new(format!("{}: {}", text::ISSUED, format_date_id(receipt.issued)), Style::new()));
    block
}

/// "Pak Budi (0812-3456-7890)", or whichever of the two is known.
fn customer(job: &JobRecord) -> Option<String> {
    let phone = job.phone.as_deref().map(crate::format::phone);
    match (job.customer.clone(), phone) {
        (Some(name), Some(phone)) => Some(format!("{name} ({phone})")),
        (name, phone) => name.or(phone),
    }
}

fn details(receipt: &ReceiptData) -> genpdf::elements::TableLayout {
    let job = &receipt.job;
    let device = [job.device.as_deref().map(crate::format::device), job.brand.clone(), job.model.clone()]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let parts = job
        .parts
        .iter()
        .map(|part| format!("{} {}", format_quantity_id(part.qty, "pcs"), part.name))
        .collect::<Vec<_>>()
        .join("\n");
    let or_empty = |value: Option<String>| value.filter(|text| !text.trim().is_empty()).unwrap_or_else(|| text::EMPTY.to_string());

    let rows = [
        (text::RECEIVED, format_date_id(job.date)),
        (text::CUSTOMER, or_empty(customer(job))),
        (text::DEVICE, or_empty(Some(device))),
        (text::COMPLAINT, or_empty(job.complaint.clone().or(job.fault.clone()))),
        (text::ACTION, or_empty(job.action.clone())),
        (text::PARTS, or_empty(Some(parts))),
        (text::STATUS, status_label(job.status.as_str()).to_string()),
    ];
    let mut table = framed_table(&DETAIL_WEIGHTS);
    for (label, value) in rows {
        table.push_row(vec![table_cell(label), table_cell(value)]).expect("row has one element per column");
    }
    let price = job.price.map(format_rupiah).unwrap_or_else(|| text::EMPTY.to_string());
    let price_row: Vec<Box<dyn Element>> = vec![table_cell(text::PRICE), aligned_cell(price, Alignment::Left)];
    table.push_row(price_row).expect("row has one element per column");
    table
}
