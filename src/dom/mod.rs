//! The X page: reads it into core types and writes core verdicts back. It never decides.
//!
//! `selectors` is plain data (compiled natively too, so its parsing helpers are unit-tested);
//! everything else needs a browser and exists only in the wasm build.

pub mod selectors;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod extract;
#[cfg(target_arch = "wasm32")]
pub mod intro;
#[cfg(target_arch = "wasm32")]
pub mod observe;
#[cfg(target_arch = "wasm32")]
pub mod render;

#[cfg(target_arch = "wasm32")]
pub use app::{
    App, REASON_ATTR, STATUS_ATTR, on_message, on_settings, read_all, set_status, start,
};
