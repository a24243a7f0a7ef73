//! Shared helpers for native tests and benchmarks: where the real data in `../shared` lives.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared data folder: `$RAPPORT_SHARED`, or `../shared` beside the project.
/// `None` (and a clear message on stderr) when it is absent, so tests can skip.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("RAPPORT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("DESIGN.md").exists() || dir.join("data").exists() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: shared data not found at {} (set RAPPORT_SHARED)",
            dir.display()
        );
        None
    }
}

/// A file under the shared folder, or `None` (with a message) when it is missing.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let p = shared_dir()?.join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIP: {} not found", p.display());
        None
    }
}
