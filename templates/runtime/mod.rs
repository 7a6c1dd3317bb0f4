//! Runtime (under construction).
