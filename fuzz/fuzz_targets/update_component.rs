//! Fuzzes `POST /_dash-update-component`: request decoding, matching against
//! the callback graph, store envelopes and handles, argument decoding, the
//! call and the answer. The input is the request body.
//!
//! Asserted for every input (see `Harness::check`): no panic escapes, the
//! status is 200, 204 or 4xx (never 5xx: no callback of this app fails on
//! valid input), and every 4xx body is JSON with a `message`.

#![no_main]

use std::sync::OnceLock;

use ferrodash_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

static HARNESS: OnceLock<Harness> = OnceLock::new();

fuzz_target!(|body: &[u8]| {
    HARNESS.get_or_init(Harness::new).check(body);
});
