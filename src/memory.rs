//! Long-term memory as Nano uses it: the seed facts from `memory/seed.toml`, the user's facts
//! from the store, and values read from facts by the rules in `memory/schema.toml` (the
//! user's name, the shop's name).

use serde::Deserialize;

use crate::store::FactRecord;

const SEED: &str = include_str!("../memory/seed.toml");
const SCHEMA: &str = include_str!("../memory/schema.toml");

#[derive(Deserialize)]
struct Seed {
    facts: Vec<String>,
}

#[derive(Deserialize)]
struct Schema {
    derived: Vec<DerivedRule>,
}

#[derive(Deserialize)]
struct DerivedRule {
    key: String,
    patterns: Vec<String>,
    max_words: usize,
}

/// Words between a pattern and its value ("nama saya adalah Arip").
const LINKING_WORDS: [&str; 3] = ["adalah", "ialah", "yaitu"];

/// Spoken particles that end a value ("panggil saya Budi ya").
const FILLER_WORDS: [&str; 6] = ["ya", "yah", "aja", "saja", "dong", "deh"];

/// Facts every Nano starts with.
pub fn seed_facts() -> Vec<String> {
    toml::from_str::<Seed>(SEED).expect("built-in memory seed is valid TOML").facts
}

/// All facts for the model's prompt: seed facts first, then the user's, oldest first.
pub fn prompt_facts(user_facts: &[FactRecord]) -> Vec<String> {
    let mut facts = seed_facts();
    facts.extend(user_facts.iter().map(|fact| fact.fact.clone()));
    facts
}

/// Reads the value of `key` ("nama", "bengkel") from the newest fact that states it.
pub fn derived_value(facts: &[FactRecord], key: &str) -> Option<String> {
    let schema: Schema = toml::from_str(SCHEMA).expect("built-in memory schema is valid TOML");
    let rule = schema.derived.iter().find(|rule| rule.key == key)?;

    facts.iter().rev().find_map(|fact| {
        let lower = fact.fact.to_lowercase();
        rule.patterns.iter().find_map(|pattern| {
            let rest = lower.strip_prefix(pattern.as_str())?;
            // Take the value from the original text so its capitals survive.
            let start = fact.fact.len() - rest.len();
            let value: Vec<&str> = fact.fact[start..]
                .split_whitespace()
                .filter(|word| !LINKING_WORDS.contains(&word.to_lowercase().as_str()))
                .take_while(|word| !FILLER_WORDS.contains(&word.to_lowercase().as_str()))
                .take(rule.max_words)
                .collect();
            let value = value.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            (!value.is_empty()).then(|| capitalize_words(&value))
        })
    })
}

fn capitalize_words(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The user facts that mention every word of `topic`, for "lupakan soal ...".
pub fn facts_about<'a>(facts: &'a [FactRecord], topic: &str) -> Vec<&'a FactRecord> {
    let ignored = ["soal", "tentang", "yang", "itu", "ya", "dong", "aja"];
    let words: Vec<String> = topic
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !ignored.contains(word))
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    facts
        .iter()
        .filter(|fact| {
            let text = fact.fact.to_lowercase();
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(texts: &[&str]) -> Vec<FactRecord> {
        texts
            .iter()
            .enumerate()
            .map(|(id, text)| FactRecord {
                id: id as i64,
                fact: text.to_string(),
                created_at: String::new(),
            })
            .collect()
    }

    #[test]
    fn name_comes_from_newest_fact() {
        let cases = [
            (vec!["nama saya Arip"], Some("Arip")),
            (vec!["nama saya arip"], Some("Arip")),
            (vec!["panggil saya Budi ya"], Some("Budi")),
            (vec!["nama saya Arip", "nama saya Dedi"], Some("Dedi")),
            (vec!["saya suka kopi"], None),
            (vec![], None),
        ];
        for (texts, expected) in cases {
            assert_eq!(derived_value(&facts(&texts), "nama").as_deref(), expected, "{texts:?}");
        }
    }

    #[test]
    fn shop_name_keeps_several_words() {
        let list = facts(&["bengkel saya namanya Arip Elektronik"]);
        assert_eq!(derived_value(&list, "bengkel").as_deref(), Some("Arip Elektronik"));
    }

    #[test]
    fn facts_about_topic() {
        let list = facts(&["nama saya Arip", "bengkel saya namanya Arip Elektronik"]);
        let found: Vec<i64> = facts_about(&list, "soal nama bengkel").iter().map(|f| f.id).collect();
        assert_eq!(found, vec![1]);
        assert!(facts_about(&list, "soal").is_empty());
    }

    #[test]
    fn seed_is_in_prompt_facts() {
        let all = prompt_facts(&facts(&["nama saya Arip"]));
        assert!(all.len() >= 2);
        assert_eq!(all.last().unwrap(), "nama saya Arip");
    }
}
