//! PDF writer for reports, built on genpdf 0.2 with the embedded Liberation Sans fonts.
//!
//! This file owns the page layout (A4, running header, sections and tables) and every
//! Indonesian word printed in the PDF, which live together in [`text`]. It reads a
//! [`ReportData`] and never queries the database or formats numbers itself: amounts, dates and
//! status labels come from [`super::model`] so that the terminal and the PDF agree.
//!
//! genpdf 0.2 has traps that the elements here work around, checked by reading its source and by
//! the tests in this crate:
//! - A word wider than its column is dropped, and when it starts a line the rest of the
//!   paragraph is dropped with it. [`FittedText`] splits such words into chunks that fit.
//! - `\n` is printed as an ordinary character, not as a line break. [`FittedText`] turns each
//!   line into its own paragraph.
//! - A table does not repeat its header row on a new page, and a heading can end up alone at the
//!   bottom of a page. [`Section`] repeats both and moves to a new page when too little room
//!   is left.
//! - A table always spans the full width of its area, so the summary table is narrowed with
//!   padding on the right.
//! - `PaddedElement` keeps its padding height when its content moved to the next page, which
//!   leaves an empty sliver of a row. Table cells use [`Cell`] instead.
//! - printpdf 0.3.4 writes the Title metadata as raw UTF-8, so [`metadata_title`] keeps it ASCII.

use std::path::{Path, PathBuf};

use genpdf::elements::{
    Break, FrameCellDecorator, LinearLayout, PaddedElement, Paragraph, TableLayout,
};
use genpdf::fonts::{FontData, FontFamily};
use genpdf::style::{Color, Style, StyledString};
use genpdf::{Alignment, Context, Element, Margins, Mm, Position, RenderResult, Size};

use super::model::{
    bucket_label, bucket_unit, days_left_text, format_date_id, format_date_short_id, format_quantity_id,
    format_rupiah, format_time_id, status_label, Breakdown, ReportData, ReportJob, ReportPart, ReportReminder,
    ReportStock, ReportUnclaimed, WARRANTY_SOON_DAYS,
};

/// Failure to write a report PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be parsed, which means the binary was built with a broken
    /// font file.
    #[error("failed to load embedded font {font}")]
    FontLoad {
        font: &'static str,
        #[source]
        source: genpdf::error::Error,
    },

    /// genpdf failed to lay out or encode the document.
    #[error("failed to render PDF for {}", path.display())]
    Render {
        path: PathBuf,
        #[source]
        source: genpdf::error::Error,
    },

    /// The finished PDF could not be written to its file.
    #[error("failed to write PDF to {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl PdfError {
    /// Returns one Indonesian sentence for the user: what failed, where, and what to do next.
    pub fn user_message(&self) -> String {
        match self {
            PdfError::FontLoad { .. } => text::ERROR_FONT.to_string(),
            PdfError::Render { path, .. } => text::error_render(path),
            PdfError::Write { path, source } => text::error_write(path, source.kind()),
        }
    }
}

