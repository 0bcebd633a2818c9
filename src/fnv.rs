//! FNV-1a, 64 bits: a hash fixed across runs, machines and Rust versions (std's hasher is
//! not), for what must come out the same every time: a PDF's file id, a font's obfuscation
//! key in a DOCX, a batch's shards.

/// The FNV-1a state.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a::with_seed(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    /// A hash started from `seed` instead of FNV's offset basis.
    pub fn with_seed(seed: u64) -> Self {
        Fnv1a(seed)
    }

    /// Feeds `bytes`.
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash of what was fed.
    pub fn finish(self) -> u64 {
        self.0
    }

    /// The hash of `bytes` alone.
    pub fn of(bytes: &[u8]) -> u64 {
        let mut hash = Fnv1a::default();
        hash.feed(bytes);
        hash.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_gives_the_published_fnv_1a_values() {
        // The FNV authors' test vectors for 64-bit FNV-1a.
        assert_eq!(Fnv1a::of(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv1a::of(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(Fnv1a::of(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
