//! Benchmark statistics shared by the native benches (tests/bench/*.rs) and the wasm bench
//! (tests/wasm_bench.rs): timing samples in microseconds, their median, 95th percentile and
//! mean, and the `BENCH {json}` lines that tests/bench/report.mjs collects.
#![allow(dead_code)]

use serde_json::{Map, Value, json};

/// A summary of timing samples (microseconds).
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub n: usize,
    pub median: f64,
    pub p95: f64,
    pub mean: f64,
    pub max: f64,
}

/// Summarises `samples` (sorted in place). Percentiles are nearest-rank on the sorted
/// samples, so a reported p95 is a time that was actually measured.
pub fn summary(samples: &mut [f64]) -> Summary {
    assert!(!samples.is_empty(), "no samples");
    samples.sort_by(f64::total_cmp);
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    Summary {
        n: samples.len(),
        median: at(0.5),
        p95: at(0.95),
        mean: samples.iter().sum::<f64>() / samples.len() as f64,
        max: samples[samples.len() - 1],
    }
}

/// Rounds to 3 significant decimals for the report (microseconds and milliseconds alike).
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The machine-readable line for the collector: `BENCH {"name": …, …fields}`.
pub fn line(name: &str, fields: Value) -> String {
    let mut m = Map::new();
    m.insert("name".into(), json!(name));
    if let Value::Object(f) = fields {
        m.extend(f);
    }
    format!("BENCH {}", Value::Object(m))
}

/// Whether the quick mode is on (`./build.sh bench --quick` sets `RAPPORT_BENCH_QUICK=1`;
/// the wasm bench is compiled with it, see build.sh).
pub fn quick_from(value: Option<&str>) -> bool {
    matches!(value, Some(v) if !v.is_empty() && v != "0")
}
