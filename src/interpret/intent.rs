//! Intent rules: decide the intent of a line and where its slots begin.
//!
//! Command words at the start win ("catat", "ingatkan", "stok", "cari", "laporan"). Lines
//! without one are read by cues, in an order that puts the narrower reading first: help, list
//! questions, searches, how-to questions (chat), stock changes, job records, facts about the
//! user, greetings. Whatever is left is chat for the language model.

use chrono::{DateTime, FixedOffset};

use super::dates::{self, Lean};
use super::lexicon::lexicon;
use super::normalize::{Kind, Token};
use super::query::has_list_status;
use super::stock;

/// Intent of a line, with the token index where its slots begin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Route {
    /// `command` is true when the line began with a command word such as "catat".
    Job { start: usize, command: bool },
    JobList { start: usize },
    Reminder { start: usize },
    ReminderList,
    Stock { start: usize, explicit: bool },
    Search { start: usize, command: bool },
    Report { start: usize },
    MemoryAdd { start: usize, command: bool },
    MemoryForget { start: usize },
    Help,
    Chat { confidence: f32 },
}

/// Words of a line with the token index of each.
struct Words<'a> {
    texts: Vec<&'a str>,
    at: Vec<usize>,
    end: usize,
}

impl Words<'_> {
    /// Token index of word `k`, or the end of the line.
    fn token(&self, k: usize) -> usize {
        self.at.get(k).copied().unwrap_or(self.end)
    }

    fn get(&self, k: usize) -> Option<&str> {
        self.texts.get(k).copied()
    }

    fn has(&self, word: &str) -> bool {
        self.texts.contains(&word)
    }

    fn has_phrase(&self, phrase: &[&str]) -> bool {
        self.texts.windows(phrase.len()).any(|w| w == phrase)
    }
}

/// Words skipped at the very start: the assistant's name and politeness.
const LEAD: &[&str] = &["nano", "tolong", "coba", "mohon", "please", "pls", "minta"];

/// Forms of address that may open a line before a comma.
const ADDRESS: &[&str] = &["min", "gan", "bos", "boss", "bro", "mas", "kak", "bang", "om", "pak", "bu", "mbak"];

const JOB_COMMANDS: &[&str] = &["catat", "catet", "tulis", "input", "rekam", "mencatat", "nyatat", "dicatat"];
const REMINDER_NOUNS: &[&str] = &["pengingat", "reminder", "alarm"];
const REPORT_WORDS: &[&str] = &[
    "laporan", "rekap", "rekapan", "report", "omzet", "omset", "pendapatan", "pemasukan", "penghasilan",
];
const SEARCH_COMMANDS: &[&str] = &["cari", "carikan", "search", "temukan"];
const FORGET_COMMANDS: &[&str] = &["lupakan", "lupain", "lupakanlah", "forget"];
const LIST_CUES: &[&str] = &["daftar", "list", "tampilkan", "tunjukkan", "lihat", "semua", "antrian", "antrean"];
const JOB_NOUNS: &[&str] = &["servis", "kerjaan", "job", "unit", "barang", "antrian", "antrean", "orderan"];
/// Words that show a fact is about the user or the shop ("nama saya", "bengkel saya").
const SELF_WORDS: &[&str] = &[
    "saya", "aku", "kami", "kita", "bengkel", "toko", "nama", "namaku", "namanya", "panggil",
    "alamat", "nomor", "istri", "suami", "anak", "bahwa", "kalau",
];

/// Decides the route of a tokenized line.
pub fn route(tokens: &[Token], now: DateTime<FixedOffset>) -> Route {
    let mut texts = Vec::new();
    let mut at = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.is_word() {
            texts.push(token.low.as_str());
            at.push(i);
        }
    }
    let mut lead = texts.iter().take_while(|w| LEAD.contains(w)).count();
    // A form of address cut off by a comma ("min, stok elco ada?", "mas, catat TV") names the
    // listener: "min" here is an admin, not Sunday or a minimum.
    let addressed = texts.get(lead).is_some_and(|w| ADDRESS.contains(w))
        && at.get(lead).is_some_and(|&i| tokens.get(i + 1).is_some_and(|t| !t.is_word()));
    if addressed {
        lead += 1;
    }
    let words = Words { texts: texts[lead..].to_vec(), at: at[lead..].to_vec(), end: tokens.len() };
    let question = tokens.iter().any(|t| t.kind == Kind::Question);

    if words.texts.is_empty() {
        return if question { Route::Help } else { Route::Chat { confidence: 0.2 } };
    }
    if is_help(&words) {
        return Route::Help;
    }
    if let Some(route) = command(tokens, &words, now) {
        return route;
    }
    free(tokens, &words, question, now)
}

