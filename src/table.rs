//! Plain-text tables for the terminal, aligned by display width.
//!
//! Indonesian names are mostly ASCII, but customers and parts may carry accents, "µF", "Ω" or
//! wide CJK characters from a pasted model name, so columns are measured in terminal cells
//! (`unicode-width`), never in bytes or chars. Every column but the last is capped, so one long
//! name cannot push the rest off the screen. The last column is free text and is never padded.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::format::terminal_safe;

/// Widest a column other than the last may grow, in terminal cells.
const MAX_COLUMN_WIDTH: usize = 28;

/// Indentation of every row, so a table sits under its heading line.
const INDENT: &str = "  ";

/// Horizontal placement of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Numbers and money, so their digits line up.
    Right,
}

/// A table built row by row and rendered once all widths are known.
#[derive(Debug, Clone)]
pub struct Table {
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Creates a table with one column per entry of `aligns`.
    pub fn new(aligns: &[Align]) -> Table {
        Table {
            aligns: aligns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are empty and extra cells are dropped.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut row: Vec<String> = cells
            .into_iter()
            .take(self.aligns.len())
            .map(|cell| one_line(cell.as_ref()))
            .collect();
        row.resize(self.aligns.len(), String::new());
        self.rows.push(row);
        self
    }

    /// Renders the rows as lines joined by newlines, each indented and without trailing spaces.
    pub fn render(&self) -> String {
        let last = self.aligns.len().saturating_sub(1);
        let widths: Vec<usize> = (0..self.aligns.len())
            .map(|column| {
                let widest = self.rows.iter().map(|row| row[column].width()).max().unwrap_or(0);
                if column == last {
                    widest
                } else {
                    widest.min(MAX_COLUMN_WIDTH)
                }
            })
            .collect();

        let mut lines = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut line = String::from(INDENT);
            for (column, cell) in row.iter().enumerate() {
                // Empty columns (no customer on any row, say) take no room at all.
                if widths[column] == 0 {
                    continue;
                }
                if line.len() > INDENT.len() {
                    line.push_str("  ");
                }
                let cell = if column == last { cell.clone() } else { cut_to_width(cell, widths[column]) };
                let padding = " ".repeat(widths[column].saturating_sub(cell.width()));
                match self.aligns[column] {
                    Align::Right => {
                        line.push_str(&padding);
                        line.push_str(&cell);
                    }
                    Align::Left if column == last => line.push_str(&cell),
                    Align::Left => {
                        line.push_str(&cell);
                        line.push_str(&padding);
                    }
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines.join("\n")
    }
}

/// Makes a cell safe and single-line: controls shown visibly, line breaks and tabs as spaces.
fn one_line(text: &str) -> String {
    terminal_safe(text).replace(['\n', '\t'], " ").trim().to_string()
}

/// Shortens text to at most `width` terminal cells, ending with "…" when cut.
fn cut_to_width(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cell = c.width().unwrap_or(0);
        if used + cell + 1 > width {
            break;
        }
        out.push(c);
        used += cell;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns the display column where `needle` starts on `line`.
    fn column_of(line: &str, needle: &str) -> usize {
        let byte = line.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
        line[..byte].width()
    }

    #[test]
    fn columns_align_by_display_width() {
        let mut table = Table::new(&[Align::Left, Align::Left, Align::Right, Align::Left]);
        table.row(["#1", "Bu Ani", "Rp150.000", "selesai"]);
        table.row(["#12", "Pak Ñoño", "Rp5.000", "masuk"]);
        table.row(["#3", "李小龙 (Mas Lee)", "Rp1.250.000", "proses"]);

        let rendered = table.render();
        let lines: Vec<&str> = rendered.lines().collect();

        let status_columns: Vec<usize> = lines
            .iter()
            .zip(["selesai", "masuk", "proses"])
            .map(|(line, status)| column_of(line, status))
            .collect();
        assert_eq!(status_columns[0], status_columns[1]);
        assert_eq!(status_columns[1], status_columns[2]);
        let money_ends: Vec<usize> = lines
            .iter()
            .zip(["Rp150.000", "Rp5.000", "Rp1.250.000"])
            .map(|(line, money)| column_of(line, money) + money.width())
            .collect();
        assert_eq!(money_ends[0], money_ends[1]);
        assert_eq!(money_ends[1], money_ends[2]);
    }

    #[test]
    fn long_cells_are_cut_except_the_last() {
        let long_name = "Toko Elektronik Sumber Rejeki Abadi Jaya Makmur";
        let mut table = Table::new(&[Align::Left, Align::Left]);
        table.row([long_name, long_name]);

        let rendered = table.render();

        assert!(rendered.contains("Toko Elektronik Sumber Reje…"), "{rendered}");
        assert!(rendered.ends_with(long_name), "{rendered}");
        let first_cell = rendered.trim_start().split("  ").next().unwrap();
        assert_eq!(first_cell.width(), MAX_COLUMN_WIDTH);
    }

    #[test]
    fn wide_characters_are_never_split() {
        assert_eq!(cut_to_width("李小龙李小龙", 6), "李小…");
        assert_eq!(cut_to_width("李小龙", 6), "李小龙");
    }

    #[test]
    fn cells_stay_on_one_safe_line() {
        let mut table = Table::new(&[Align::Left, Align::Left]);
        table.row(["baris\nkedua", "\u{1b}[31mmerah"]);

        let rendered = table.render();

        assert_eq!(rendered.lines().count(), 1);
        assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
    }

    #[test]
    fn empty_columns_take_no_room() {
        let mut table = Table::new(&[Align::Left, Align::Left, Align::Left]);
        table.row(["#1", "", "TV"]);
        table.row(["#2", "", "kipas"]);

        assert_eq!(table.render(), "  #1  TV\n  #2  kipas");
    }
}
