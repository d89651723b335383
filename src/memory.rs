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

/// Words that end a value: spoken particles ("panggil saya Budi ya") and the start of another
/// statement ("nama saya Sri panggil saya mbak"), since the interpreter drops commas.
const FILLER_WORDS: [&str; 8] = ["ya", "yah", "aja", "saja", "dong", "deh", "panggil", "dan"];

/// Forms of address a user may ask for ("panggil saya mbak").
const HONORIFICS: [&str; 10] = ["mas", "mbak", "mba", "bang", "kak", "pak", "bu", "om", "tante", "cak"];

/// Returns the form of address (lowercase) from the newest fact that requests one.
pub fn preferred_honorific(facts: &[FactRecord]) -> Option<String> {
    facts.iter().rev().find_map(|fact| {
        let lower = fact.fact.to_lowercase();
        let start = lower.find("panggil saya ").or_else(|| lower.find("panggil aku "))?;
        let rest = lower[start..].split_whitespace().nth(2)?;
        let word = rest.trim_matches(|c: char| !c.is_alphanumeric());
        HONORIFICS.contains(&word).then(|| word.to_string())
    })
}

/// Facts every Nano starts with.
pub fn seed_facts() -> Vec<String> {
    toml::from_str::<Seed>(SEED).expect("built-in memory seed is valid TOML").facts
}

/// Returns all facts for the model's prompt: seed facts first, then the user's, oldest first.
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
            // A value ends at the first punctuation: "nama saya Sri, panggil saya mbak".
            let value_text = fact.fact[start..]
                .split([',', '.', ';', '!', '?'])
                .next()
                .unwrap_or("");
            let value: Vec<&str> = value_text
                .split_whitespace()
                .filter(|word| !LINKING_WORDS.contains(&word.to_lowercase().as_str()))
                .take_while(|word| !FILLER_WORDS.contains(&word.to_lowercase().as_str()))
                .take(rule.max_words)
                .collect();
            let value = value.join(" ").trim_matches(|c: char| !c.is_alphanumeric()).to_string();

            // "panggil saya mbak" names a form of address, not a name.
            let is_honorific = HONORIFICS.contains(&value.to_lowercase().as_str());
            (!value.is_empty() && !is_honorific).then(|| capitalize_words(&value))
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

/// Returns the user facts that mention every word of `topic`, for "lupakan soal ...".
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
    fn name_stops_at_punctuation_and_skips_honorifics() {
        let list = facts(&["nama saya Sri, panggil saya mbak"]);
        assert_eq!(derived_value(&list, "nama").as_deref(), Some("Sri"));
        assert_eq!(preferred_honorific(&list).as_deref(), Some("mbak"));

        let only_honorific = facts(&["panggil saya bang"]);
        assert_eq!(derived_value(&only_honorific, "nama"), None);
        assert_eq!(preferred_honorific(&only_honorific).as_deref(), Some("bang"));
        assert_eq!(preferred_honorific(&facts(&["panggil saya Budi"])), None);
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
