#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gloss_fuzz::scale::check(data));
