//! Benchmark: text (filled in by its issue).

fn main() {}
