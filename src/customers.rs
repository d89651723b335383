//! `nano pelanggan`: the customer list with phone numbers and job counts, one customer's
//! details, and setting a customer's phone number.
//!
//! Names are normalised as the interpreter writes them ("pak budi" becomes "Pak Budi") and
//! matched ignoring case; numbers must be Indonesian mobile numbers.

use serde_json::json;

use crate::app::App;
use crate::error::{ExitCode, Failure};
use crate::format::{self, say};
use crate::interpret::{normalize_customer, normalize_phone};
use crate::store::{CustomerRecord, StoreError};

/// Maximum words a phone number is written in ("+62 812 3456 7890").
const MAX_PHONE_WORDS: usize = 4;

/// Runs `nano pelanggan [NAMA] [NOMOR]` with the words after the subcommand.
pub fn run(json: bool, words: &[String]) -> Result<ExitCode, Failure> {
    let (name_words, phone) = split_phone(words);
    let name = normalize_customer(&name_words.join(" "));

    match (name, phone) {
        (None, None) if words.is_empty() => list(json),
        (Some(name), Some(phone)) => set_phone(json, &name, &phone),
        (Some(name), None) if !looks_like_number(name_words.last().map(String::as_str)) => show(json, &name),
        (None, Some(_)) => Err(Failure::new(
            ExitCode::Usage,
            "Nomor HP ini untuk pelanggan siapa, mas? Contoh: nano pelanggan \"Pak Budi\" 0812-3456-7890",
        )),
        _ => Err(Failure::new(
            ExitCode::Usage,
            format!(
                "\"{}\" bukan nomor HP yang saya kenali. Tulis nomor HP Indonesia, misalnya 0812-3456-7890 atau +62 812 3456 7890.",
                words.last().map(String::as_str).unwrap_or_default()
            ),
        )),
    }
}

/// Splits the words into the name and a phone number written at the end, in up to
/// `MAX_PHONE_WORDS` words.
fn split_phone(words: &[String]) -> (&[String], Option<String>) {
    for count in (1..=MAX_PHONE_WORDS.min(words.len())).rev() {
        let (name, number) = words.split_at(words.len() - count);
        if let Some(phone) = normalize_phone(&number.join(" ")) {
            return (name, Some(phone));
        }
    }
    (words, None)
}

/// True when the word has digits, so it was meant as a number rather than part of a name.
fn looks_like_number(word: Option<&str>) -> bool {
    word.is_some_and(|word| word.chars().any(|c| c.is_ascii_digit()))
}

fn list(json: bool) -> Result<ExitCode, Failure> {
    let app = App::open()?;
    let customers = app.store.customers()?;
    if json {
        println!("{}", json!(customers));
        return Ok(ExitCode::Ok);
    }
    if customers.is_empty() {
        say("Belum ada pelanggan. Pelanggan tercatat otomatis saat servisnya dicatat, misalnya: nano catat TV Pak Budi 0812-3456-7890 mati total");
        return Ok(ExitCode::Ok);
    }
    let lines: Vec<String> = customers.iter().map(customer_line).collect();
    say(&format!("Pelanggan ({}):\n{}", customers.len(), lines.join("\n")));
    Ok(ExitCode::Ok)
}

fn show(json: bool, name: &str) -> Result<ExitCode, Failure> {
    let app = App::open()?;
    let Some(customer) = app.store.customer_named(name)? else {
        return Err(not_found(name));
    };
    if json {
        println!("{}", json!(customer));
    } else {
        say(&customer_line(&customer));
    }
    Ok(ExitCode::Ok)
}

fn set_phone(json: bool, name: &str, phone: &str) -> Result<ExitCode, Failure> {
    let mut app = App::open()?;
    let (customer, before) = match app.store.set_customer_phone(name, phone) {
        Ok(result) => result,
        Err(StoreError::NotFound(_)) => return Err(not_found(name)),
        Err(other) => return Err(other.into()),
    };
    if json {
        println!("{}", json!({ "customer": customer, "phone_before": before }));
        return Ok(ExitCode::Ok);
    }
    let display_name = customer.name.clone().unwrap_or_else(|| name.to_string());
    let reply = match before.as_deref() {
        Some(old) if old == phone => format!("No. HP {display_name} memang {}, tidak ada yang diubah.", format::phone(phone)),
        Some(old) => format!("No. HP {display_name} diganti dari {} ke {}.", format::phone(old), format::phone(phone)),
        None => format!("No. HP {display_name} disimpan: {}.", format::phone(phone)),
    };
    say(&reply);
    Ok(ExitCode::Ok)
}

fn not_found(name: &str) -> Failure {
    Failure::new(
        ExitCode::NotFound,
        format!("Pelanggan \"{name}\" belum ada. Pelanggan tercatat otomatis saat servisnya dicatat; lihat semua dengan: nano pelanggan"),
    )
}

/// "  Pak Budi · 0812-3456-7890 · 3 servis".
fn customer_line(customer: &CustomerRecord) -> String {
    let name = customer.name.clone().unwrap_or_else(|| "(tanpa nama)".to_string());
    let phone = customer.phone.as_deref().map(format::phone).unwrap_or_else(|| "no. HP belum ada".to_string());
    format!("  {name} · {phone} · {} servis", customer.job_count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn phone_split_from_name() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Pak Budi 0812-3456-7890", "Pak Budi", Some("081234567890")),
            ("Pak Budi +62 812 3456 7890", "Pak Budi", Some("081234567890")),
            ("bu ani 0857 1111 2222", "bu ani", Some("085711112222")),
            ("Pak Budi", "Pak Budi", None),
            ("Pak Budi 12345", "Pak Budi 12345", None),
        ];
        for (text, name, phone) in cases {
            let all = words(text);
            let (found_name, found_phone) = split_phone(&all);
            assert_eq!(found_name.join(" "), *name, "name of {text:?}");
            assert_eq!(found_phone.as_deref(), *phone, "phone of {text:?}");
        }
    }
}
