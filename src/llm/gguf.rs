//! Checks a GGUF file before llama.cpp sees it.
//!
//! llama.cpp reports a missing, truncated or foreign file only as a null pointer, so Nano reads
//! the fixed header itself and tells the user which of those it is.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// GGUF versions llama.cpp reads today; version 1 was dropped upstream.
const SUPPORTED_VERSIONS: [u32; 2] = [2, 3];

/// Magic, version, tensor count and key-value count: the fixed part of every GGUF header.
const HEADER_LEN: usize = 4 + 4 + 8 + 8;

/// Why a file cannot be used as a model.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum GgufError {
    #[error("model file not found: {0}")]
    Missing(PathBuf),
    #[error("not a regular file: {0}")]
    NotAFile(PathBuf),
    #[error("model file unreadable: {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("not a GGUF file: {0}")]
    NotGguf(PathBuf),
    #[error("GGUF file is truncated: {0}")]
    Truncated(PathBuf),
    #[error("unsupported GGUF version {version}: {path}")]
    UnsupportedVersion { path: PathBuf, version: u32 },
    #[error("model needs {needed} bytes but only {available} are free: {path}")]
    TooLarge {
        path: PathBuf,
        needed: u64,
        available: u64,
    },
}

/// What the header says about a file that passed the checks.
#[derive(Debug, Clone, PartialEq)]
pub struct GgufHeader {
    pub version: u32,
    pub tensor_count: u64,
    pub metadata_count: u64,
    pub file_size: u64,
}

/// Reads and checks the header of `path`; `available_memory` (bytes) rejects files that
/// cannot fit, `None` skips that check.
pub fn check(path: &Path, available_memory: Option<u64>) -> Result<GgufHeader, GgufError> {
    let unreadable = |error: std::io::Error| GgufError::Unreadable {
        path: path.to_path_buf(),
        reason: error.to_string(),
    };

    if !path.exists() {
        return Err(GgufError::Missing(path.to_path_buf()));
    }
    if !path.is_file() {
        return Err(GgufError::NotAFile(path.to_path_buf()));
    }
    let mut file = File::open(path).map_err(unreadable)?;
    let file_size = file.metadata().map_err(unreadable)?.len();

    let mut header = [0u8; HEADER_LEN];
    let mut read = 0;
    while read < HEADER_LEN {
        match file.read(&mut header[read..]).map_err(unreadable)? {
            0 => break,
            count => read += count,
        }
    }
    if read >= 4 && &header[..4] != b"GGUF" {
        return Err(GgufError::NotGguf(path.to_path_buf()));
    }
    if read < HEADER_LEN {
        return Err(if read < 4 {
            GgufError::NotGguf(path.to_path_buf())
        } else {
            GgufError::Truncated(path.to_path_buf())
        });
    }

    let version = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes"));
    let tensor_count = u64::from_le_bytes(header[8..16].try_into().expect("8 bytes"));
    let metadata_count = u64::from_le_bytes(header[16..24].try_into().expect("8 bytes"));

    if !SUPPORTED_VERSIONS.contains(&version) {
        return Err(GgufError::UnsupportedVersion {
            path: path.to_path_buf(),
            version,
        });
    }

    // Every tensor needs at least its name length, dims, type and offset (about 24 bytes) in
    // the header, so counts beyond what the file could hold mean a cut-off download.
    if tensor_count == 0 || tensor_count.saturating_mul(24) > file_size {
        return Err(GgufError::Truncated(path.to_path_buf()));
    }

    if let Some(available) = available_memory {
        if file_size > available {
            return Err(GgufError::TooLarge {
                path: path.to_path_buf(),
                needed: file_size,
                available,
            });
        }
    }

    Ok(GgufHeader {
        version,
        tensor_count,
        metadata_count,
        file_size,
    })
}

/// Returns the memory the kernel reports as available (`MemAvailable`), in bytes, on Linux.
pub fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|line| line.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn header(version: u32, tensors: u64) -> Vec<u8> {
        let mut bytes = b"GGUF".to_vec();
        bytes.extend_from_slice(&version.to_le_bytes());
        bytes.extend_from_slice(&tensors.to_le_bytes());
        bytes.extend_from_slice(&5u64.to_le_bytes());
        bytes
    }

    #[test]
    fn header_cases() {
        let dir = tempfile::tempdir().unwrap();
        let mut good = header(3, 2);
        good.resize(4096, 0);

        let cases: Vec<(&str, Vec<u8>, fn(&GgufError) -> bool)> = vec![
            ("text.gguf", b"hello, this is not a model".to_vec(), |e| matches!(e, GgufError::NotGguf(_))),
            ("empty.gguf", Vec::new(), |e| matches!(e, GgufError::NotGguf(_))),
            ("cut.gguf", b"GGUF\x03\x00".to_vec(), |e| matches!(e, GgufError::Truncated(_))),
            ("old.gguf", header(1, 2), |e| matches!(e, GgufError::UnsupportedVersion { version: 1, .. })),
            ("huge.gguf", header(3, 1 << 40), |e| matches!(e, GgufError::Truncated(_))),
        ];
        for (name, bytes, expected) in cases {
            let path = write(dir.path(), name, &bytes);
            let error = check(&path, None).unwrap_err();
            assert!(expected(&error), "{name}: {error:?}");
        }

        let path = write(dir.path(), "good.gguf", &good);
        assert_eq!(check(&path, None).unwrap().version, 3);
        assert!(matches!(check(&path, Some(100)), Err(GgufError::TooLarge { .. })));
        assert!(matches!(
            check(&dir.path().join("absent.gguf"), None),
            Err(GgufError::Missing(_))
        ));
        assert!(matches!(check(dir.path(), None), Err(GgufError::NotAFile(_))));
    }
}
