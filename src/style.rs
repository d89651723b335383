//! Colour for terminal output: ids, statuses and warnings stand out, nothing else.
//!
//! Colour is on only when stdout is a terminal, `NO_COLOR` is unset and `--warna` does not
//! say `tidak`. Painting works on finished Indonesian text, so replies keep one source of
//! wording for the terminal, `--json` and the conversation log.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

static ENABLED: AtomicBool = AtomicBool::new(false);

/// The `--warna` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when the output is a terminal and NO_COLOR is not set
    #[default]
    Otomatis,
    /// Always colour
    Ya,
    /// Never colour
    Tidak,
}

/// Decides once per process whether output is coloured.
pub fn init(choice: ColorChoice) {
    let enabled = match choice {
        ColorChoice::Ya => true,
        ColorChoice::Tidak => false,
        // A "dumb" terminal shows escape codes as text, so it gets none.
        ColorChoice::Otomatis => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::env::var("TERM").map_or(true, |term| term != "dumb")
                && std::io::stdout().is_terminal()
        }
    };
    ENABLED.store(enabled, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Paints record ids (`#12`) cyan and warnings yellow, when colour is on.
pub fn paint(text: &str) -> String {
    if !enabled() {
        return text.to_string();
    }
    paint_always(text)
}

/// Prints text for the user on stdout: made safe for the terminal first, then painted.
pub fn show(text: &str) {
    println!("{}", paint(&crate::format::terminal_safe(text)));
}

/// Dims a hint shown after the cursor, when colour is on.
pub fn dim(text: &str) -> String {
    if !enabled() {
        return text.to_string();
    }
    format!("{DIM}{text}{RESET}")
}

fn paint_always(text: &str) -> String {
    let mut painted = String::with_capacity(text.len() + 16);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            painted.push('\n');
        }
        let warning = WARNING_MARKERS.iter().any(|marker| line.contains(marker));
        if warning {
            painted.push_str(YELLOW);
            painted.push_str(BOLD);
            painted.push_str(line);
            painted.push_str(RESET);
        } else {
            painted.push_str(&paint_ids(line));
        }
    }
    painted
}

/// Words that mark a line as a warning.
const WARNING_MARKERS: [&str; 4] = ["Perhatian:", "menipis", "(terlewat)", "Belum tersimpan"];

/// Wraps every `#` followed by digits in cyan.
fn paint_ids(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let starts_id = c == '#' && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit());
        if !starts_id {
            out.push(c);
            continue;
        }
        out.push_str(CYAN);
        out.push_str(BOLD);
        out.push('#');
        while let Some((_, digit)) = chars.peek().copied().filter(|(_, d)| d.is_ascii_digit()) {
            out.push(digit);
            chars.next();
        }
        out.push_str(RESET);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cyan() {
        assert_eq!(paint_always("Servis #12 dicatat"), "Servis \x1b[36m\x1b[1m#12\x1b[0m dicatat");
        assert_eq!(paint_always("tanda # saja"), "tanda # saja");
    }

    #[test]
    fn warnings_are_yellow_lines() {
        let painted = paint_always("Stok x sisa 1.\nPerhatian: stok x menipis (minimal 5).");
        let lines: Vec<&str> = painted.split('\n').collect();
        assert_eq!(lines[0], "Stok x sisa 1.");
        assert!(lines[1].starts_with("\x1b[33m"));
    }

    #[test]
    fn no_colour_when_disabled() {
        init(ColorChoice::Tidak);
        assert_eq!(paint("Servis #1"), "Servis #1");
        assert_eq!(dim("x"), "x");
    }
}
