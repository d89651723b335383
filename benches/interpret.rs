//! Interpretation speed: lines per second on one thread, and the 50th and 99th percentile
//! latency of one line, over the varied sentences of `tests/corpus/*.tsv` plus a few long and
//! hostile lines. Run with `cargo bench --bench interpret`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::DateTime;

const CORPORA: [&str; 2] = [include_str!("../tests/corpus/unseen.tsv"), include_str!("../tests/corpus/unseen2.tsv")];

/// Passes over the whole line set; each pass times every line once.
const PASSES: usize = 200;

fn lines() -> Vec<String> {
    let mut lines: Vec<String> = CORPORA
        .iter()
        .flat_map(|corpus| corpus.lines())
        .filter(|row| !row.starts_with("id\t") && !row.starts_with('#'))
        .filter_map(|row| row.split('\t').nth(2).map(str::to_string))
        .collect();
    // Long and odd lines keep the worst case honest.
    lines.push("catat tv ".repeat(200));
    lines.push("1".repeat(2000));
    lines.push("🙂 ".repeat(500));
    lines
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * fraction).round() as usize;
    sorted[index]
}

fn main() {
    let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
    let lines = lines();

    // Warm-up builds the lexicon and fills caches.
    for line in &lines {
        black_box(nano::interpret::interpret(line, now));
    }

    let mut samples = Vec::with_capacity(lines.len() * PASSES);
    let started = Instant::now();
    for _ in 0..PASSES {
        for line in &lines {
            let one = Instant::now();
            black_box(nano::interpret::interpret(black_box(line), now));
            samples.push(one.elapsed());
        }
    }
    let total = started.elapsed();
    samples.sort();

    let count = samples.len();
    println!("interpret: {} distinct lines, {count} runs on one thread", lines.len());
    println!("throughput: {:.0} lines/s", count as f64 / total.as_secs_f64());
    println!("p50: {:.1} µs", percentile(&samples, 0.50).as_secs_f64() * 1e6);
    println!("p99: {:.1} µs", percentile(&samples, 0.99).as_secs_f64() * 1e6);
    println!("max: {:.1} µs", samples[count - 1].as_secs_f64() * 1e6);
}
