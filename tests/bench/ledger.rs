//! Benchmark: ledger (filled in by its issue).

fn main() {}