/// Writes `report` as an A4 PDF to `path`, replacing any file there.
///
/// The whole document is rendered in memory first, so a layout failure leaves no half-written
/// file behind.
pub fn write_pdf(report: &ReportData, path: &Path) -> Result<(), PdfError> {
    let mut document = genpdf::Document::new(load_font_family()?);
    configure_document(&mut document, report);
    push_sections(&mut document, report);

    let mut bytes = Vec::new();
    document
        .render(&mut bytes)
        .map_err(|source| PdfError::Render {
            path: path.to_path_buf(),
            source,
        })?;

    std::fs::write(path, bytes).map_err(|source| PdfError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Every Indonesian word printed in the PDF, so the report reads in one voice.
mod text {
    use std::io::ErrorKind;
    use std::path::Path;

    pub const PERIOD: &str = "Periode";
    pub const GENERATED: &str = "Dibuat";
    pub const AT_TIME: &str = "pukul";
    pub const PAGE: &str = "Halaman";
    pub const CONTINUED: &str = "(lanjutan)";

    pub const JOBS_HEADING: &str = "Daftar Servis";
    pub const JOBS_EMPTY: &str = "Tidak ada servis pada periode ini.";
    pub const JOB_COLUMNS: [&str; 7] = [
        "No/ID",
        "Tanggal",
        "Perangkat",
        "Pelanggan",
        "Keluhan",
        "Status",
        "Biaya",
    ];
    /// Shown in the price column of a job that has no price yet.
    pub const NO_PRICE: &str = "–";

    pub const SUMMARY_HEADING: &str = "Ringkasan";
    pub const JOB_COUNT: &str = "Jumlah servis";
    pub const INCOME: &str = "Total pendapatan";
    pub const UNFINISHED: &str = "Belum selesai (perkiraan)";
    pub const INCOME_NOTE: &str =
        "Pendapatan dihitung dari servis yang sudah selesai atau sudah diambil; servis yang batal tidak dihitung.";

    pub const DEVICES_HEADING: &str = "Per Jenis Barang";
    pub const DEVICE_COLUMNS: [&str; 3] = ["Jenis barang", "Jumlah servis", "Pendapatan"];
    pub const BRANDS_HEADING: &str = "Per Merek";
    pub const BRAND_COLUMNS: [&str; 3] = ["Merek", "Jumlah servis", "Pendapatan"];

    pub const CHART_HEADING: &str = "Grafik Servis";
    pub fn chart_caption(unit: &str) -> String {
        format!("Jumlah servis per {unit}, menurut tanggal servis.")
    }

    pub const PARTS_HEADING: &str = "Part Terpakai";
    pub const PARTS_EMPTY: &str = "Tidak ada part yang tercatat terpakai pada periode ini.";
    pub const PART_COLUMNS: [&str; 2] = ["Part", "Jumlah"];

    pub fn money_in(count: usize) -> String {
        format!("Uang masuk (diambil pada periode ini, {count} servis)")
    }

    pub fn warranty_heading() -> String {
        format!("Garansi Berakhir dalam {} Hari", super::WARRANTY_SOON_DAYS)
    }
    pub const WARRANTY_COLUMNS: [&str; 5] = ["ID", "Pelanggan", "Barang", "Sampai", "Sisa"];

    pub const UNCLAIMED_HEADING: &str = "Selesai tapi Belum Diambil";
    pub fn unclaimed_note(days: u32) -> String {
        format!("Servis yang sudah selesai lebih dari {days} hari tetapi belum diambil pelanggan, per hari laporan dibuat.")
    }
    pub fn unclaimed_empty(days: u32) -> String {
        format!("Tidak ada servis selesai yang menunggu diambil lebih dari {days} hari.")
    }
    pub const UNCLAIMED_COLUMNS: [&str; 5] = ["ID", "Pelanggan", "Barang", "Selesai", "Menunggu"];
    pub fn days(count: i64) -> String {
        format!("{count} hari")
    }

    pub const REMINDERS_HEADING: &str = "Pengingat yang Belum Selesai";
    pub const REMINDERS_EMPTY: &str = "Tidak ada pengingat yang belum selesai.";
    pub const REMINDER_COLUMNS: [&str; 3] = ["ID", "Jatuh tempo", "Pengingat"];
    pub const OVERDUE: &str = "sudah lewat";

    pub const STOCK_HEADING: &str = "Stok Menipis";
    pub const STOCK_EMPTY: &str =
        "Tidak ada stok yang menipis. Semua barang masih di atas batas minimum.";
    pub const STOCK_COLUMNS: [&str; 3] = ["Barang", "Sisa", "Batas minimum"];

    pub const ERROR_FONT: &str =
        "Font untuk PDF tidak bisa dimuat. Ini kesalahan pada Nano, mohon laporkan ke pengembang.";

    pub fn error_render(path: &Path) -> String {
        format!(
            "Laporan PDF untuk {} gagal disusun. Silakan coba lagi, dan bila tetap gagal mohon laporkan ke pengembang.",
            path.display()
        )
    }

    pub fn error_write(path: &Path, kind: ErrorKind) -> String {
        let reason = match kind {
            ErrorKind::NotFound => "foldernya tidak ditemukan",
            ErrorKind::PermissionDenied => "tidak ada izin untuk menulis di sana",
            _ => "terjadi kesalahan saat menulis file",
        };
        format!(
            "File PDF tidak bisa disimpan ke {} karena {reason}. Pastikan foldernya ada dan bisa ditulisi, lalu coba lagi.",
            path.display()
        )
    }
}

/// Page and type sizes. Lengths are in millimetres, font sizes in points.
pub(crate) mod layout {
    pub const PAGE_MARGIN_MM: f64 = 15.0;
    pub const CELL_PADDING_MM: f64 = 1.2;
    pub const SECTION_GAP_MM: f64 = 5.0;
    /// Right padding that narrows the summary table to about 100 mm of the 180 mm text width.
    pub const SUMMARY_RIGHT_PADDING_MM: f64 = 80.0;

    pub const BODY_FONT_PT: u8 = 10;
    pub const TABLE_FONT_PT: u8 = 9;
    pub const SMALL_FONT_PT: u8 = 8;
    pub const HEADING_FONT_PT: u8 = 13;
    pub const TITLE_FONT_PT: u8 = 18;
    pub const LINE_SPACING: f64 = 1.2;

    /// Relative widths of the job table columns, in the order of `text::JOB_COLUMNS`.
    pub const JOB_WEIGHTS: [usize; 7] = [9, 16, 20, 18, 31, 14, 18];
    pub const REMINDER_WEIGHTS: [usize; 3] = [8, 30, 70];
    pub const STOCK_WEIGHTS: [usize; 3] = [60, 20, 20];
    pub const BREAKDOWN_WEIGHTS: [usize; 3] = [50, 20, 30];
    pub const PART_WEIGHTS: [usize; 2] = [75, 25];
    pub const UNCLAIMED_WEIGHTS: [usize; 5] = [8, 30, 30, 18, 14];
    pub const WARRANTY_WEIGHTS: [usize; 5] = [8, 30, 28, 16, 18];

    /// Height of the jobs chart: bars, the count above the tallest bar and the labels below.
    pub const CHART_HEIGHT_MM: f64 = 62.0;
    /// Space under the bars for their labels.
    pub const CHART_LABEL_MM: f64 = 6.0;
    /// Space above the tallest bar for its count.
    pub const CHART_TOP_MM: f64 = 6.0;
    /// Share of each bar's slot that the bar fills; the rest is the gap between bars.
    pub const CHART_BAR_SHARE: f64 = 0.7;
    /// Distance between the strokes that fill a bar. genpdf 0.2 draws only stroked lines, 1 pt
    /// (0.35 mm) wide, so strokes this close cover the bar.
    pub const CHART_STROKE_STEP_MM: f64 = 0.25;
    pub const CHART_FONT_PT: u8 = 7;
    pub const SUMMARY_WEIGHTS: [usize; 2] = [3, 2];

    /// Grey level of the running header, 0 black to 255 white.
    pub const MUTED_GREY: u8 = 110;
}

/// Parses the four embedded Liberation Sans faces.
pub(crate) fn load_font_family() -> Result<FontFamily<FontData>, PdfError> {
    Ok(FontFamily {
        regular: load_font(
            "LiberationSans-Regular.ttf",
            include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
        )?,
        bold: load_font(
            "LiberationSans-Bold.ttf",
            include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
        )?,
        italic: load_font(
            "LiberationSans-Italic.ttf",
            include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf"),
        )?,
        bold_italic: load_font(
            "LiberationSans-BoldItalic.ttf",
            include_bytes!("../../assets/fonts/LiberationSans-BoldItalic.ttf"),
        )?,
    })
}

fn load_font(font: &'static str, bytes: &'static [u8]) -> Result<FontData, PdfError> {
    // `None` embeds the TrueType font, so every character it has glyphs for can be printed. The
    // built-in PDF fonts only cover Windows-1252.
    FontData::new(bytes.to_vec(), None).map_err(|source| PdfError::FontLoad { font, source })
}

fn configure_document(document: &mut genpdf::Document, report: &ReportData) {
    document.set_title(metadata_title(&document_title(report)));
    document.set_paper_size(genpdf::PaperSize::A4);
    document.set_font_size(layout::BODY_FONT_PT);
    document.set_line_spacing(layout::LINE_SPACING);

    // Skips the ICC colour profile and XMP metadata that a PDF/A file would carry, because the
    // report only needs to print and display.
    document.set_minimal_conformance();

    let mut decorator = genpdf::SimplePageDecorator::new();
    decorator.set_margins(Margins::all(layout::PAGE_MARGIN_MM));
    let running_title = document_title(report);
    let period = format!(
        "{} – {}",
        format_date_short_id(report.from),
        format_date_short_id(report.to)
    );
    decorator.set_header(move |page| running_header(&running_title, &period, page));
    document.set_page_decorator(decorator);
}

/// Returns "Shop – Title", or the title alone when the shop name is unknown.
fn document_title(report: &ReportData) -> String {
    match shop_name(report) {
        Some(shop) => format!("{shop} – {}", report.title.trim()),
        None => report.title.trim().to_string(),
    }
}

/// Returns `title` with every non-ASCII character replaced, for the PDF's Title metadata.
///
/// printpdf 0.3.4 writes the title's UTF-8 bytes as a literal string, which viewers decode as
/// PDFDocEncoding, so "–" would show as "â€“". The page text itself is not affected.
pub(crate) fn metadata_title(title: &str) -> String {
    title
        .chars()
        .map(|c| match c {
            '–' | '—' => '-',
            c if c.is_ascii() => c,
            _ => '?',
        })
        .collect()
}

fn shop_name(report: &ReportData) -> Option<&str> {
    report
        .shop_name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// Builds the small grey line above the content of pages 2 and later, so loose printed pages
/// can be put back in order. Page 1 carries the full title block instead.
fn running_header(title: &str, period: &str, page: usize) -> LinearLayout {
    let mut header = LinearLayout::vertical();
    if page == 1 {
        return header;
    }

    let style = Style::new()
        .with_font_size(layout::SMALL_FONT_PT)
        .with_color(Color::Greyscale(layout::MUTED_GREY));
    let mut line = TableLayout::new(vec![3, 1]);
    let left = FittedText::new(format!("{title} · {period}"), style);
    let right = FittedText::new(format!("{} {page}", text::PAGE), style).aligned(Alignment::Right);
    line.push_row(vec![Box::new(left), Box::new(right)])
        .expect("row has one element per column");

    header.push(line);
    header.push(Break::new(1.0));
    header
}

fn push_sections(document: &mut genpdf::Document, report: &ReportData) {
    document.push(title_block(report));
    document.push(jobs_section(&report.jobs));
    document.push(summary_section(report));
    if !report.jobs.is_empty() {
        document.push(breakdown_section(text::DEVICES_HEADING, &text::DEVICE_COLUMNS, &report.by_device()));
        document.push(breakdown_section(text::BRANDS_HEADING, &text::BRAND_COLUMNS, &report.by_brand()));
        document.push(chart_section(report));
    }
    document.push(parts_section(&report.parts_used));
    document.push(unclaimed_section(&report.unclaimed, report.unclaimed_after_days));
    if let Some(section) = warranty_section(report) {
        document.push(section);
    }
    document.push(reminders_section(
        &report.open_reminders,
        report.generated_at,
    ));
    document.push(stock_section(&report.low_stock));
}

/// Builds the shop name, report title, period and creation time at the top of page 1.
fn title_block(report: &ReportData) -> LinearLayout {
    let mut block = LinearLayout::vertical();
    let title_style = Style::new().bold().with_font_size(layout::TITLE_FONT_PT);

    match shop_name(report) {
        Some(shop) => {
            block.push(FittedText::new(shop, title_style));
            block.push(FittedText::new(
                report.title.trim(),
                Style::new().bold().with_font_size(layout::HEADING_FONT_PT),
            ));
        }
        None => block.push(FittedText::new(report.title.trim(), title_style)),
    }

    block.push(Break::new(0.5));
    block.push(FittedText::new(
        format!("{}: {}", text::PERIOD, period_text(report)),
        Style::new(),
    ));
    let generated = format!(
        "{}: {} {} {}",
        text::GENERATED,
        format_date_id(report.generated_at.date()),
        text::AT_TIME,
        format_time_id(report.generated_at.time())
    );
    block.push(FittedText::new(
        generated,
        Style::new().with_font_size(layout::SMALL_FONT_PT),
    ));
    block
}

/// Returns "Senin, 30 Nov 2026 – Minggu, 6 Des 2026", or one date for a one-day period.
fn period_text(report: &ReportData) -> String {
    if report.from == report.to {
        format_date_id(report.from)
    } else {
        format!(
            "{} – {}",
            format_date_id(report.from),
            format_date_id(report.to)
        )
    }
}

fn jobs_section(jobs: &[ReportJob]) -> Section {
    if jobs.is_empty() {
        return Section::new(text::JOBS_HEADING, empty_note(text::JOBS_EMPTY));
    }

    let mut table = framed_table(&layout::JOB_WEIGHTS);
    for (index, job) in jobs.iter().enumerate() {
        let price = job
            .price
            .map(format_rupiah)
            .unwrap_or_else(|| text::NO_PRICE.to_string());
        let row: Vec<Box<dyn Element>> = vec![
            table_cell(format!("{}\n#{}", index + 1, job.id)),
            table_cell(format_date_short_id(job.date)),
            table_cell(device_text(job)),
            table_cell(&job.customer),
            table_cell(&job.complaint),
            table_cell(status_label(&job.status)),
            aligned_cell(price, Alignment::Right),
        ];
        table.push_row(row).expect("row has one element per column");
    }

    Section::new(text::JOBS_HEADING, table).with_header(&text::JOB_COLUMNS, &layout::JOB_WEIGHTS)
}

/// Returns "device brand model", leaving out whichever part is blank.
fn device_text(job: &ReportJob) -> String {
    let parts = [job.device.trim(), job.brand.trim(), job.model.trim()];
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn summary_section(report: &ReportData) -> Section {
    let bold = Style::new().bold();
    let mut table = TableLayout::new(layout::SUMMARY_WEIGHTS.to_vec());

    push_summary_row(
        &mut table,
        text::JOB_COUNT.to_string(),
        report.jobs.len().to_string(),
        bold,
        0.0,
    );
    for (status, count) in report.count_by_status() {
        // Status rows are indented under the job count they add up to.
        push_summary_row(
            &mut table,
            status_label(&status).to_string(),
            count.to_string(),
            Style::new(),
            5.0,
        );
    }
    push_summary_row(
        &mut table,
        text::INCOME.to_string(),
        format_rupiah(report.total_income()),
        bold,
        0.0,
    );
    if report.unfinished_value() > 0 {
        push_summary_row(
            &mut table,
            text::UNFINISHED.to_string(),
            format_rupiah(report.unfinished_value()),
            Style::new(),
            0.0,
        );
    }
    push_summary_row(
        &mut table,
        text::money_in(report.picked_up.len()),
        format_rupiah(report.money_in()),
        bold,
        0.0,
    );

    let mut content = LinearLayout::vertical();
    content.push(PaddedElement::new(
        table,
        Margins::trbl(0, layout::SUMMARY_RIGHT_PADDING_MM, 0, 0),
    ));
    content.push(FittedText::new(
        text::INCOME_NOTE,
        Style::new().with_font_size(layout::SMALL_FONT_PT),
    ));
    Section::new(text::SUMMARY_HEADING, content)
}

fn push_summary_row(
    table: &mut TableLayout,
    label: String,
    value: String,
    style: Style,
    indent_mm: f64,
) {
    let label = PaddedElement::new(
        FittedText::new(label, style),
        Margins::trbl(0, 0, 0, indent_mm),
    );
    let value = FittedText::new(value, style).aligned(Alignment::Right);
    table
        .push_row(vec![Box::new(label), Box::new(value)])
        .expect("row has one element per column");
}

fn breakdown_section(heading: &str, columns: &[&'static str], rows: &[Breakdown]) -> Section {
    let mut table = framed_table(&layout::BREAKDOWN_WEIGHTS);
    for row in rows {
        let cells: Vec<Box<dyn Element>> = vec![
            table_cell(&row.label),
            aligned_cell(row.count.to_string(), Alignment::Right),
            aligned_cell(format_rupiah(row.income), Alignment::Right),
        ];
        table.push_row(cells).expect("row has one element per column");
    }
    Section::new(heading, table).with_header(columns, &layout::BREAKDOWN_WEIGHTS)
}

fn chart_section(report: &ReportData) -> Section {
    let (size, buckets) = report.job_buckets();
    let bars: Vec<(String, usize)> = buckets
        .iter()
        .map(|bucket| (bucket_label(size, bucket, buckets.len()), bucket.count))
        .collect();

    let mut content = LinearLayout::vertical();
    content.push(BarChart { bars });
    content.push(FittedText::new(
        text::chart_caption(bucket_unit(size)),
        Style::new().with_font_size(layout::SMALL_FONT_PT),
    ));
    Section::new(text::CHART_HEADING, content).keeping_together(layout::CHART_HEIGHT_MM + 5.0)
}

fn parts_section(parts: &[ReportPart]) -> Section {
    if parts.is_empty() {
        return Section::new(text::PARTS_HEADING, empty_note(text::PARTS_EMPTY));
    }
    let mut table = framed_table(&layout::PART_WEIGHTS);
    for part in parts {
        let row: Vec<Box<dyn Element>> = vec![
            table_cell(&part.name),
            aligned_cell(format_quantity_id(part.qty, &part.unit), Alignment::Right),
        ];
        table.push_row(row).expect("row has one element per column");
    }
    Section::new(text::PARTS_HEADING, table).with_header(&text::PART_COLUMNS, &layout::PART_WEIGHTS)
}

fn unclaimed_section(jobs: &[ReportUnclaimed], after_days: u32) -> Section {
    if jobs.is_empty() {
        return Section::new(text::UNCLAIMED_HEADING, empty_note(&text::unclaimed_empty(after_days)));
    }
    let mut table = framed_table(&layout::UNCLAIMED_WEIGHTS);
    for job in jobs {
        let row: Vec<Box<dyn Element>> = vec![
            table_cell(format!("#{}", job.id)),
            table_cell(&job.customer),
            table_cell(&job.device),
            table_cell(format_date_short_id(job.finished)),
            aligned_cell(text::days(job.days_waiting), Alignment::Right),
        ];
        table.push_row(row).expect("row has one element per column");
    }
    let mut content = LinearLayout::vertical();
    content.push(table);
    content.push(FittedText::new(
        text::unclaimed_note(after_days),
        Style::new().with_font_size(layout::SMALL_FONT_PT),
    ));
    Section::new(text::UNCLAIMED_HEADING, content).with_header(&text::UNCLAIMED_COLUMNS, &layout::UNCLAIMED_WEIGHTS)
}

/// Builds the "Garansi Segera Berakhir" table (warranties ending soon), or nothing when no
/// warranty ends within the next days.
fn warranty_section(report: &ReportData) -> Option<Section> {
    if report.warranties_ending.is_empty() {
        return None;
    }
    let mut table = framed_table(&layout::WARRANTY_WEIGHTS);
    for warranty in &report.warranties_ending {
        let row: Vec<Box<dyn Element>> = vec![
            table_cell(format!("#{}", warranty.id)),
            table_cell(&warranty.customer),
            table_cell(&warranty.device),
            table_cell(format_date_short_id(warranty.ends)),
            aligned_cell(days_left_text(warranty.days_left), Alignment::Right),
        ];
        table.push_row(row).expect("row has one element per column");
    }
    Some(
        Section::new(&text::warranty_heading(), table)
            .with_header(&text::WARRANTY_COLUMNS, &layout::WARRANTY_WEIGHTS),
    )
}

fn reminders_section(reminders: &[ReportReminder], now: chrono::NaiveDateTime) -> Section {
    if reminders.is_empty() {
        return Section::new(text::REMINDERS_HEADING, empty_note(text::REMINDERS_EMPTY));
    }

    let mut table = framed_table(&layout::REMINDER_WEIGHTS);
    for reminder in reminders {
        let row: Vec<Box<dyn Element>> = vec![
            table_cell(format!("#{}", reminder.id)),
            table_cell(due_text(reminder, now)),
            table_cell(&reminder.text),
        ];
        table.push_row(row).expect("row has one element per column");
    }

    Section::new(text::REMINDERS_HEADING, table)
        .with_header(&text::REMINDER_COLUMNS, &layout::REMINDER_WEIGHTS)
}

/// Returns the due date and time on two lines, with a third line when it is already past `now`.
fn due_text(reminder: &ReportReminder, now: chrono::NaiveDateTime) -> String {
    let mut due = format!(
        "{}\n{} {}",
        format_date_id(reminder.due.date()),
        text::AT_TIME,
        format_time_id(reminder.due.time())
    );
    if reminder.due < now {
        due.push('\n');
        due.push_str(text::OVERDUE);
    }
    due
}

fn stock_section(stock: &[ReportStock]) -> Section {
    if stock.is_empty() {
        return Section::new(text::STOCK_HEADING, empty_note(text::STOCK_EMPTY));
    }

    let mut table = framed_table(&layout::STOCK_WEIGHTS);
    for item in stock {
        let row: Vec<Box<dyn Element>> = vec![
            table_cell(&item.item),
            aligned_cell(format_quantity_id(item.qty, &item.unit), Alignment::Right),
            aligned_cell(
                format_quantity_id(item.min_qty, &item.unit),
                Alignment::Right,
            ),
        ];
        table.push_row(row).expect("row has one element per column");
    }

    Section::new(text::STOCK_HEADING, table)
        .with_header(&text::STOCK_COLUMNS, &layout::STOCK_WEIGHTS)
}

fn empty_note(message: &str) -> FittedText {
    FittedText::new(message, Style::new())
}

pub(crate) fn framed_table(weights: &[usize]) -> TableLayout {
    let mut table = TableLayout::new(weights.to_vec());
    // Inner, outer and continuation lines, so a row split over two pages stays boxed.
    table.set_cell_decorator(FrameCellDecorator::new(true, true, true));
    table
}

pub(crate) fn table_cell(content: impl Into<String>) -> Box<dyn Element> {
    aligned_cell(content, Alignment::Left)
}

pub(crate) fn aligned_cell(content: impl Into<String>, alignment: Alignment) -> Box<dyn Element> {
    let style = Style::new().with_font_size(layout::TABLE_FONT_PT);
    let text = FittedText::new(content, style).aligned(alignment);
    Box::new(Cell::new(text))
}

/// A padded table cell that takes no height when none of its content fits.
///
/// genpdf's `PaddedElement` adds its padding to the height even when its content did not fit.
/// A row that moves to the next page would then leave an empty sliver at the bottom of the page
/// it started on.
struct Cell<E: Element> {
    content: E,
}

impl<E: Element> Cell<E> {
    fn new(content: E) -> Cell<E> {
        Cell { content }
    }
}

impl<E: Element> Element for Cell<E> {
    fn render(
        &mut self,
        context: &Context,
        mut area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let padding = layout::CELL_PADDING_MM;
        // The bottom padding is added to the height below instead of to the area, so that the
        // content may use the area down to the page margin.
        area.add_margins(Margins::trbl(padding, padding, 0, padding));

        let mut result = self.content.render(context, area, style)?;
        if result.size.height <= Mm::from(0.0) {
            return Ok(result);
        }

        result.size.width += Mm::from(padding * 2.0);
        result.size.height += Mm::from(padding * 2.0);
        Ok(result)
    }
}

/// Text that treats `\n` as a line break and splits words too wide for their column, so that no
/// character is lost.
///
/// genpdf's `Paragraph` drops a word wider than its area, together with the rest of the
/// paragraph when that word starts a line. The split needs the column width, which is only known
/// at render time, so the paragraphs are built on the first call to `render`.
pub(crate) struct FittedText {
    text: String,
    style: Style,
    alignment: Alignment,
    lines: Option<LinearLayout>,
}

impl FittedText {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> FittedText {
        FittedText {
            text: text.into(),
            style,
            alignment: Alignment::Left,
            lines: None,
        }
    }

    pub(crate) fn aligned(mut self, alignment: Alignment) -> FittedText {
        self.alignment = alignment;
        self
    }

    fn build_lines(&self, context: &Context, width: Mm, inherited: Style) -> LinearLayout {
        let effective = inherited.and(self.style);
        let measure = |s: &str| effective.str_width(&context.font_cache, s);

        let mut lines = LinearLayout::vertical();
        for line in clean_text(&self.text).split('\n') {
            if line.trim().is_empty() {
                lines.push(Break::new(1.0));
                continue;
            }
            let fitted = split_long_words(line, width, &measure);
            let paragraph =
                Paragraph::new(StyledString::new(fitted, self.style)).aligned(self.alignment);
            lines.push(paragraph);
        }
        lines
    }
}

impl Element for FittedText {
    fn render(
        &mut self,
        context: &Context,
        area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        if self.lines.is_none() {
            self.lines = Some(self.build_lines(context, area.size().width, style));
        }
        let lines = self.lines.as_mut().expect("lines were built above");
        lines.render(context, area, style)
    }
}

/// Normalises user text for genpdf: Windows line ends become `\n`, tabs become spaces, and other
/// control characters are removed because the font has no glyph for them.
fn clean_text(text: &str) -> String {
    text.trim()
        .replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Splits every space-separated word of `line` that is wider than `max_width` into chunks
/// separated by spaces, each of which fits on a line of its own.
///
/// A chunk is measured with a trailing space because genpdf measures words that way. A chunk
/// always gets at least one character, so an area narrower than one character still ends the
/// loop, although genpdf then drops that character.
fn split_long_words(line: &str, max_width: Mm, measure: &dyn Fn(&str) -> Mm) -> String {
    let fits = |s: &str| measure(&format!("{s} ")) <= max_width;

    let mut words: Vec<&str> = Vec::new();
    for word in line.split(' ') {
        let mut rest = word;
        // A single character (or an empty word between two spaces) is never split further.
        while rest.chars().nth(1).is_some() && !fits(rest) {
            let end = longest_fitting_prefix(rest, &fits);
            words.push(&rest[..end]);
            rest = &rest[end..];
        }
        words.push(rest);
    }
    words.join(" ")
}

/// Returns the byte length of the longest prefix of `word` that fits, and at least its first
/// character.
///
/// Searches by doubling and then bisecting over character counts, so a long pasted string costs
/// a few measurements per chunk instead of one per character.
fn longest_fitting_prefix(word: &str, fits: &dyn Fn(&str) -> bool) -> usize {
    let boundaries: Vec<usize> = word
        .char_indices()
        .map(|(index, _)| index)
        .skip(1)
        .chain([word.len()])
        .collect();
    let prefix = |chars: usize| &word[..boundaries[chars - 1]];

    // Invariant: a prefix of `fitting` characters fits (or is the one-character minimum), and a
    // prefix of `too_long` characters does not.
    let mut fitting = 1;
    let mut too_long = 2;
    while too_long <= boundaries.len() && fits(prefix(too_long)) {
        fitting = too_long;
        too_long *= 2;
    }
    let mut too_long = too_long.min(boundaries.len() + 1);

    while too_long - fitting > 1 {
        let middle = (fitting + too_long) / 2;
        if fits(prefix(middle)) {
            fitting = middle;
        } else {
            too_long = middle;
        }
    }
    boundaries[fitting - 1]
}

/// A titled part of the report that starts on a new page when too little room is left for its
/// heading and first lines, and that repeats its heading and table header on every page it
/// continues on.
struct Section {
    heading: String,
    header: Option<(Vec<&'static str>, Vec<usize>)>,
    content: Box<dyn Element>,
    continued: bool,
    /// Height of content that must start on the same page as the heading, in millimetres.
    keep_together_mm: f64,
}

impl Section {
    fn new(heading: &str, content: impl Element + 'static) -> Section {
        Section {
            heading: heading.to_string(),
            header: None,
            content: Box::new(content),
            continued: false,
            keep_together_mm: 0.0,
        }
    }

    /// Moves the section to a new page unless `height_mm` of its content fits below the
    /// heading, for content that cannot be split, such as the chart.
    fn keeping_together(mut self, height_mm: f64) -> Section {
        self.keep_together_mm = height_mm;
        self
    }

    /// Adds a bold column header row above `content`, which must be a table with these weights.
    fn with_header(mut self, labels: &[&'static str], weights: &[usize]) -> Section {
        self.header = Some((labels.to_vec(), weights.to_vec()));
        self
    }

    fn heading_style() -> Style {
        Style::new().bold().with_font_size(layout::HEADING_FONT_PT)
    }

    /// Returns the height needed for the gap, the heading, a header row and one body line.
    ///
    /// NOTE: This assumes that every header label fits on one line. A longer label could leave
    /// a header row without body lines at the bottom of a page.
    fn min_start_height(&self, context: &Context, style: Style) -> Mm {
        let heading = style
            .and(Section::heading_style())
            .line_height(&context.font_cache);
        let table_line = style
            .and(Style::new().with_font_size(layout::TABLE_FONT_PT))
            .line_height(&context.font_cache);
        let header_rows = if self.header.is_some() { 1.0 } else { 0.0 };
        let padding = Mm::from(layout::CELL_PADDING_MM * 2.0);

        let lines = (table_line + padding) * (1.0 + header_rows);
        let content = if self.keep_together_mm > 0.0 { Mm::from(self.keep_together_mm) } else { lines };
        Mm::from(layout::SECTION_GAP_MM) + heading + content
    }

    fn header_table(labels: &[&'static str], weights: &[usize]) -> TableLayout {
        let mut table = framed_table(weights);
        let cells: Vec<Box<dyn Element>> = labels
            .iter()
            .map(|label| {
                let style = Style::new().bold().with_font_size(layout::TABLE_FONT_PT);
                Box::new(Cell::new(FittedText::new(*label, style))) as Box<dyn Element>
            })
            .collect();
        table
            .push_row(cells)
            .expect("header has one label per column");
        table
    }
}

impl Element for Section {
    fn render(
        &mut self,
        context: &Context,
        mut area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        // Returning an empty result with `has_more` makes genpdf retry the section on a new
        // page. genpdf reports an error instead of looping if even a new page is too small.
        if area.size().height < self.min_start_height(context, style) {
            return Ok(RenderResult {
                size: Size::new(0, 0),
                has_more: true,
            });
        }

        let width = area.size().width;
        let mut height = Mm::from(layout::SECTION_GAP_MM);
        area.add_offset(Position::new(0, height));

        let heading = if self.continued {
            format!("{} {}", self.heading, text::CONTINUED)
        } else {
            self.heading.clone()
        };
        let mut heading = FittedText::new(heading, Section::heading_style());
        let heading_result = heading.render(context, area.clone(), style)?;
        area.add_offset(Position::new(0, heading_result.size.height + Mm::from(1.5)));
        height += heading_result.size.height + Mm::from(1.5);

        if let Some((labels, weights)) = &self.header {
            let header_result =
                Section::header_table(labels, weights).render(context, area.clone(), style)?;
            area.add_offset(Position::new(0, header_result.size.height));
            height += header_result.size.height;
        }

        let content_result = self.content.render(context, area, style)?;
        height += content_result.size.height;
        self.continued = true;

        Ok(RenderResult {
            size: Size::new(width, height),
            has_more: content_result.has_more,
        })
    }
}

/// A bar chart of job counts, one bar per day, week, month or year, with each bar's count
/// above it and its label below.
///
/// genpdf 0.2 can only stroke lines, so each bar is filled with vertical strokes
/// [`layout::CHART_STROKE_STEP_MM`] apart. The chart is drawn whole: when it does not fit in
/// the area it asks for a new page.
struct BarChart {
    /// Label and count of each bar, left to right.
    bars: Vec<(String, usize)>,
}

impl Element for BarChart {
    fn render(
        &mut self,
        context: &Context,
        area: genpdf::render::Area<'_>,
        style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let height = Mm::from(layout::CHART_HEIGHT_MM);
        if area.size().height < height || self.bars.is_empty() {
            return Ok(RenderResult { size: Size::new(0, 0), has_more: !self.bars.is_empty() });
        }

        let width = area.size().width;
        let slot = width / self.bars.len() as f64;
        let bar_width = slot * layout::CHART_BAR_SHARE;
        let baseline = height - Mm::from(layout::CHART_LABEL_MM);
        let plot_height = baseline - Mm::from(layout::CHART_TOP_MM);
        let most = self.bars.iter().map(|(_, count)| *count).max().unwrap_or(0).max(1) as f64;

        let label_style = style.and(Style::new().with_font_size(layout::CHART_FONT_PT));
        let bar_style = Style::new().with_color(Color::Rgb(60, 100, 150));
        let axis_style = Style::new().with_color(Color::Greyscale(layout::MUTED_GREY));
        let line_height = label_style.line_height(&context.font_cache);

        area.draw_line(vec![Position::new(0, baseline), Position::new(width, baseline)], axis_style);
        for (index, (label, count)) in self.bars.iter().enumerate() {
            let left = slot * index as f64 + (slot - bar_width) / 2.0;
            let centre = slot * index as f64 + slot / 2.0;
            let bar_height = plot_height * (*count as f64 / most);

            let mut x = left;
            while *count > 0 && x <= left + bar_width {
                area.draw_line(vec![Position::new(x, baseline), Position::new(x, baseline - bar_height)], bar_style);
                x += Mm::from(layout::CHART_STROKE_STEP_MM);
            }

            if *count > 0 {
                let count_text = count.to_string();
                let count_width = label_style.str_width(&context.font_cache, &count_text);
                let top = baseline - bar_height - line_height;
                area.print_str(&context.font_cache, Position::new(centre - count_width / 2.0, top), label_style, &count_text)?;
            }
            let label_width = label_style.str_width(&context.font_cache, label);
            area.print_str(
                &context.font_cache,
                Position::new(centre - label_width / 2.0, baseline + Mm::from(1.0)),
                label_style,
                label,
            )?;
        }

        Ok(RenderResult { size: Size::new(width, height), has_more: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Measures one millimetre per character, so widths in tests are character counts.
    fn char_count(s: &str) -> Mm {
        Mm::from(s.chars().count() as f64)
    }

    #[test]
    fn split_long_words_keeps_short_words() {
        let line = "layar retak dan baterai kembung";

        assert_eq!(split_long_words(line, Mm::from(20.0), &char_count), line);
    }

    #[test]
    fn split_long_words_chunks_fit() {
        let word: String = ('a'..='z').cycle().take(60).collect();

        let fitted = split_long_words(&word, Mm::from(11.0), &char_count);

        let chunks: Vec<&str> = fitted.split(' ').collect();
        assert_eq!(chunks.concat(), word);
        for chunk in &chunks {
            // Ten characters plus the trailing space fill the 11 mm width exactly.
            assert!(chunk.chars().count() <= 10, "chunk {chunk:?} is too wide");
        }
        assert_eq!(chunks.len(), 6);
    }

    #[test]
    fn split_long_words_keeps_neighbours() {
        let fitted = split_long_words("mati ABCDEFGHIJKL total", Mm::from(6.0), &char_count);

        assert_eq!(fitted, "mati ABCDE FGHIJ KL total");
    }

    #[test]
    fn split_long_words_multibyte_chars() {
        let word = "éééééééééé";

        let fitted = split_long_words(word, Mm::from(4.0), &char_count);

        assert_eq!(fitted, "ééé ééé ééé é");
    }

    #[test]
    fn split_long_words_narrower_than_one_char() {
        let fitted = split_long_words("abc", Mm::from(0.5), &char_count);

        assert_eq!(fitted, "a b c");
    }

    #[test]
    fn split_long_words_double_space_narrow() {
        let fitted = split_long_words("ab  cd", Mm::from(0.5), &char_count);

        assert_eq!(fitted, "a b  c d");
    }

    #[test]
    fn metadata_title_is_ascii() {
        assert_eq!(
            metadata_title("Servis Café – Laporan"),
            "Servis Caf? - Laporan"
        );
    }

    #[test]
    fn clean_text_normalises_controls() {
        assert_eq!(clean_text("  a\r\nb\tc\u{7}d\n"), "a\nb cd");
    }

    #[test]
    fn embedded_fonts_load() {
        assert!(load_font_family().is_ok());
    }

    #[test]
    fn write_error_message_names_path() {
        let error = PdfError::Write {
            path: PathBuf::from("/tidak/ada/laporan.pdf"),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };

        let message = error.user_message();

        assert!(message.contains("/tidak/ada/laporan.pdf"), "{message}");
        assert!(message.contains("foldernya tidak ditemukan"), "{message}");
    }
}
