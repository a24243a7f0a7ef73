//! The X page: reads it into core types and writes core verdicts back. It never decides.
