//! Benchmark: classify (filled in by its issue).

fn main() {}
