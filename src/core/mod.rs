//! The pure core: every decision Rapport makes, with no knowledge of browsers or elements.

pub mod archive;
pub mod backup;
pub mod classify;
pub mod history;
pub mod introduce;
pub mod json;
pub mod ledger;
pub mod order;
pub mod page;
pub mod post;
pub mod ratio;
pub mod route;
pub mod settings;
pub mod status;
pub mod storage;
pub mod text;
pub mod time;
pub mod unanswered;

/// The crate version, as shown by `rapport --version` and the popup.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
