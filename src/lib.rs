//! Rapport: the crate root. `core` is pure Rust (native and wasm); `dom` (but for its
//! selectors table), `webext` and `bindings` exist only in the wasm build, so the compiler
//! enforces the layering. The `content` and `pages` features pick which exports a wasm
//! module carries (see `bindings`).

pub mod core;

pub mod dom;

#[cfg(target_arch = "wasm32")]
pub mod webext;

#[cfg(all(target_arch = "wasm32", any(feature = "content", feature = "pages")))]
pub mod bindings;

/// The wasm modules' allocator: Talc, faster than std's default for wasm (dlmalloc) and
/// about 7 KB less code in each module.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
