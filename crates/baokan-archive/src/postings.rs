//! A compact, fast codec for one term's document list: strictly increasing
//! doc ids (`u32`) with their term frequencies (`u32 >= 1`).
//!
//! # Layout of one term (for `doc_freq` docs)
//!
//! With `n = doc_freq / 128` full blocks and `t = doc_freq % 128` tail docs:
//!
//! 1. **Skip table**: `n` entries of 16 bytes, little endian:
//!    `last_doc: u32` (last doc id of the block), `end: u32` (byte offset
//!    just past the block, counted from the start of the block area) and
//!    `tf_sum: u64` (sum of the tfs of all docs up to the end of the block).
//! 2. **Block area**: `n` blocks of 128 docs, each
//!    `[doc_bits: u8][tf_bits: u8][16 * doc_bits bytes][16 * tf_bits bytes]`.
//!    Doc ids are packed by `BitPacker4x::compress_strictly_sorted` (each
//!    value is `gap - 1`; the initial value is the previous block's last doc,
//!    or `None` for the first block, so doc 0 is fine and a dense run costs 0
//!    bits). Tfs are packed the same way as the running tf sum inside the
//!    block (initial `Some(0)`), so each packed value is `tf - 1` and decoding
//!    gives the in-block prefix sums needed by [`DocCursor::position_offset`]
//!    directly, with SIMD.
//! 3. **Tail**: `t` docs as LEB128 varints: `(gap - 1) << 1 | (tf == 1)`,
//!    followed by `tf - 2` when `tf != 1`. The gap of the first tail doc is
//!    counted from the last block's last doc (from -1 without blocks).
//!
//! No header: the block count follows from `doc_freq`, and the byte length is
//! not needed (the bytes are self-delimiting given `doc_freq`). A list of
//! 100 000 docs with gaps 1..=20 and tfs 1..=3 costs about 1.02 bytes per doc.
//!
//! # Reading
//!
//! [`DocCursor`] decodes one block at a time into fixed arrays held in the
//! cursor (no allocation). [`DocCursor::seek`] gallops and binary-searches
//! the skip table, so skipped blocks are never decoded.
//!
//! The bytes come from files that may be corrupt: the cursor never panics and
//! never reads out of range. Every decoded block is checked (bit widths,
//! exact byte length, doc ids strictly increasing and continuing the previous
//! block, last doc and tf sum agreeing with the skip table); on malformed data
//! the cursor ends ([`TERMINATED`]). Doc ids returned by one cursor are always
//! strictly increasing, whatever the bytes.

// Used by the index code being written alongside; remove once it is wired in.

use bitpacking::{BitPacker, BitPacker4x};
use tantivy::directory::OwnedBytes;

/// Sentinel returned when a cursor is exhausted (same value as tantivy::TERMINATED).
pub(crate) const TERMINATED: u32 = tantivy::TERMINATED;

/// Docs per bit-packed block.
const BLOCK_LEN: usize = BitPacker4x::BLOCK_LEN;
/// Mask turning any index into one below [`BLOCK_LEN`] (a power of two).
const BLOCK_MASK: usize = BLOCK_LEN - 1;
/// Bytes of one skip table entry.
const SKIP_ENTRY_LEN: usize = 16;
/// Bytes of packed data per bit of width in one block.
const BYTES_PER_BIT: usize = BLOCK_LEN / 8;

/// Encodes the document lists of terms, one term after the other.
pub(crate) struct DocListWriter {
    /// SIMD bit packer.
    packer: BitPacker4x,
    /// Doc ids not yet written as a block.
    docs: [u32; BLOCK_LEN],
    /// Tfs of `docs`.
    tfs: [u32; BLOCK_LEN],
    /// Scratch: wrapping running tf sum of a block.
    cum: [u32; BLOCK_LEN],
    /// Number of docs in `docs`.
    buffered: usize,
    /// Docs pushed for the current term.
    len: u32,
    /// Last doc pushed for the current term.
    last_doc: Option<u32>,
    /// Last doc of the last full block of the current term.
    last_block_doc: Option<u32>,
    /// Sum of the tfs of all full blocks of the current term.
    tf_sum: u64,
    /// Skip table of the current term.
    skip: Vec<u8>,
    /// Block area of the current term.
    body: Vec<u8>,
}

