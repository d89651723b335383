//! The conversation log: every line the user typed, how it was understood and what Nano
//! replied.
//!
//! A turn is written before Nano acts or the model starts answering, and finished afterwards,
//! so a crash or an interrupted answer still leaves the line and whatever reply there was.

use rusqlite::params;

use super::{Store, StoreError};

/// Id of a logged turn, used to finish it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TurnId(pub i64);

/// A finished turn, for building the model's view of the recent conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnRecord {
    pub line: String,
    pub reply: String,
}

impl Store {
    /// Logs a line and its interpretation (JSON) before anything acts on it.
    pub fn begin_turn(&mut self, channel: &str, line: &str, interpretation: &str, now: &str) -> Result<TurnId, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO turns (channel, line, interpretation, started_at) VALUES (?1, ?2, ?3, ?4)",
                params![channel, line, interpretation, now],
            )?;
            Ok(TurnId(tx.last_insert_rowid()))
        })
    }

    /// Records the reply (possibly partial) and when the turn ended.
    pub fn finish_turn(&mut self, turn: TurnId, reply: &str, interrupted: bool, now: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE turns SET reply = ?1, interrupted = ?2, finished_at = ?3 WHERE id = ?4",
                params![reply, interrupted, now, turn.0],
            )?;
            Ok(())
        })
    }

    /// Returns the last `count` chat turns that have a reply, oldest first.
    pub fn recent_chat_turns(&self, count: usize) -> Result<Vec<TurnRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT line, reply FROM turns
             WHERE channel = 'chat' AND reply IS NOT NULL AND reply != ''
             ORDER BY id DESC LIMIT ?1",
        )?;
        let mut turns = statement
            .query_map([count as i64], |row| {
                Ok(TurnRecord {
                    line: row.get(0)?,
                    reply: row.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        turns.reverse();
        Ok(turns)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::open_temp;

    #[test]
    fn turn_is_logged_before_and_after() {
        let (_dir, mut store) = open_temp();
        let now = "2026-12-04T10:00:00+07:00";

        let turn = store.begin_turn("chat", "halo", "{}", now).unwrap();
        assert!(store.recent_chat_turns(5).unwrap().is_empty());

        store.finish_turn(turn, "Halo juga", true, now).unwrap();
        let turns = store.recent_chat_turns(5).unwrap();

        assert_eq!(turns.len(), 1);
        assert_eq!(turns[0].reply, "Halo juga");
    }
}
