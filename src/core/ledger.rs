//! The ledger: posts seen, people, and who answered whom; merged without losing writes.