impl Default for DocListWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl DocListWriter {
    /// An empty writer.
    pub(crate) fn new() -> Self {
        DocListWriter {
            packer: BitPacker4x::new(),
            docs: [0; BLOCK_LEN],
            tfs: [0; BLOCK_LEN],
            cum: [0; BLOCK_LEN],
            buffered: 0,
            len: 0,
            last_doc: None,
            last_block_doc: None,
            tf_sum: 0,
            skip: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Append one document of the current term: doc ids strictly increasing within a term, tf >= 1.
    ///
    /// # Panics
    ///
    /// If `doc` is not above the previous doc of the term, if `doc` is
    /// [`TERMINATED`], or if `tf` is 0 (caller bugs that would corrupt the index).
    pub(crate) fn push(&mut self, doc: u32, tf: u32) {
        assert!(tf >= 1, "postings: tf must be >= 1");
        assert!(doc < TERMINATED, "postings: doc ids from TERMINATED up are reserved");
        if let Some(last) = self.last_doc {
            assert!(doc > last, "postings: doc ids must be strictly increasing ({last} then {doc})");
        }
        self.docs[self.buffered] = doc;
        self.tfs[self.buffered] = tf;
        self.buffered += 1;
        self.len += 1;
        self.last_doc = Some(doc);
        if self.buffered == BLOCK_LEN {
            self.write_block();
        }
    }

    /// Number of docs pushed for the current term.
    pub(crate) fn len(&self) -> u32 {
        self.len
    }

    /// Encode the current term's list, append the bytes to `out`, and reset for the next term.
    /// (The caller records out.len() before and after; the bytes are self-delimiting given doc_freq.)
    pub(crate) fn finish(&mut self, out: &mut Vec<u8>) {
        out.reserve(self.skip.len() + self.body.len() + self.buffered * 2);
        out.extend_from_slice(&self.skip);
        out.extend_from_slice(&self.body);
        let mut prev = self.last_block_doc.unwrap_or(u32::MAX);
        for (&doc, &tf) in self.docs[..self.buffered].iter().zip(&self.tfs[..self.buffered]) {
            let gap_minus_one = u64::from(doc.wrapping_sub(prev).wrapping_sub(1));
            if tf == 1 {
                write_varint(out, gap_minus_one << 1 | 1);
            } else {
                write_varint(out, gap_minus_one << 1);
                write_varint(out, u64::from(tf - 2));
            }
            prev = doc;
        }
        self.skip.clear();
        self.body.clear();
        self.buffered = 0;
        self.len = 0;
        self.last_doc = None;
        self.last_block_doc = None;
        self.tf_sum = 0;
    }

    /// Bit-pack the 128 buffered docs as one block and add its skip entry.
    fn write_block(&mut self) {
        let mut running = 0u32;
        let mut block_tf = 0u64;
        for (c, &tf) in self.cum.iter_mut().zip(&self.tfs) {
            running = running.wrapping_add(tf);
            *c = running;
            block_tf += u64::from(tf);
        }
        let initial = self.last_block_doc;
        let doc_bits = self.packer.num_bits_strictly_sorted(initial, &self.docs);
        let tf_bits = self.packer.num_bits_strictly_sorted(Some(0), &self.cum);
        self.body.push(doc_bits);
        self.body.push(tf_bits);
        let start = self.body.len();
        let doc_bytes = BYTES_PER_BIT * usize::from(doc_bits);
        let tf_bytes = BYTES_PER_BIT * usize::from(tf_bits);
        self.body.resize(start + doc_bytes + tf_bytes, 0);
        let (doc_out, tf_out) = self.body[start..].split_at_mut(doc_bytes);
        self.packer.compress_strictly_sorted(initial, &self.docs, doc_out, doc_bits);
        self.packer.compress_strictly_sorted(Some(0), &self.cum, tf_out, tf_bits);

        let last = self.docs[BLOCK_LEN - 1];
        self.tf_sum += block_tf;
        let end = u32::try_from(self.body.len()).expect("postings: one term's list exceeds 4 GiB");
        self.skip.extend_from_slice(&last.to_le_bytes());
        self.skip.extend_from_slice(&end.to_le_bytes());
        self.skip.extend_from_slice(&self.tf_sum.to_le_bytes());
        self.last_block_doc = Some(last);
        self.buffered = 0;
    }
}

/// Append `v` as a LEB128 varint.
pub(crate) fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Read a LEB128 varint from the front of `data`, advancing it; `None` if
/// truncated or longer than 10 bytes.
pub(crate) fn read_varint(data: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0u32;
    loop {
        let (&b, rest) = data.split_first()?;
        *data = rest;
        if shift >= 64 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Little-endian `u32` at `at`, if in range.
#[inline]
fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..)?.first_chunk::<4>().map(|a| u32::from_le_bytes(*a))
}

/// Little-endian `u64` at `at`, if in range.
#[inline]
fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    bytes.get(at..)?.first_chunk::<8>().map(|a| u64::from_le_bytes(*a))
}

/// One decoded skip table entry.
#[derive(Clone, Copy)]
struct SkipEntry {
    /// Last doc of the block.
    last_doc: u32,
    /// Byte offset past the block in the block area.
    end: usize,
    /// Sum of tfs up to the end of the block.
    tf_sum: u64,
}

/// Reads one term's document list (see the module doc).
pub(crate) struct DocCursor {
    /// Skip table bytes (exactly `num_blocks` entries).
    skip: OwnedBytes,
    /// Block area and tail.
    body: OwnedBytes,
    /// Number of docs announced by the caller.
    doc_freq: u32,
    /// Number of full blocks.
    num_blocks: usize,
    /// Number of docs in the tail.
    tail_len: usize,
    /// Loaded block: `< num_blocks` a full block, `== num_blocks` the tail,
    /// `> num_blocks` exhausted.
    block: usize,
    /// Index of the current doc in `docs`.
    idx: usize,
    /// Number of valid docs in `docs` (0 when exhausted).
    len: usize,
    /// Current doc, or [`TERMINATED`].
    doc: u32,
    /// Sum of the tfs of all docs before the loaded block.
    pos_base: u64,
    /// Whether the tf sum of the loaded block exceeds `u32` (then `cum` wraps).
    wraps: bool,
    /// SIMD bit packer.
    packer: BitPacker4x,
    /// Doc ids of the loaded block; past `len`, [`TERMINATED`].
    docs: [u32; BLOCK_LEN],
    /// `cum[i]`: wrapping sum of the tfs of the docs before `docs[i]` in the block.
    cum: [u32; BLOCK_LEN + 1],
}

impl DocCursor {
    /// A cursor over one term's encoded bytes (exactly what `finish` appended) holding `doc_freq` docs,
    /// positioned on the first doc (or TERMINATED if doc_freq == 0).
    pub(crate) fn new(bytes: OwnedBytes, doc_freq: u32) -> Self {
        let num_blocks = doc_freq as usize / BLOCK_LEN;
        let tail_len = doc_freq as usize % BLOCK_LEN;
        let mut cursor = DocCursor {
            skip: OwnedBytes::empty(),
            body: OwnedBytes::empty(),
            doc_freq,
            num_blocks,
            tail_len,
            block: 0,
            idx: 0,
            len: 0,
            doc: TERMINATED,
            pos_base: 0,
            wraps: false,
            packer: BitPacker4x::new(),
            docs: [TERMINATED; BLOCK_LEN],
            cum: [0; BLOCK_LEN + 1],
        };
        match num_blocks.checked_mul(SKIP_ENTRY_LEN) {
            Some(skip_len) if skip_len <= bytes.len() => {
                let (skip, body) = bytes.split(skip_len);
                cursor.skip = skip;
                cursor.body = body;
                cursor.load(0);
            }
            _ => {
                cursor.terminate();
            }
        }
        cursor
    }

