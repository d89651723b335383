//! Nano's persona: how it talks, loaded from `personality/default.toml` (built in) or the
//! user's `personality.toml` in the data folder.

use std::path::Path;

use serde::Deserialize;

const DEFAULT_PERSONA: &str = include_str!("../personality/default.toml");

/// The persona's texts; see `personality/default.toml` for what each one is.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Persona {
    pub name: String,
    pub address_known: String,
    pub address_unknown: String,
    pub system_prompt: String,
    pub greeting: String,
    pub no_model: String,
    pub farewell: String,
}

/// The user's persona file with every key optional, so it may change only a few texts.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PersonaOverride {
    name: Option<String>,
    address_known: Option<String>,
    address_unknown: Option<String>,
    system_prompt: Option<String>,
    greeting: Option<String>,
    no_model: Option<String>,
    farewell: Option<String>,
}

impl Persona {
    /// The built-in persona.
    pub fn builtin() -> Persona {
        toml::from_str(DEFAULT_PERSONA).expect("built-in persona is valid TOML")
    }

    /// The built-in persona with the keys of `path` laid over it when that file exists.
    /// An unreadable or invalid file is reported and the built-in persona is used.
    pub fn load(path: &Path) -> (Persona, Option<String>) {
        let mut persona = Persona::builtin();
        let Ok(text) = std::fs::read_to_string(path) else {
            return (persona, None);
        };
        let custom: PersonaOverride = match toml::from_str(&text) {
            Ok(custom) => custom,
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "invalid persona file");
                let problem = format!(
                    "File kepribadian {} salah di {}, jadi Nano memakai kepribadian bawaan.",
                    path.display(),
                    crate::settings::describe_toml_error(&text, &error)
                );
                return (persona, Some(problem));
            }
        };

        let fields = [
            (&mut persona.name, custom.name),
            (&mut persona.address_known, custom.address_known),
            (&mut persona.address_unknown, custom.address_unknown),
            (&mut persona.system_prompt, custom.system_prompt),
            (&mut persona.greeting, custom.greeting),
            (&mut persona.no_model, custom.no_model),
            (&mut persona.farewell, custom.farewell),
        ];
        for (field, value) in fields {
            if let Some(value) = value {
                *field = value;
            }
        }
        (persona, None)
    }

    /// How to address the user: "mas Arip" once the name is known, else "mas"; a form of
    /// address the user asked for ("mbak") replaces the persona's.
    pub fn address(&self, name: Option<&str>, honorific: Option<&str>) -> String {
        match (name, honorific) {
            (Some(name), Some(honorific)) => format!("{honorific} {name}"),
            (None, Some(honorific)) => honorific.to_string(),
            (Some(name), None) => self.address_known.replace("{nama}", name),
            (None, None) => self.address_unknown.clone(),
        }
    }

    /// Fills `{sapaan}` and `{waktu}` in one of the persona's texts.
    pub fn fill(&self, template: &str, address: &str, part_of_day: &str) -> String {
        template.replace("{sapaan}", address).replace("{waktu}", part_of_day)
    }
}

/// The Indonesian part of the day for a greeting at `hour` (0–23).
pub fn part_of_day(hour: u32) -> &'static str {
    match hour {
        4..=10 => "pagi",
        11..=14 => "siang",
        15..=17 => "sore",
        _ => "malam",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_persona_addresses_by_name() {
        let persona = Persona::builtin();
        assert_eq!(persona.name, "Nano");
        assert_eq!(persona.address(Some("Arip"), None), "mas Arip");
        assert_eq!(persona.address(None, None), "mas");
        assert_eq!(persona.address(Some("Sri"), Some("mbak")), "mbak Sri");
        let greeting = persona.fill(&persona.greeting, &persona.address(Some("Arip"), None), "pagi");
        assert!(greeting.starts_with("Selamat pagi, mas Arip!"));
    }

    #[test]
    fn override_changes_only_given_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("personality.toml");
        std::fs::write(&path, "address_known = \"bang {nama}\"\n").unwrap();

        let (persona, problem) = Persona::load(&path);

        assert!(problem.is_none());
        assert_eq!(persona.address(Some("Arip"), None), "bang Arip");
        assert_eq!(persona.name, "Nano");
    }

    #[test]
    fn broken_override_falls_back_with_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("personality.toml");
        std::fs::write(&path, "address_known = [").unwrap();

        let (persona, problem) = Persona::load(&path);

        assert_eq!(persona, Persona::builtin());
        assert!(problem.unwrap().contains("kepribadian bawaan"));
    }

    #[test]
    fn part_of_day_boundaries() {
        let cases = [(5, "pagi"), (10, "pagi"), (12, "siang"), (16, "sore"), (19, "malam"), (2, "malam")];
        for (hour, expected) in cases {
            assert_eq!(part_of_day(hour), expected, "hour {hour}");
        }
    }
}
