//! Any bytes: parse_bytes refuses them or gives a page; it never panics.
//! Run: `cargo +nightly fuzz run parse_bytes` (from the repository root).
#![no_main]

use baokan_core::{PageMeta, Parser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = Parser::default().parse_bytes(data, &PageMeta::default()) {
        // spans count code points of the decoded text and stay inside it
        let n = baokan_core::decode(data)
            .map(|(t, _)| t.chars().count())
            .unwrap_or(0);
        for a in &page.articles {
            for s in &a.spans {
                assert!(s[0] < s[1] && s[1] <= n);
            }
        }
        for u in &page.unassigned {
            assert!(u.span[0] < u.span[1] && u.span[1] <= n);
        }
    }
});