    /// Current doc or TERMINATED.
    #[inline]
    pub(crate) fn doc(&self) -> u32 {
        self.doc
    }

    /// Tf of the current doc (unspecified once exhausted).
    #[inline]
    pub(crate) fn tf(&self) -> u32 {
        let i = self.idx & BLOCK_MASK;
        self.cum[i + 1].wrapping_sub(self.cum[i])
    }

    /// Sum of the tfs of all docs before the current one in this list (to find the current
    /// doc's positions in a separate positions stream).
    #[inline]
    pub(crate) fn position_offset(&self) -> u64 {
        let i = self.idx & BLOCK_MASK;
        if !self.wraps {
            self.pos_base + u64::from(self.cum[i])
        } else {
            self.position_offset_slow(i)
        }
    }

    /// [`Self::position_offset`] in a block whose tf sum exceeds `u32`.
    #[cold]
    fn position_offset_slow(&self, i: usize) -> u64 {
        let within: u64 = self.cum.windows(2).take(i).map(|w| u64::from(w[1].wrapping_sub(w[0]))).sum();
        self.pos_base.wrapping_add(within)
    }

    /// Next doc or TERMINATED.
    #[inline]
    pub(crate) fn advance(&mut self) -> u32 {
        let next = self.idx + 1;
        if next < self.len {
            self.idx = next;
            self.doc = self.docs[next & BLOCK_MASK];
            self.doc
        } else {
            self.next_block()
        }
    }

