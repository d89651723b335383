//! A one-line progress indicator on stderr, drawn only when stderr is a terminal.
//!
//! Scripts that pipe or capture Nano's output get no carriage returns or escape codes, and
//! stdout stays clean for `--json`. The line is cleared when the work ends, so the result
//! sentence that follows starts at the left edge.

use std::io::{IsTerminal, Write};

/// Progress of one piece of work, as a percentage of `total` steps.
pub struct Progress {
    label: String,
    total: u64,
    shown_percent: Option<u64>,
    draw: bool,
}

impl Progress {
    /// Starts an indicator reading "`label`… N%"; it draws nothing unless stderr is a terminal.
    pub fn new(label: &str, total: u64) -> Progress {
        Progress::drawn_when(label, total, std::io::stderr().is_terminal())
    }

    /// Starts an indicator that draws only when `draw` is true.
    fn drawn_when(label: &str, total: u64, draw: bool) -> Progress {
        let mut progress = Progress {
            label: label.to_string(),
            total: total.max(1),
            shown_percent: None,
            draw,
        };
        progress.set(0);
        progress
    }

    /// Records that `done` of the total steps are finished, redrawing when the percentage changes.
    pub fn set(&mut self, done: u64) {
        let percent = (done.min(self.total) * 100) / self.total;
        if !self.draw || self.shown_percent == Some(percent) {
            return;
        }
        self.shown_percent = Some(percent);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{}… {percent:>3}%", self.label);
        let _ = stderr.flush();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.draw && self.shown_percent.is_some() {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}