/// "bantuan", "help", "/bantuan", "bisa apa aja?", "cara pakai nano".
fn is_help(words: &Words) -> bool {
    let first = words.texts[0];
    let short = words.texts.len() <= 3;
    let help_word = matches!(first, "bantuan" | "help" | "menu" | "perintah" | "panduan" | "fitur");
    let how_to_use = (words.has_phrase(&["cara", "pakai"]) || words.has_phrase(&["cara", "menggunakan"]))
        && (words.texts.len() <= 3 || words.has("nano") || words.has("aplikasi") || words.has("ini"));
    let what_can = words.has_phrase(&["bisa", "apa"])
        || words.has_phrase(&["bantu", "apa"])
        || words.has_phrase(&["bisa", "ngapain"])
        || words.has_phrase(&["bisa", "mengapakan"]);
    (help_word && short) || what_can || how_to_use
}

/// Routes lines that start with a command word.
fn command(tokens: &[Token], words: &Words, now: DateTime<FixedOffset>) -> Option<Route> {
    let first = words.texts[0];
    let second = words.get(1);
    let stock_word = |w: Option<&str>| matches!(w, Some("stok" | "stock"));

    if JOB_COMMANDS.contains(&first) {
        if stock_word(second) {
            return Some(Route::Stock { start: words.token(2), explicit: true });
        }
        if second.is_some_and(|w| REMINDER_NOUNS.contains(&w)) {
            return Some(Route::Reminder { start: words.token(2) });
        }
        if looks_like_stock(&words.texts[1..]) {
            return Some(Route::Stock { start: words.token(1), explicit: false });
        }
        return Some(Route::Job { start: words.token(1), command: true });
    }

    if first == "ingatkan" || first == "ingatkanlah" {
        return Some(Route::Reminder { start: words.token(1) });
    }
    if words.texts.starts_with(&["jangan", "lupa"]) {
        return Some(Route::Reminder { start: words.token(2) });
    }
    let makes_reminder = matches!(first, "set" | "bikin" | "buat" | "pasang" | "tambah" | "buatkan");
    if makes_reminder && second.is_some_and(|w| REMINDER_NOUNS.contains(&w)) {
        return Some(Route::Reminder { start: words.token(2) });
    }
    if REMINDER_NOUNS.contains(&first) {
        let listing = words.texts[1..].iter().all(|w| matches!(*w, "apa" | "saja" | "daftar" | "semua" | "ada" | "list" | "mana" | "yang" | "aktif" | "ku" | "saya"));
        return Some(if listing { Route::ReminderList } else { Route::Reminder { start: words.token(1) } });
    }

    if first == "ingat" {
        return Some(remember_or_remind(tokens, words, now));
    }
    if FORGET_COMMANDS.contains(&first) {
        return Some(Route::MemoryForget { start: words.token(1) });
    }
    if (first == "hapus" && matches!(second, Some("ingatan" | "memori"))) || words.texts.starts_with(&["jangan", "ingat"]) {
        return Some(Route::MemoryForget { start: words.token(2) });
    }

    if words.texts.iter().take(3).any(|w| REPORT_WORDS.contains(w)) {
        return Some(Route::Report { start: words.token(0) });
    }
    if words.texts.iter().take(3).any(|w| REMINDER_NOUNS.contains(w))
        && words.texts.iter().take(3).any(|w| LIST_CUES.contains(w) || *w == "apa")
    {
        return Some(Route::ReminderList);
    }
    if words.texts.iter().take(3).any(|w| matches!(*w, "stok" | "stock" | "persediaan")) {
        return Some(Route::Stock { start: words.token(0), explicit: true });
    }
    if SEARCH_COMMANDS.contains(&first) {
        return Some(Route::Search { start: words.token(0), command: true });
    }
    None
}

/// "ingat" followed by a fact about the user is memory ("ingat, nama saya Arip"); followed by a
/// task with a date or time it is a reminder ("ingat besok ambil TV").
fn remember_or_remind(tokens: &[Token], words: &Words, now: DateTime<FixedOffset>) -> Route {
    let start = words.token(1);
    let about_self = words.texts[1..].iter().any(|w| SELF_WORDS.contains(w));
    if about_self {
        return Route::MemoryAdd { start, command: true };
    }
    let mut used = vec![false; tokens.len()];
    used[..start].iter_mut().for_each(|u| *u = true);
    let when = dates::scan(tokens, &mut used, now, Lean::Future);
    if when.found {
        return Route::Reminder { start };
    }
    Route::MemoryAdd { start, command: true }
}

/// Returns true if and only if the words change stock: a stock verb with a part, and no device
/// before a purpose word. So "pakai 1 IC buat TV Sharp" is stock, and "masuk TV Sharp" is a job.
fn looks_like_stock(words: &[&str]) -> bool {
    let lex = lexicon();
    let purpose = words
        .iter()
        .position(|w| matches!(*w, "buat" | "untuk" | "ke" | "dipakai"))
        .unwrap_or(words.len());
    let device = (0..purpose).any(|i| lex.devices.longest_at(&words[..purpose], i).is_some_and(|(_, d)| !d.weak));
    stock::has_verb(words) && (has_part(&words[..purpose]) || has_counted_unit(&words[..purpose])) && !device
}

