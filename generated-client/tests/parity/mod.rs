//! The parity harness of `tests/js_parity.rs`: a scenario ([`scenario`]) is run by the JS
//! client and by the Rust session ([`run`]), each against its own fake Edge API that records
//! every request ([`edge`]), and the two runs are compared ([`compare`]).

pub mod compare;
pub mod edge;
pub mod run;
pub mod scenario;