    /// Move to the first doc >= target (target may be <= current doc: then stay). Must use a
    /// skip table to jump over whole blocks without decoding them (binary search or linear scan over
    /// the skip entries), then decode only the block that can hold target.
    pub(crate) fn seek(&mut self, target: u32) -> u32 {
        if target <= self.doc {
            return self.doc;
        }
        // Not exhausted here (doc < target <= TERMINATED), so len >= 1.
        let block_before = self.block;
        if target > self.docs[(self.len.wrapping_sub(1)) & BLOCK_MASK] {
            if self.block >= self.num_blocks {
                return self.terminate();
            }
            let b = self.find_block(target);
            if self.load(b) == TERMINATED {
                return TERMINATED;
            }
        }
        // The first doc >= target is at or after `from`, and `docs[BLOCK_LEN - 1]` is >= target
        // (the block's last doc, or TERMINATED padding in the tail).
        let from = if self.block == block_before { self.idx + 1 } else { 0 };
        let pos = self.search_in_block(from, target);
        if pos >= self.len {
            return self.terminate();
        }
        self.idx = pos;
        self.doc = self.docs[pos & BLOCK_MASK];
        self.doc
    }

    /// Index of the first doc >= target in the loaded block, at or after
    /// `from`: galloping from `from` (seeks are mostly short), then binary
    /// search. Needs `docs[BLOCK_LEN - 1] >= target`.
    #[inline]
    fn search_in_block(&self, from: usize, target: u32) -> usize {
        let mut lo = from;
        let mut step = 1;
        let mut hi = loop {
            let probe = lo + step - 1;
            if probe >= BLOCK_LEN - 1 {
                break BLOCK_LEN - 1;
            }
            if self.docs[probe] >= target {
                break probe;
            }
            lo = probe + 1;
            step *= 2;
        };
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.docs[mid & BLOCK_MASK] >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        hi
    }

    /// doc_freq given at creation.
    pub(crate) fn len(&self) -> u32 {
        self.doc_freq
    }

    /// First block after the loaded one whose last doc is >= target, or
    /// `num_blocks` (the tail) if none: galloping, then binary search.
    fn find_block(&self, target: u32) -> usize {
        let n = self.num_blocks;
        // Every block before `lo` ends below target; `hi` ends at or above it (or is n).
        let mut lo = self.block + 1;
        let mut step = 1usize;
        let mut hi = loop {
            let probe = lo.saturating_add(step - 1);
            if probe >= n {
                break n;
            }
            if self.skip_last_doc(probe) >= target {
                break probe;
            }
            lo = probe + 1;
            step = step.saturating_mul(2);
        };
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.skip_last_doc(mid) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        hi
    }

    /// Last doc of full block `b` from the skip table ([`TERMINATED`] if out of range).
    #[inline]
    fn skip_last_doc(&self, b: usize) -> u32 {
        read_u32(self.skip.as_slice(), b.wrapping_mul(SKIP_ENTRY_LEN)).unwrap_or(TERMINATED)
    }

    /// Skip table entry of full block `b`.
    fn skip_entry(&self, b: usize) -> Option<SkipEntry> {
        let at = b.checked_mul(SKIP_ENTRY_LEN)?;
        Some(SkipEntry {
            last_doc: read_u32(self.skip.as_slice(), at)?,
            end: read_u32(self.skip.as_slice(), at + 4)? as usize,
            tf_sum: read_u64(self.skip.as_slice(), at + 8)?,
        })
    }

    /// Load the block after the current one (or end).
    #[cold]
    #[inline(never)]
    fn next_block(&mut self) -> u32 {
        if self.block >= self.num_blocks {
            return self.terminate();
        }
        self.load(self.block + 1)
    }

    /// Load block `b` (the tail if `b == num_blocks`) and position on its
    /// first doc; on malformed data or past the end, end the cursor.
    fn load(&mut self, b: usize) -> u32 {
        let ok = if b < self.num_blocks {
            self.load_full_block(b).is_some()
        } else if b == self.num_blocks && self.tail_len > 0 {
            self.load_tail().is_some()
        } else {
            false
        };
        if !ok {
            return self.terminate();
        }
        self.block = b;
        self.idx = 0;
        self.doc = self.docs[0];
        self.doc
    }