/// Returns true if and only if a number is followed by a counting unit other than "unit"
/// ("5 set obeng", "2 gulung timah"); "2 unit TV" counts devices, not stock.
fn has_counted_unit(words: &[&str]) -> bool {
    let lex = lexicon();
    words.windows(2).any(|pair| {
        let number = pair[0].bytes().all(|b| b.is_ascii_digit()) && !pair[0].is_empty();
        number && pair[1] != "unit" && lex.qty_units.contains_key(pair[1])
    })
}

/// Returns true if and only if some word is a part type, a part value or a part code.
fn has_part(words: &[&str]) -> bool {
    let lex = lexicon();
    (0..words.len()).any(|i| {
        let word = words[i];
        let letters = word.bytes().any(|b| b.is_ascii_alphabetic());
        let digits = word.bytes().any(|b| b.is_ascii_digit());
        let next_is_unit = words.get(i + 1).is_some_and(|w| lex.value_units.contains_key(*w));
        lex.parts.longest_at(words, i).is_some() || (letters && digits && word.is_ascii()) || (digits && next_is_unit)
    })
}

/// Routes lines without a command word by their cues.
fn free(tokens: &[Token], words: &Words, question: bool, now: DateTime<FixedOffset>) -> Route {
    let lex = lexicon();
    let texts = &words.texts;
    let start = words.token(0);

    if !question && looks_like_errand(tokens, words, now) {
        return Route::Reminder { start };
    }

    let searching = words.has("pernah")
        || texts.iter().any(|w| matches!(*w, "riwayat" | "histori" | "history"))
        || words.has_phrase(&["kapan", "terakhir"]);
    if searching {
        return Route::Search { start, command: false };
    }

    let list_cue = texts.iter().any(|w| LIST_CUES.contains(w))
        || words.has_phrase(&["apa", "saja"])
        || words.has_phrase(&["mana", "saja"])
        || words.has("berapa");
    let job_noun = texts.iter().any(|w| JOB_NOUNS.contains(w)) || (0..texts.len()).any(|i| lex.devices.longest_at(texts, i).is_some());
    let status_cue = has_list_status(texts);
    if (list_cue && job_noun && !has_part(texts)) || (status_cue && (question || list_cue)) {
        return Route::JobList { start };
    }

    // "berapa harga ic power?" is a question about market prices, which only the model can discuss.
    let price_question = question && texts.iter().any(|w| matches!(*w, "harga" | "harganya" | "biaya" | "ongkos" | "tarif"));
    let how_to = (0..texts.len()).any(|i| lex.questions.longest_at(texts, i).is_some());
    if how_to || price_question {
        return Route::Chat { confidence: 0.8 };
    }

    let asks_stock = has_part(texts) && (words.has_phrase(&["masih", "ada"]) || words.has("berapa"));
    if looks_like_stock(texts) || asks_stock {
        return Route::Stock { start, explicit: false };
    }

    if looks_like_job(tokens, start) {
        return Route::Job { start, command: false };
    }

    let about_self = matches!(texts[..], ["nama", "saya" | "aku", ..] | ["panggil", "saya" | "aku", ..])
        || matches!(texts[..], ["bengkel" | "toko", "saya" | "aku" | "kami", ..]);
    if about_self && texts.len() >= 3 {
        return Route::MemoryAdd { start, command: false };
    }

    let greeting = (0..texts.len().min(3)).any(|i| lex.greetings.longest_at(texts, i).is_some());
    if greeting {
        return Route::Chat { confidence: 0.9 };
    }
    Route::Chat { confidence: if question { 0.6 } else { 0.5 } }
}

/// Words that open a line about today or the past; such a line records what happened
/// ("hari ini beli elco 10", "tadi antar TV"), so it is never read as an errand.
const NOT_AHEAD: &[&str] = &["hari", "tadi", "barusan", "kemarin", "kemaren", "td", "sudah", "udah"];

/// Returns true if and only if the line opens with date or time words that point ahead and the
/// next word is an errand verb: "besok ambil IC di toko", "jam 3 sore antar kulkas". Chat such
/// as "besok libur gak ya" or "nanti malam nonton bola" has no errand verb and stays chat.
fn looks_like_errand(tokens: &[Token], words: &Words, now: DateTime<FixedOffset>) -> bool {
    if NOT_AHEAD.contains(&words.texts[0]) {
        return false;
    }
    let start = words.token(0);
    let mut used = vec![false; tokens.len()];
    used[..start].iter_mut().for_each(|u| *u = true);
    let when = dates::scan(tokens, &mut used, now, Lean::Future);
    if !when.found || when.due(now).is_none_or(|due| due <= now) {
        return false;
    }

    // The date words must open the line: the first free word comes after at least one of them.
    let Some(first_free) = (start..tokens.len()).find(|&i| tokens[i].is_word() && !used[i]) else {
        return false;
    };
    if !used[start] {
        return false;
    }
    let rest: Vec<&str> = tokens[first_free..].iter().filter(|t| t.is_word()).map(|t| t.low.as_str()).collect();
    lexicon().tasks.longest_at(&rest, 0).is_some()
}

