//! Extension APIs (storage, messaging, badge) as seen from Rust.