    /// Decode full block `b` into `docs` and `cum`, checking it against the skip table.
    fn load_full_block(&mut self, b: usize) -> Option<()> {
        let entry = self.skip_entry(b)?;
        let prev = match b.checked_sub(1) {
            Some(p) => Some(self.skip_entry(p)?),
            None => None,
        };
        let start = prev.map_or(0, |p| p.end);
        let body = self.body.clone();
        let data = body.as_slice().get(start..entry.end)?;
        let (&doc_bits, data) = data.split_first()?;
        let (&tf_bits, data) = data.split_first()?;
        if doc_bits > 32 || tf_bits > 32 {
            return None;
        }
        let doc_bytes = BYTES_PER_BIT * usize::from(doc_bits);
        if data.len() != doc_bytes + BYTES_PER_BIT * usize::from(tf_bits) {
            return None;
        }
        let (doc_data, tf_data) = data.split_at(doc_bytes);
        let initial = prev.map(|p| p.last_doc);
        // Mark the block unusable while it is being decoded, in case of an early return.
        self.len = 0;
        self.packer.decompress_strictly_sorted(initial, doc_data, &mut self.docs, doc_bits);
        // The packed gaps may wrap around on corrupt data: check the order.
        let mut bad = self.docs.windows(2).fold(false, |bad, w| bad | (w[0] >= w[1]));
        bad |= self.docs[BLOCK_LEN - 1] != entry.last_doc || entry.last_doc >= TERMINATED;
        if let Some(p) = initial {
            bad |= self.docs[0] <= p;
        }
        let block_tf = entry.tf_sum.checked_sub(prev.map_or(0, |p| p.tf_sum))?;
        self.packer.decompress_strictly_sorted(Some(0), tf_data, &mut self.cum[1..], tf_bits);
        bad |= self.cum[BLOCK_LEN] != block_tf as u32;
        if bad {
            return None;
        }
        self.cum[0] = 0;
        self.wraps = block_tf > u64::from(u32::MAX);
        self.pos_base = prev.map_or(0, |p| p.tf_sum);
        self.len = BLOCK_LEN;
        Some(())
    }

    /// Decode the varint tail into `docs` and `cum`. A malformed doc ends the
    /// tail there; `None` if not even one doc could be read.
    fn load_tail(&mut self) -> Option<()> {
        let (mut next_min, start, base) = match self.num_blocks.checked_sub(1) {
            Some(last) => {
                let e = self.skip_entry(last)?;
                (u64::from(e.last_doc) + 1, e.end, e.tf_sum)
            }
            None => (0, 0, 0),
        };
        let body = self.body.clone();
        let mut data = body.as_slice().get(start..)?;
        let mut running = 0u32;
        let mut total = 0u64;
        let mut n = 0usize;
        self.len = 0;
        self.cum[0] = 0;
        while n < self.tail_len.min(BLOCK_LEN) {
            let Some(v) = read_varint(&mut data) else { break };
            let doc = next_min + (v >> 1);
            if doc >= u64::from(TERMINATED) {
                break;
            }
            let tf = if v & 1 == 1 {
                1
            } else {
                match read_varint(&mut data).and_then(|t| t.checked_add(2)) {
                    Some(tf) if tf <= u64::from(u32::MAX) => tf as u32,
                    _ => break,
                }
            };
            self.docs[n] = doc as u32;
            running = running.wrapping_add(tf);
            total += u64::from(tf);
            self.cum[n + 1] = running;
            next_min = doc + 1;
            n += 1;
        }
        if n == 0 {
            return None;
        }
        self.docs[n..].fill(TERMINATED);
        self.wraps = total > u64::from(u32::MAX);
        self.pos_base = base;
        self.len = n;
        Some(())
    }

    /// End the cursor.
    fn terminate(&mut self) -> u32 {
        self.block = self.num_blocks.saturating_add(1);
        self.idx = 0;
        self.len = 0;
        self.doc = TERMINATED;
        self.wraps = false;
        TERMINATED
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64* generator.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        /// Uniform in `lo..=hi`.
        fn range(&mut self, lo: u32, hi: u32) -> u32 {
            lo + (self.next() % (u64::from(hi - lo) + 1)) as u32
        }
    }

    /// A random list: `(doc, tf)` pairs.
    fn gen_list(rng: &mut Rng, n: usize, max_gap: u32, from_zero: bool, max_tf: u32, big_tfs: bool) -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(n);
        let mut doc = if from_zero { 0 } else { rng.range(0, max_gap) };
        for i in 0..n {
            if i > 0 {
                doc += rng.range(1, max_gap);
            }
            let tf = if big_tfs && rng.range(1, 17) == 1 { 1_000_000 } else { rng.range(1, max_tf) };
            out.push((doc, tf));
        }
        out
    }

