//! Nano: a terminal assistant for electronics repair technicians.
//!
//! Layers, each in its own module: `interpret` turns a line into an interpretation (pure, no
//! IO), `dispatch` acts on it against the `store`, `llm` answers free conversation (the only
//! module that calls llama.cpp), `repl` and `oneshot` are the two ways in and share `app`,
//! `report` writes summaries and PDFs, `persona` and `memory` shape how Nano talks.

pub mod app;
pub mod cli;
pub mod cli_errors;
pub mod customers;
pub mod deletion;
pub mod dispatch;
pub mod error;
pub mod format;
pub mod history;
pub mod grounding;
pub mod interpret;
pub mod lifecycle;
pub mod listing;
pub mod llm;
pub mod memory;
pub mod model_speed;
pub mod oneshot;
pub mod persona;
pub mod progress;
pub mod recovery;
pub mod report;
pub mod repl;
pub mod repl_helper;
pub mod sessions;
pub mod settings;
pub mod store;
pub mod style;
pub mod table;
pub mod transfer;
pub mod warranty;
