//! Every `#[wasm_bindgen]` export, in one place.