    fn encode(list: &[(u32, u32)]) -> Vec<u8> {
        let mut w = DocListWriter::new();
        for &(d, tf) in list {
            w.push(d, tf);
        }
        assert_eq!(w.len() as usize, list.len());
        let mut out = Vec::new();
        w.finish(&mut out);
        assert_eq!(w.len(), 0);
        out
    }

    /// Check a full advance() scan against `list`.
    fn check_scan(bytes: &[u8], list: &[(u32, u32)]) {
        let mut c = DocCursor::new(OwnedBytes::new(bytes.to_vec()), list.len() as u32);
        assert_eq!(c.len() as usize, list.len());
        let mut offset = 0u64;
        for (i, &(d, tf)) in list.iter().enumerate() {
            assert_eq!(c.doc(), d, "doc #{i}");
            assert_eq!(c.tf(), tf, "tf #{i}");
            assert_eq!(c.position_offset(), offset, "offset #{i}");
            offset += u64::from(tf);
            let next = c.advance();
            assert_eq!(next, c.doc());
        }
        assert_eq!(c.doc(), TERMINATED);
        assert_eq!(c.advance(), TERMINATED);
        assert_eq!(c.seek(5), TERMINATED);
        assert_eq!(c.seek(TERMINATED), TERMINATED);
    }

    /// Lists of many shapes.
    fn cases(rng: &mut Rng) -> Vec<Vec<(u32, u32)>> {
        let mut lists = Vec::new();
        for &n in &[0usize, 1, 127, 128, 129, 255, 256, 1000, 100_000] {
            lists.push(gen_list(rng, n, 5000, false, 50, false));
            lists.push(gen_list(rng, n, 5000, true, 50, true));
            lists.push(gen_list(rng, n, 1, true, 50, false));
            lists.push(gen_list(rng, n, 1, false, 3, true));
            lists.push(gen_list(rng, n, 3, true, 1, false));
        }
        lists
    }

