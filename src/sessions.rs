//! Marks of running chat sessions, so that `nano pulihkan` never swaps the database under one.
//!
//! A chat keeps the database open for hours and numbers new jobs from what it last saw, so a
//! restore beneath it would hand out job numbers twice. Each chat writes `sesi/PID` in the data
//! folder and removes it on exit. A mark left by a chat that was killed is recognised as stale,
//! because no process named `nano` runs under that PID any more.

use std::path::{Path, PathBuf};

/// Folder of the marks, inside the data folder.
const MARKS_DIR: &str = "sesi";

/// The mark of this process's chat; removed when dropped.
pub struct ChatMark {
    path: PathBuf,
}

impl ChatMark {
    /// Writes the mark of this chat. A data folder that cannot hold it only loses the restore
    /// guard, so failure is logged and the chat goes on.
    pub fn create(data_dir: &Path) -> Option<ChatMark> {
        let folder = data_dir.join(MARKS_DIR);
        let path = folder.join(std::process::id().to_string());
        match std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(&path, b"")) {
            Ok(()) => Some(ChatMark { path }),
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "chat mark not written");
                None
            }
        }
    }
}

impl Drop for ChatMark {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Returns the PIDs of other chats running on this data folder, removing stale marks.
pub fn running_chats(data_dir: &Path) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(MARKS_DIR)) else {
        return Vec::new();
    };
    let own = std::process::id();
    let mut running = Vec::new();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|name| name.parse::<u32>().ok()) else {
            continue;
        };
        if pid == own {
            continue;
        }
        if is_nano(pid) {
            running.push(pid);
        } else {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    running.sort_unstable();
    running
}

/// True when a process named `nano` runs under `pid` (Linux `/proc`). Elsewhere nothing can be
/// checked, so every mark counts as running and the user is asked to close the other chats.
fn is_nano(pid: u32) -> bool {
    let proc_dir = Path::new("/proc");
    if !proc_dir.is_dir() {
        return true;
    }
    std::fs::read_to_string(proc_dir.join(pid.to_string()).join("comm"))
        .is_ok_and(|name| name.trim() == "nano")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_mark_is_not_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mark = ChatMark::create(dir.path()).expect("mark written");

        assert!(running_chats(dir.path()).is_empty());
        drop(mark);
        assert!(!dir.path().join(MARKS_DIR).join(std::process::id().to_string()).exists());
    }

    #[test]
    fn stale_marks_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(MARKS_DIR);
        std::fs::create_dir_all(&folder).unwrap();
        // PID 1 runs, but it is not Nano; a PID this high is not running.
        std::fs::write(folder.join("1"), b"").unwrap();
        std::fs::write(folder.join("4194303"), b"").unwrap();

        assert!(running_chats(dir.path()).is_empty());
        assert!(!folder.join("1").exists());
        assert!(!folder.join("4194303").exists());
    }
}
