//! Rapport: the crate root. `core` is pure Rust (native and wasm); `dom` (but for its
//! selectors table), `webext` and `bindings` exist only in the wasm build, so the compiler
//! enforces the layering.

pub mod core;

pub mod dom;

#[cfg(target_arch = "wasm32")]
pub mod webext;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