    #[test]
    fn round_trip() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for list in cases(&mut rng) {
            let bytes = encode(&list);
            check_scan(&bytes, &list);
        }
    }

    #[test]
    fn extreme_values() {
        // Largest doc ids, 32-bit gaps and tfs, a block whose tf sum overflows u32.
        let mut list: Vec<(u32, u32)> = (0..300u32).map(|i| (i * 7, 1)).collect();
        list.push((TERMINATED / 2, u32::MAX));
        for i in 0..200u32 {
            list.push((TERMINATED - 400 + i, if i % 3 == 0 { u32::MAX } else { 2 }));
        }
        list.push((TERMINATED - 1, 1));
        let bytes = encode(&list);
        check_scan(&bytes, &list);
        let one = [(TERMINATED - 1, u32::MAX)];
        check_scan(&encode(&one), &one);
        let zero = [(0, 1)];
        check_scan(&encode(&zero), &zero);
    }

    /// First doc >= target by linear scan, with its index.
    fn reference(list: &[(u32, u32)], target: u32) -> Option<usize> {
        list.iter().position(|&(d, _)| d >= target)
    }

    #[test]
    fn seek_matches_linear_scan() {
        let mut rng = Rng(0xDEAD_BEEF_1234_5678);
        for list in cases(&mut rng) {
            let bytes = encode(&list);
            let prefix: Vec<u64> = list
                .iter()
                .scan(0u64, |s, &(_, tf)| {
                    let before = *s;
                    *s += u64::from(tf);
                    Some(before)
                })
                .collect();
            let max = list.last().map_or(10, |&(d, _)| d + 10);
            for round in 0..4 {
                let mut c = DocCursor::new(OwnedBytes::new(bytes.clone()), list.len() as u32);
                let mut cur = reference(&list, 0);
                let mut target = 0u32;
                loop {
                    // Mostly short jumps, sometimes long ones, targets on docs, between
                    // docs, repeated, before the first and past the last.
                    let choice = rng.next() % 10;
                    target = match choice {
                        0 => target,
                        1 => target.saturating_sub(rng.range(0, 50)),
                        2 if !list.is_empty() => list[rng.range(0, list.len() as u32 - 1) as usize].0.max(target),
                        3 => target.saturating_add(rng.range(0, max / 4 + 1)),
                        _ => target.saturating_add(rng.range(0, 30 * (round + 1))),
                    };
                    if rng.range(1, 3) == 1 && cur.is_some() {
                        // Interleave advance().
                        let i = cur.unwrap();
                        let got = c.advance();
                        cur = if i + 1 < list.len() { Some(i + 1) } else { None };
                        assert_eq!(got, cur.map_or(TERMINATED, |j| list[j].0));
                    } else {
                        let got = c.seek(target);
                        // Seeking backwards stays.
                        let expected = match cur {
                            Some(i) if list[i].0 >= target => Some(i),
                            Some(_) => reference(&list, target),
                            None => None,
                        };
                        cur = expected;
                        assert_eq!(got, cur.map_or(TERMINATED, |j| list[j].0), "seek {target}");
                    }
                    assert_eq!(c.doc(), cur.map_or(TERMINATED, |j| list[j].0));
                    if let Some(j) = cur {
                        assert_eq!(c.tf(), list[j].1);
                        assert_eq!(c.position_offset(), prefix[j]);
                    }
                    if cur.is_none() || target >= max {
                        break;
                    }
                }
                assert_eq!(c.seek(TERMINATED), TERMINATED);
            }
            // Seek to every doc exactly, then to one past it.
            let mut c = DocCursor::new(OwnedBytes::new(bytes.clone()), list.len() as u32);
            for (i, &(d, _)) in list.iter().enumerate().step_by(37) {
                assert_eq!(c.seek(d), d);
                assert_eq!(c.position_offset(), prefix[i]);
                let next = list.get(i + 1).map_or(TERMINATED, |x| x.0);
                assert_eq!(c.seek(d + 1), next);
            }
            // Seek before the first doc, then past the last.
            let mut c = DocCursor::new(OwnedBytes::new(bytes.clone()), list.len() as u32);
            assert_eq!(c.seek(0), list.first().map_or(TERMINATED, |x| x.0));
            assert_eq!(c.seek(max), TERMINATED);
            assert_eq!(c.advance(), TERMINATED);
        }
    }

    #[test]
    fn several_terms_back_to_back() {
        let mut rng = Rng(42);
        let lists: Vec<_> = (0..40)
            .map(|i| {
                let n = [0, 1, 5, 127, 128, 129, 300, 1000][i % 8];
                gen_list(&mut rng, n, [1, 20, 5000][i % 3], i % 2 == 0, 50, i % 5 == 0)
            })
            .collect();
        let mut w = DocListWriter::new();
        let mut out = Vec::new();
        let mut ranges = Vec::new();
        for list in &lists {
            let start = out.len();
            for &(d, tf) in list {
                w.push(d, tf);
            }
            w.finish(&mut out);
            ranges.push(start..out.len());
        }
        for (list, range) in lists.iter().zip(ranges) {
            check_scan(&out[range], list);
        }
    }

    /// Run a cursor to the end with a mix of calls; it must not panic and must
    /// return strictly increasing docs.
    fn exercise(bytes: &[u8], doc_freq: u32, rng: &mut Rng) {
        let mut c = DocCursor::new(OwnedBytes::new(bytes.to_vec()), doc_freq);
        let mut steps = 0u64;
        while c.doc() != TERMINATED {
            let before = c.doc();
            let _ = (c.tf(), c.position_offset());
            let step = rng.range(0, 3000);
            let after = if rng.range(1, 4) == 1 {
                let t = before.saturating_add(step);
                let got = c.seek(t);
                assert!(got >= t);
                got
            } else {
                c.advance()
            };
            assert_eq!(after, c.doc());
            assert!(after > before || (after == before && step == 0), "docs must increase");
            steps += 1;
            assert!(steps <= u64::from(doc_freq) * 4 + 4);
        }
        assert_eq!(c.advance(), TERMINATED);
    }

    #[test]
    fn malformed_input_never_panics() {
        let mut rng = Rng(7);
        let lists = [
            gen_list(&mut rng, 1000, 20, true, 3, true),
            gen_list(&mut rng, 300, 5000, false, 50, false),
            gen_list(&mut rng, 100, 1, true, 2, false),
        ];
        for list in &lists {
            let bytes = encode(list);
            let n = list.len() as u32;
            // Truncated.
            for cut in (0..bytes.len()).step_by(3) {
                exercise(&bytes[..cut], n, &mut rng);
            }
            // Wrong doc_freq.
            for df in [n + 1, n + 127, n + 128, n * 2, n * 100, u32::MAX, n / 2, 0] {
                exercise(&bytes, df, &mut rng);
            }
            // Flipped bytes.
            for _ in 0..2000 {
                let mut b = bytes.clone();
                for _ in 0..rng.range(1, 4) {
                    let at = rng.range(0, b.len() as u32 - 1) as usize;
                    b[at] = rng.next() as u8;
                }
                exercise(&b, n, &mut rng);
            }
        }
        // Random bytes.
        for _ in 0..3000 {
            let len = rng.range(0, 3000) as usize;
            let b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let df = rng.range(0, 400);
            exercise(&b, df, &mut rng);
        }
        // Random skip table over zero-width blocks (every block decodes; only the
        // table checks catch nonsense).
        for _ in 0..500 {
            let blocks = rng.range(1, 6) as usize;
            let mut b = Vec::new();
            for _ in 0..blocks {
                b.extend_from_slice(&(rng.next() as u32 % 2000).to_le_bytes());
                b.extend_from_slice(&(rng.range(0, 6) * 2).to_le_bytes());
                b.extend_from_slice(&(rng.next() % 600).to_le_bytes());
            }
            b.resize(b.len() + blocks * 2, 0);
            exercise(&b, (blocks * BLOCK_LEN) as u32, &mut rng);
        }
    }

    #[test]
    fn size_under_two_bytes_per_doc() {
        let mut rng = Rng(99);
        let list = gen_list(&mut rng, 100_000, 20, false, 3, false);
        let bytes = encode(&list);
        let per_doc = bytes.len() as f64 / list.len() as f64;
        assert!(per_doc < 2.0, "{per_doc} bytes/doc");
        check_scan(&bytes, &list);
        // Dense lists are almost free.
        let dense: Vec<(u32, u32)> = (0..100_000).map(|d| (d, 1)).collect();
        let dense_bytes = encode(&dense);
        assert!(dense_bytes.len() < 100_000 / 4, "{} bytes", dense_bytes.len());
        check_scan(&dense_bytes, &dense);
    }

    /// Speed check, by hand:
    /// `cargo test --release -p baokan-archive --lib postings -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn speed() {
        use std::hint::black_box;
        use std::time::Instant;
        let mut rng = Rng(1234);
        for (name, max_gap) in [("gaps 1..=20", 20), ("gaps 1..=5000", 5000), ("dense", 1)] {
            let list = gen_list(&mut rng, 1_000_000, max_gap, false, 3, false);
            let bytes = encode(&list);
            let n = list.len() as f64;
            println!("{name}: {:.3} bytes/doc", bytes.len() as f64 / n);

            let reps = 20;
            let t = Instant::now();
            let mut sum = 0u64;
            for _ in 0..reps {
                let mut c = DocCursor::new(black_box(OwnedBytes::new(bytes.clone())), list.len() as u32);
                while c.doc() != TERMINATED {
                    sum = sum.wrapping_add(u64::from(c.doc()));
                    c.advance();
                }
            }
            black_box(sum);
            println!("  advance scan: {:.2} ns/doc", t.elapsed().as_nanos() as f64 / (n * f64::from(reps)));

            let t = Instant::now();
            for _ in 0..reps {
                let mut c = DocCursor::new(black_box(OwnedBytes::new(bytes.clone())), list.len() as u32);
                while c.doc() != TERMINATED {
                    sum = sum.wrapping_add(u64::from(c.tf()) + c.position_offset());
                    c.advance();
                }
            }
            black_box(sum);
            println!("  advance+tf+offset scan: {:.2} ns/doc", t.elapsed().as_nanos() as f64 / (n * f64::from(reps)));

            for jump in [1usize, 4, 32, 1024, 100_000] {
                // Targets: every `jump`-th doc, alternately exact and just below it.
                let targets: Vec<u32> =
                    list.iter().step_by(jump).enumerate().map(|(i, &(d, _))| d - (i as u32 & 1)).collect();
                let reps = (20 * jump / 8).clamp(2, 1000);
                let t = Instant::now();
                for _ in 0..reps {
                    let mut c = DocCursor::new(black_box(OwnedBytes::new(bytes.clone())), list.len() as u32);
                    for &target in &targets {
                        sum = sum.wrapping_add(u64::from(c.seek(target)));
                    }
                }
                black_box(sum);
                println!(
                    "  seek {jump} docs ahead: {:.2} ns/seek",
                    t.elapsed().as_nanos() as f64 / (targets.len() * reps) as f64
                );
            }
        }
    }
}