/// Returns true if and only if the line names a device and at least one other job slot
/// (a symptom, status, price, customer or action), and asks no question.
fn looks_like_job(tokens: &[Token], start: usize) -> bool {
    if tokens.iter().any(|t| t.kind == Kind::Question) {
        return false;
    }
    let mut used = vec![false; tokens.len()];
    used[..start].iter_mut().for_each(|u| *u = true);
    let now = DateTime::parse_from_rfc3339("2000-01-01T00:00:00+00:00").ok();
    let Some(now) = now else { return false };
    let parsed = super::job::parse(tokens, &mut used, now);
    parsed.job.device.is_some() && parsed.cues >= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpret::normalize::tokenize;

    fn name(line: &str) -> &'static str {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:00:00+07:00").unwrap();
        match route(&tokenize(line), now) {
            Route::Job { .. } => "job.add",
            Route::JobList { .. } => "job.list",
            Route::Reminder { .. } => "reminder.add",
            Route::ReminderList => "reminder.list",
            Route::Stock { .. } => "stock",
            Route::Search { .. } => "search",
            Route::Report { .. } => "report",
            Route::MemoryAdd { .. } => "memory.add",
            Route::MemoryForget { .. } => "memory.forget",
            Route::Help => "help",
            Route::Chat { .. } => "chat",
        }
    }

    #[test]
    fn routes() {
        let cases = [
            ("catat TV Sharp mati total", "job.add"),
            ("nano catat kulkas LG gak dingin", "job.add"),
            ("tolong catat laptop asus mati", "job.add"),
            ("TV Polytron Pak Budi mati total, udah beres 150rb", "job.add"),
            ("kulkas sharp bu ani gak dingin", "job.add"),
            ("masuk TV Sharp matot", "job.add"),
            ("ingatkan besok ambil IC", "reminder.add"),
            ("ingetin lusa antar mesin cuci", "reminder.add"),
            ("tolong ingetin jam 3 telpon pak budi", "reminder.add"),
            ("jangan lupa besok bayar listrik", "reminder.add"),
            ("ingat besok ambil TV", "reminder.add"),
            ("daftar pengingat", "reminder.list"),
            ("pengingat apa aja?", "reminder.list"),
            ("lihat pengingat", "reminder.list"),
            ("stok", "stock"),
            ("stok apa aja?", "stock"),
            ("cek stok elco", "stock"),
            ("barusan beli 20 dioda 1N5408", "stock"),
            ("elko 1000 uf 25 volt sisa 2", "stock"),
            ("pakai 1 IC STR A6159 buat TV Sharp", "stock"),
            ("elco 470uF masih ada?", "stock"),
            ("catat beli 10 elco 1000uF", "stock"),
            ("cari kulkas Bu Ani", "search"),
            ("pernah servis Polytron mati total gak?", "search"),
            ("kapan terakhir servis TV pak budi?", "search"),
            ("laporan minggu ini", "report"),
            ("tunjukin laporan bulan lalu", "report"),
            ("berapa pendapatan bulan ini?", "report"),
            ("servis apa aja yang belum diambil?", "job.list"),
            ("TV yang belum selesai apa aja?", "job.list"),
            ("daftar servis", "job.list"),
            ("ingat, bengkel saya namanya Arip Elektronik", "memory.add"),
            ("ingat ya nama saya Arip", "memory.add"),
            ("nama saya Arip", "memory.add"),
            ("lupakan soal nama bengkel", "memory.forget"),
            ("lupain nama saya", "memory.forget"),
            ("bantuan", "help"),
            ("/bantuan", "help"),
            ("help", "help"),
            ("bisa apa aja?", "help"),
            ("selamat pagi Nano", "chat"),
            ("gimana cara ngetes elco pakai multimeter?", "chat"),
            ("besok libur gak ya", "chat"),
            ("TV Polytron mati total kenapa ya?", "chat"),
            ("makasih ya", "chat"),
            ("berapa harga ic power tv polytron?", "chat"),
            ("bisa bantu apa?", "help"),
            ("masukin stok ic str w6252 3", "stock"),
            ("", "chat"),
        ];
        for (line, want) in cases {
            assert_eq!(name(line), want, "line {line:?}");
        }
    }
}
