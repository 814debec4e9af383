//! Article bodies as character bigrams with positions, indexed by a tantivy
//! segment plugin of our own.
//!
//! tantivy's own postings writer looks every token up in a hash table keyed
//! by its bytes, about 200 ns a token once the table outgrows the caches:
//! with one bigram per character, that was more than half of an ingest. Here
//! a segment's tokens are appended as `(bigram, doc, position)` records and
//! sorted at the end (a stable radix sort, so documents and positions stay
//! in order), which costs a few tens of nanoseconds a token. The segment
//! file (`.bgr`) holds, per bigram, its documents with frequencies
//! ([`crate::postings`]), its positions (tantivy's position blocks) and its
//! entry in a tantivy term dictionary; then one fieldnorm byte per document
//! and a footer. Merges rewrite it with the documents renumbered as tantivy
//! stacks the segments.
//!
//! [`BigramQuery`] searches it: one bigram (BM25, tantivy's weights), an
//! exact substring of three or more characters (bigrams at fixed offsets,
//! checked by position), or one character (any bigram holding it).

use std::any::Any;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use tantivy::directory::{FileSlice, OwnedBytes, TerminatingWrite};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::positions::{PositionReader, PositionSerializer};
use tantivy::postings::TermInfo;
use tantivy::query::{
    BitSetDocSet, Bm25StatisticsProvider, Bm25Weight, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query,
    Scorer, Weight,
};
use tantivy::schema::document::ErasedDocument;
use tantivy::schema::{Field, FieldType, Schema, Value};
use tantivy::termdict::{TermDictionary, TermDictionaryBuilder};
use tantivy::{
    BitSet, DocId, DocSet, PluginMergeContext, PluginWriter, PluginWriterContext, Score, Searcher, Segment,
    SegmentPlugin, SegmentReader, TantivyDocument, TantivyError, Term, TERMINATED,
};

use crate::postings::{read_varint, write_varint, DocCursor, DocListWriter};
use crate::text::each_gram;

/// The custom field type of bigram fields.
pub(crate) const TYPE_NAME: &str = "baokan_bigrams";
/// The segment file's extension.
const EXT: &str = "bgr";
const MAGIC: u32 = 0x4247_4b42; // "BKGB"
const VERSION: u32 = 1;
const FOOTER_LEN: usize = 8 * 6 + 4 * 2;
/// Separates a document's parts in the field's value: headline, body,
/// bylines (see [`value`]).
const PART_SEPARATOR: char = '\u{1e}';

/// The value of the bigram field for a story: its headline, body and
/// bylines, separated so that no bigram or phrase spans two of them; the
/// body's place is kept, so that a search can keep to it ([`Zone::Body`]).
pub(crate) fn value(headline: &str, body: &str, bylines: &str) -> String {
    let mut v = String::with_capacity(headline.len() + body.len() + bylines.len() + 6);
    v.push_str(headline);
    v.push(PART_SEPARATOR);
    v.push_str(body);
    v.push(PART_SEPARATOR);
    v.push_str(bylines);
    v
}

/// The character range of the body in a field value (all of a value
/// without separators).
fn body_zone(text: &str) -> (u32, u32) {
    let Some(a) = text.find(PART_SEPARATOR) else { return (0, text.chars().count() as u32) };
    let start = text[..a].chars().count() + 1;
    let rest = &text[a + PART_SEPARATOR.len_utf8()..];
    let body = rest.find(PART_SEPARATOR).map_or(rest, |b| &rest[..b]);
    (start as u32, (start + body.chars().count()) as u32)
}

fn component() -> SegmentComponent {
    SegmentComponent::Custom(EXT.to_string())
}

fn err(msg: impl Into<String>) -> TantivyError {
    TantivyError::InternalError(format!("bigram index: {}", msg.into()))
}

/// The bigram field of a schema, if it has one.
pub(crate) fn field_of(schema: &Schema) -> Option<Field> {
    schema.fields().find_map(|(f, e)| match e.field_type() {
        FieldType::Custom(o) if o.type_name() == TYPE_NAME => Some(f),
        _ => None,
    })
}

/// A bigram (or a lone character) as one sortable number: the first
/// character's code point above the second's (0 for none). Sorting these
/// numbers sorts the terms' UTF-8 bytes.
fn key(a: char, b: Option<char>) -> u64 {
    ((a as u64) << 21) | b.map_or(0, |b| b as u64)
}

fn key_text(k: u64) -> Option<String> {
    let a = char::from_u32((k >> 21) as u32)?;
    let mut s = String::from(a);
    let b = (k & 0x1f_ffff) as u32;
    if b != 0 {
        s.push(char::from_u32(b)?);
    }
    Some(s)
}

/// The plugin: registered on every index the archive opens or creates.
pub(crate) struct BigramPlugin;

impl SegmentPlugin for BigramPlugin {
    fn extensions(&self) -> &[&str] {
        &[EXT]
    }

    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        Ok(Box::new(BigramWriter { field: field_of(&ctx.segment.schema()), ..BigramWriter::default() }))
    }

    fn merge(&self, ctx: PluginMergeContext) -> tantivy::Result<()> {
        merge(ctx)
    }
}

/// Bits of a token's position in [`Rec`]: positions past 4 Mi characters
/// of one article are stored as the last one (phrases that far into an
/// article of that size can be missed; its bigrams are still found).
const POS_BITS: u32 = 22;
const POS_MAX: u32 = (1 << POS_BITS) - 1;

/// One token of a segment being written: its key above its position, and
/// its document (12 bytes).
#[derive(Clone, Copy, Default)]
#[repr(C, packed(4))]
struct Rec {
    key_pos: u64,
    doc: u32,
}

impl Rec {
    fn new(key: u64, doc: DocId, pos: usize) -> Rec {
        Rec { key_pos: (key << POS_BITS) | pos.min(POS_MAX as usize) as u64, doc }
    }
    fn key(&self) -> u64 {
        self.key_pos >> POS_BITS
    }
    fn pos(&self) -> u32 {
        (self.key_pos as u32) & POS_MAX
    }
    fn doc(&self) -> DocId {
        self.doc
    }
}

/// Records are gathered this many at a time, sorted, and kept coded
/// ([`encode_run`], about a third of their size): a segment's records take
/// little memory, the sort needs a buffer of one run, and the runs are
/// merged when the segment is written.
#[cfg(not(test))]
const RUN: usize = 1 << 20;
/// (Small in tests, so that they merge runs.)
#[cfg(test)]
const RUN: usize = 64;

#[derive(Default)]
struct BigramWriter {
    field: Option<Field>,
    /// Full runs, sorted and coded.
    runs: Vec<Vec<u8>>,
    /// The run being filled.
    recs: Vec<Rec>,
    /// The sort buffer.
    scratch: Vec<Rec>,
    docs: DocTable,
    total_tokens: u64,
}

/// Per document: its fieldnorm id and the character range of its body.
#[derive(Default)]
struct DocTable {
    norms: Vec<u8>,
    zones: Vec<u32>,
}

impl DocTable {
    fn set(&mut self, doc: DocId, norm: u8, zone: (u32, u32)) {
        let d = doc as usize;
        if self.norms.len() <= d {
            self.norms.resize(d + 1, 0);
            self.zones.resize(2 * (d + 1), 0);
        }
        self.norms[d] = norm;
        self.zones[2 * d] = zone.0;
        self.zones[2 * d + 1] = zone.1;
    }

    fn push(&mut self, norm: u8, zone: (u32, u32)) {
        self.norms.push(norm);
        self.zones.extend([zone.0, zone.1]);
    }
}

impl BigramWriter {
    fn push(&mut self, r: Rec) {
        if self.recs.capacity() == 0 {
            self.recs.reserve_exact(RUN);
        }
        self.recs.push(r);
        if self.recs.len() == RUN {
            self.close_run();
        }
    }

    /// Sort and code the records gathered, and start again.
    fn close_run(&mut self) {
        radix_sort(&mut self.recs, &mut self.scratch);
        self.runs.push(encode_run(&self.recs));
        self.recs.clear();
    }
}

impl PluginWriter for BigramWriter {
    fn add_document(&mut self, doc_id: DocId, doc: &dyn ErasedDocument, _schema: &Schema) -> tantivy::Result<()> {
        let Some(field) = self.field else { return Ok(()) };
        let doc =
            doc.as_any().downcast_ref::<TantivyDocument>().ok_or_else(|| err("documents must be TantivyDocument"))?;
        let mut tokens = 0u32;
        let mut base = 0usize;
        let mut zone = None;
        for v in doc.get_all(field) {
            let Some(bytes) = v.as_custom() else { continue };
            // (Written by this crate as UTF-8; anything else is skipped.)
            let Ok(text) = std::str::from_utf8(bytes) else { continue };
            zone.get_or_insert_with(|| body_zone(text));
            let mut last = base;
            each_gram(text, |a, b, _, _, pos| {
                let p = base + pos;
                last = p;
                self.push(Rec::new(key(a, b), doc_id, p));
                tokens += 1;
            });
            base = last + 2;
        }
        self.docs.set(doc_id, FieldNormReader::fieldnorm_to_id(tokens), zone.unwrap_or((0, 0)));
        self.total_tokens += u64::from(tokens);
        Ok(())
    }

    fn serialize(
        self: Box<Self>,
        segment: &Segment,
        doc_id_map: Option<&tantivy::indexer::doc_id_mapping::DocIdMapping>,
    ) -> tantivy::Result<()> {
        if doc_id_map.is_some() {
            return Err(err("sorted indexes are not supported"));
        }
        let mut w = *self;
        let max_doc = segment.meta().max_doc();
        if max_doc > 0 && (w.docs.norms.len() as u32) < max_doc {
            w.docs.set(max_doc - 1, 0, (0, 0));
        }
        if !w.recs.is_empty() {
            w.close_run();
        }
        let BigramWriter { runs, docs, total_tokens, .. } = w;
        let mut out = SegmentOut::new(total_tokens as usize)?;
        let mut positions: Vec<u32> = Vec::new();
        let mut group: Vec<(DocId, u32)> = Vec::new();
        // Merge the runs: a heap of run heads by (key, run), and each key's
        // records taken run by run, which keeps documents and positions in
        // order (runs were filled in document order).
        let mut readers: Vec<RunReader> = runs.iter().map(|r| RunReader::new(r)).collect();
        let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(u64, usize)>> = readers
            .iter_mut()
            .enumerate()
            .filter_map(|(i, r)| r.next_group().map(|k| std::cmp::Reverse((k, i))))
            .collect();
        let mut ready: Vec<usize> = Vec::new();
        while let Some(std::cmp::Reverse((k, first))) = heap.pop() {
            ready.clear();
            ready.push(first);
            while let Some(std::cmp::Reverse((k2, i))) = heap.peek().copied() {
                if k2 != k {
                    break;
                }
                heap.pop();
                ready.push(i);
            }
            ready.sort_unstable();
            group.clear();
            for &i in &ready {
                readers[i].read_group(&mut group);
                if let Some(next) = readers[i].next_group() {
                    heap.push(std::cmp::Reverse((next, i)));
                }
            }
            out.start_term();
            let mut d = 0;
            while d < group.len() {
                let doc = group[d].0;
                positions.clear();
                let mut prev = 0u32;
                while d < group.len() && group[d].0 == doc {
                    positions.push(group[d].1.wrapping_sub(prev));
                    prev = group[d].1;
                    d += 1;
                }
                out.push_doc(doc, &positions);
            }
            let text = key_text(k).ok_or_else(|| err("bad key"))?;
            out.finish_term(text.as_bytes())?;
        }
        drop(runs);
        out.write(segment, &docs, total_tokens)
    }

    fn mem_usage(&self) -> usize {
        let runs: usize = self.runs.iter().map(Vec::capacity).sum();
        runs + (self.recs.capacity() + self.scratch.capacity()) * std::mem::size_of::<Rec>()
            + self.docs.norms.capacity()
            + self.docs.zones.capacity() * 4
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A sorted run, coded: for each key, its distance from the previous key
/// and its number of records, then per record the document (the distance
/// from the previous one of the key) and the position (the distance from
/// the previous one in the same document).
fn encode_run(recs: &[Rec]) -> Vec<u8> {
    let mut out = Vec::with_capacity(recs.len() * 4);
    let mut prev_key = 0u64;
    let mut i = 0;
    while i < recs.len() {
        let k = recs[i].key();
        let mut j = i;
        while j < recs.len() && recs[j].key() == k {
            j += 1;
        }
        write_varint(&mut out, k - prev_key);
        write_varint(&mut out, (j - i) as u64);
        let (mut doc, mut pos) = (0u32, 0u32);
        for (n, r) in recs[i..j].iter().enumerate() {
            let same = n > 0 && r.doc() == doc;
            write_varint(&mut out, u64::from(r.doc() - if n > 0 { doc } else { 0 }));
            write_varint(&mut out, u64::from(r.pos() - if same { pos } else { 0 }));
            (doc, pos) = (r.doc(), r.pos());
        }
        prev_key = k;
        i = j;
    }
    out
}

/// Reads a run coded by [`encode_run`], key by key.
struct RunReader<'a> {
    rest: &'a [u8],
    key: u64,
    left: u64,
}

impl<'a> RunReader<'a> {
    fn new(data: &'a [u8]) -> Self {
        RunReader { rest: data, key: 0, left: 0 }
    }

    fn varint(&mut self) -> u64 {
        read_varint(&mut self.rest).unwrap_or(0)
    }

    /// The next key, once the current one's records are read.
    fn next_group(&mut self) -> Option<u64> {
        if self.rest.is_empty() {
            return None;
        }
        self.key += self.varint();
        self.left = self.varint();
        Some(self.key)
    }

    /// The current key's records, (document, position), appended to `out`.
    fn read_group(&mut self, out: &mut Vec<(DocId, u32)>) {
        let (mut doc, mut pos) = (0u32, 0u32);
        for n in 0..self.left {
            let d = self.varint() as u32;
            let p = self.varint() as u32;
            let next_doc = if n > 0 { doc.wrapping_add(d) } else { d };
            pos = if n > 0 && d == 0 { pos.wrapping_add(p) } else { p };
            doc = next_doc;
            out.push((doc, pos));
        }
        self.left = 0;
    }
}

/// Stable LSD radix sort of records by key, 11 bits a pass; passes whose
/// digit is the same for every record are skipped. When both characters of
/// every bigram are in the Basic Multilingual Plane (nearly always), the
/// keys are sorted as 32 bits (`a << 16 | b`, the same order): 3 passes
/// instead of 4.
fn radix_sort(recs: &mut Vec<Rec>, tmp: &mut Vec<Rec>) {
    let (max, any) = recs.iter().fold((0, 0), |(m, o), r| (m.max(r.key()), o | r.key()));
    if max < 1 << 37 && any & (0x1f << 16) == 0 {
        radix_sort_by(recs, tmp, |k| ((k >> 21) << 16) | (k & 0xffff));
    } else {
        radix_sort_by(recs, tmp, |k| k);
    }
}

fn radix_sort_by(recs: &mut Vec<Rec>, tmp: &mut Vec<Rec>, order: impl Fn(u64) -> u64) {
    if recs.len() < 2 {
        return;
    }
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let max = recs.iter().map(|r| order(r.key())).max().unwrap_or(0);
    let passes = (64 - max.leading_zeros()).div_ceil(BITS);
    if tmp.len() != recs.len() {
        // (A run's buffer after the first: already the right length.)
        tmp.clear();
        tmp.resize(recs.len(), Rec::default());
    }
    // Every pass's counts in one read of the records.
    let mut counts = vec![0usize; BUCKETS * passes as usize];
    for r in recs.iter() {
        let k = order(r.key());
        for (pass, c) in counts.chunks_exact_mut(BUCKETS).enumerate() {
            c[((k >> (pass as u32 * BITS)) as usize) & (BUCKETS - 1)] += 1;
        }
    }
    for (pass, counts) in counts.chunks_exact_mut(BUCKETS).enumerate() {
        let shift = pass as u32 * BITS;
        if counts.contains(&recs.len()) {
            continue;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for r in recs.iter() {
            let b = ((order(r.key()) >> shift) as usize) & (BUCKETS - 1);
            tmp[counts[b]] = *r;
            counts[b] += 1;
        }
        std::mem::swap(recs, tmp);
    }
}

/// A writer into a buffer that stays reachable ([`PositionSerializer`]
/// keeps its writer).
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The parts of a segment file being written.
struct SegmentOut {
    docs: Vec<u8>,
    doc_list: DocListWriter,
    positions_buf: Shared,
    positions: PositionSerializer<Shared>,
    terms: TermDictionaryBuilder<Vec<u8>>,
    term_start: (usize, u64),
}

impl SegmentOut {
    /// For about `tokens` tokens: the buffers are made big enough at once
    /// (growing them would copy them, into fresh memory each time).
    fn new(tokens: usize) -> tantivy::Result<SegmentOut> {
        let positions_buf = Shared(std::rc::Rc::new(std::cell::RefCell::new(Vec::with_capacity(tokens * 3 / 2))));
        Ok(SegmentOut {
            docs: Vec::with_capacity(tokens),
            doc_list: DocListWriter::new(),
            positions: PositionSerializer::new(positions_buf.clone()),
            positions_buf,
            terms: TermDictionaryBuilder::create(Vec::new())?,
            term_start: (0, 0),
        })
    }

    fn start_term(&mut self) {
        self.term_start = (self.docs.len(), self.positions.written_bytes());
    }

    /// One document of the current term, with its position deltas.
    fn push_doc(&mut self, doc: DocId, deltas: &[u32]) {
        self.doc_list.push(doc, deltas.len() as u32);
        self.positions.write_positions_delta(deltas);
    }

    fn finish_term(&mut self, text: &[u8]) -> tantivy::Result<()> {
        let doc_freq = self.doc_list.len();
        if doc_freq == 0 {
            return Ok(());
        }
        self.doc_list.finish(&mut self.docs);
        self.positions.close_term()?;
        let info = TermInfo {
            doc_freq,
            postings_range: self.term_start.0..self.docs.len(),
            positions_range: self.term_start.1 as usize..self.positions.written_bytes() as usize,
        };
        self.terms.insert(text, &info)?;
        Ok(())
    }

    /// The file: documents, positions, terms, fieldnorms, body zones, footer.
    fn write(self, segment: &Segment, table: &DocTable, total_tokens: u64) -> tantivy::Result<()> {
        let norms = &table.norms;
        let zones: Vec<u8> = table.zones.iter().flat_map(|z| z.to_le_bytes()).collect();
        let SegmentOut { docs, positions, positions_buf, terms, .. } = self;
        positions.close()?;
        let positions = positions_buf.0.take();
        let terms = terms.finish()?;
        let mut w = segment.open_write(component())?;
        w.write_all(&docs)?;
        w.write_all(&positions)?;
        w.write_all(&terms)?;
        w.write_all(norms)?;
        w.write_all(&zones)?;
        let lens = [docs.len(), positions.len(), terms.len(), norms.len(), zones.len()];
        for n in lens.map(|l| l as u64).into_iter().chain([total_tokens]) {
            w.write_all(&n.to_le_bytes())?;
        }
        w.write_all(&VERSION.to_le_bytes())?;
        w.write_all(&MAGIC.to_le_bytes())?;
        w.terminate()?;
        Ok(())
    }
}

/// One segment's bigram file, opened.
pub(crate) struct BigramSegment {
    docs: OwnedBytes,
    positions: OwnedBytes,
    terms: TermDictionary,
    norms: OwnedBytes,
    zones: OwnedBytes,
    total_tokens: u64,
}

impl BigramSegment {
    fn open(reader: &SegmentReader) -> tantivy::Result<BigramSegment> {
        let file = reader.open_read(component())?;
        let bytes = file.read_bytes()?;
        let n = bytes.len();
        if n < FOOTER_LEN {
            return Err(err("file too short"));
        }
        let f = &bytes.as_slice()[n - FOOTER_LEN..];
        let word = |i: usize| u64::from_le_bytes(f[i * 8..i * 8 + 8].try_into().unwrap_or([0; 8]));
        let half = |i: usize| u32::from_le_bytes(f[48 + i * 4..52 + i * 4].try_into().unwrap_or([0; 4]));
        if half(1) != MAGIC || half(0) != VERSION {
            return Err(err("not a bigram file of this version"));
        }
        let lens = [word(0), word(1), word(2), word(3), word(4)];
        let mut ends = [0usize; 5];
        let mut at = 0u64;
        for (i, l) in lens.iter().enumerate() {
            at = at.checked_add(*l).ok_or_else(|| err("bad section length"))?;
            ends[i] = at as usize;
        }
        if at != (n - FOOTER_LEN) as u64 || lens[4] != 8 * lens[3] {
            return Err(err(format!("section lengths do not add up: {lens:?}, {} bytes", n - FOOTER_LEN)));
        }
        Ok(BigramSegment {
            docs: bytes.slice(0..ends[0]),
            positions: bytes.slice(ends[0]..ends[1]),
            terms: TermDictionary::open(FileSlice::new(Arc::new(bytes.slice(ends[1]..ends[2]))))?,
            norms: bytes.slice(ends[2]..ends[3]),
            zones: bytes.slice(ends[3]..ends[4]),
            total_tokens: word(5),
        })
    }

    fn term(&self, text: &str) -> tantivy::Result<Option<TermInfo>> {
        Ok(self.terms.get(text.as_bytes())?)
    }

    fn cursor(&self, info: &TermInfo) -> DocCursor {
        let r = &info.postings_range;
        let bytes =
            if r.start <= r.end && r.end <= self.docs.len() { self.docs.slice(r.clone()) } else { OwnedBytes::empty() };
        DocCursor::new(bytes, info.doc_freq)
    }

    fn position_reader(&self, info: &TermInfo) -> tantivy::Result<PositionReader> {
        if info.positions_range.end > self.positions.len() || info.positions_range.start > info.positions_range.end {
            return Err(err("positions out of range"));
        }
        Ok(PositionReader::open(self.positions.slice(info.positions_range.clone()))?)
    }

    fn norm(&self, doc: DocId) -> u8 {
        self.norms.as_slice().get(doc as usize).copied().unwrap_or(0)
    }

    /// The character range of a document's body.
    fn zone(&self, doc: DocId) -> (u32, u32) {
        let at = doc as usize * 8;
        let z = self.zones.as_slice();
        match (z.get(at..at + 4), z.get(at + 4..at + 8)) {
            (Some(a), Some(b)) => {
                (u32::from_le_bytes(a.try_into().unwrap_or([0; 4])), u32::from_le_bytes(b.try_into().unwrap_or([0; 4])))
            }
            _ => (0, 0),
        }
    }
}

/// Opened bigram files by segment, shared by an archive's searches.
#[derive(Default)]
pub(crate) struct SegmentCache(Mutex<HashMap<SegmentId, Arc<BigramSegment>>>);

impl SegmentCache {
    /// The bigram file of a segment, opened once.
    pub(crate) fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<BigramSegment>> {
        let id = reader.segment_id();
        if let Some(s) = self.0.lock().map_err(|_| err("cache poisoned"))?.get(&id) {
            return Ok(s.clone());
        }
        let s = Arc::new(BigramSegment::open(reader)?);
        self.0.lock().map_err(|_| err("cache poisoned"))?.insert(id, s.clone());
        Ok(s)
    }

    /// Forget segments that the searcher no longer has.
    pub(crate) fn retain(&self, searcher: &Searcher) {
        let live: std::collections::HashSet<SegmentId> =
            searcher.segment_readers().iter().map(SegmentReader::segment_id).collect();
        if let Ok(mut m) = self.0.lock() {
            m.retain(|id, _| live.contains(id));
        }
    }
}

/// Merge the bigram files of segments as tantivy stacks them: the alive
/// documents of each segment in turn.
fn merge(ctx: PluginMergeContext) -> tantivy::Result<()> {
    use tantivy::indexer::doc_id_mapping::MappingType;
    if ctx.doc_id_mapping.mapping_type() == MappingType::Shuffled {
        return Err(err("sorted indexes are not supported"));
    }
    let mut segs = Vec::with_capacity(ctx.readers.len());
    let mut maps: Vec<Vec<u32>> = Vec::with_capacity(ctx.readers.len());
    let mut table = DocTable::default();
    let mut total_tokens = 0u64;
    for r in ctx.readers {
        let s = BigramSegment::open(r)?;
        let mut map = vec![TERMINATED; r.max_doc() as usize];
        for d in r.doc_ids_alive() {
            if let Some(m) = map.get_mut(d as usize) {
                *m = table.norms.len() as u32;
                table.push(s.norm(d), s.zone(d));
            }
        }
        total_tokens += s.total_tokens;
        maps.push(map);
        segs.push(s);
    }
    let mut out = SegmentOut::new(total_tokens as usize)?;
    let mut streams: Vec<_> = segs.iter().map(|s| s.terms.stream()).collect::<Result<_, _>>()?;
    let mut heads: Vec<Option<(Vec<u8>, TermInfo)>> = streams
        .iter_mut()
        .map(|st| if st.advance() { Some((st.key().to_vec(), st.value().clone())) } else { None })
        .collect();
    let mut pos_buf: Vec<u32> = Vec::new();
    while let Some(min) = heads.iter().flatten().map(|(k, _)| k).min().cloned() {
        out.start_term();
        for (si, head) in heads.iter_mut().enumerate() {
            let Some((k, info)) = head else { continue };
            if *k != min {
                continue;
            }
            let seg = &segs[si];
            let mut cur = seg.cursor(info);
            let mut pr = seg.position_reader(info)?;
            while cur.doc() != TERMINATED {
                let tf = cur.tf() as usize;
                let new = maps[si].get(cur.doc() as usize).copied().unwrap_or(TERMINATED);
                if new != TERMINATED {
                    pos_buf.resize(tf, 0);
                    pr.read(cur.position_offset(), &mut pos_buf);
                    out.push_doc(new, &pos_buf);
                }
                cur.advance();
            }
            *head = if streams[si].advance() {
                Some((streams[si].key().to_vec(), streams[si].value().clone()))
            } else {
                None
            };
        }
        out.finish_term(&min)?;
    }
    out.write(ctx.target_segment, &table, total_tokens)
}

/// What a [`BigramQuery`] matches.
#[derive(Clone, Debug)]
pub(crate) enum Pattern {
    /// Any bigram holding this character, or the character alone.
    Char(char),
    /// Bigrams (or one lone character) at offsets from the start of a match.
    Grams(Vec<(u32, String)>),
}

impl Pattern {
    /// How many characters a match spans.
    fn len(&self) -> u32 {
        match self {
            Pattern::Char(_) => 1,
            Pattern::Grams(g) => g.last().map_or(0, |(o, t)| o + t.chars().count() as u32),
        }
    }

    /// An exact substring of folded text: its bigrams at every other
    /// position and the last one, which pin every character at its offset.
    pub(crate) fn substring(run: &str) -> Pattern {
        let cs: Vec<char> = run.chars().collect();
        match cs.len() {
            0 => Pattern::Grams(Vec::new()),
            1 => Pattern::Char(cs[0]),
            n => {
                let gram = |i: usize| (i as u32, cs[i..i + 2].iter().collect::<String>());
                let mut g: Vec<(u32, String)> = (0..n - 1).step_by(2).map(gram).collect();
                if n % 2 == 1 {
                    g.push(gram(n - 2));
                }
                Pattern::Grams(g)
            }
        }
    }
}

/// Where in a document a [`BigramQuery`] looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zone {
    /// Anywhere: headline, body or bylines.
    All,
    /// The body only.
    Body,
}

/// A search of the bigram field.
#[derive(Clone)]
pub(crate) struct BigramQuery {
    field: Field,
    pattern: Pattern,
    zone: Zone,
    cache: Arc<SegmentCache>,
}

impl std::fmt::Debug for BigramQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BigramQuery({:?} in {:?})", self.pattern, self.zone)
    }
}

impl BigramQuery {
    pub(crate) fn new(field: Field, pattern: Pattern, zone: Zone, cache: Arc<SegmentCache>) -> Self {
        BigramQuery { field, pattern, zone, cache }
    }
}

/// BM25 statistics of the bigram field over a searcher's segments, from
/// the term infos of a search's bigrams in each segment.
struct Stats {
    total_tokens: u64,
    total_docs: u64,
    /// Documents holding each bigram, by its text.
    doc_freq: HashMap<String, u64>,
}

impl Bm25StatisticsProvider for Stats {
    fn total_num_tokens(&self, _field: Field) -> tantivy::Result<u64> {
        Ok(self.total_tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.total_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let value = term.value();
        Ok(value.as_str().and_then(|t| self.doc_freq.get(t)).copied().unwrap_or(0))
    }
}

/// The term infos of a search's bigrams in each segment (looked up once,
/// for the statistics, and used again by the scorers).
type Infos = HashMap<SegmentId, Vec<Option<TermInfo>>>;

impl Query for BigramQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut infos = Infos::new();
        let bm25 = match (&self.pattern, scoring.searcher()) {
            (Pattern::Grams(g), Some(searcher)) if scoring.is_scoring_enabled() && !g.is_empty() => {
                let mut stats = Stats { total_tokens: 0, total_docs: 0, doc_freq: HashMap::new() };
                for r in searcher.segment_readers() {
                    let seg = self.cache.get(r)?;
                    stats.total_tokens += seg.total_tokens;
                    stats.total_docs += u64::from(r.max_doc());
                    let mut v = Vec::with_capacity(g.len());
                    for (i, (_, text)) in g.iter().enumerate() {
                        let info = seg.term(text)?;
                        // (A bigram repeated in a phrase counts once.)
                        if !g[..i].iter().any(|(_, t)| t == text) {
                            let n = info.as_ref().map_or(0, |i| u64::from(i.doc_freq));
                            *stats.doc_freq.entry(text.clone()).or_default() += n;
                        }
                        v.push(info);
                    }
                    infos.insert(r.segment_id(), v);
                }
                let terms: Vec<Term> = g.iter().map(|(_, t)| Term::from_field_text(self.field, t)).collect();
                Some(Bm25Weight::for_terms(&stats, &terms)?)
            }
            _ => None,
        };
        Ok(Box::new(BigramWeight {
            pattern: self.pattern.clone(),
            zone: self.zone,
            cache: self.cache.clone(),
            bm25,
            infos,
        }))
    }
}

struct BigramWeight {
    pattern: Pattern,
    zone: Zone,
    cache: Arc<SegmentCache>,
    bm25: Option<Bm25Weight>,
    infos: Infos,
}

impl Weight for BigramWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let seg = self.cache.get(reader)?;
        let grams = match &self.pattern {
            Pattern::Char(c) => return Ok(Box::new(char_scorer(&seg, *c, self.zone, reader.max_doc(), boost)?)),
            Pattern::Grams(g) => g,
        };
        let known = self.infos.get(&reader.segment_id());
        let mut parts = Vec::with_capacity(grams.len());
        for (i, (offset, text)) in grams.iter().enumerate() {
            let info = match known.and_then(|k| k.get(i)) {
                Some(info) => info.clone(),
                None => seg.term(text)?,
            };
            let Some(info) = info else { return Ok(Box::new(EmptyScorer)) };
            parts.push(Part {
                offset: *offset,
                cursor: seg.cursor(&info),
                positions: if grams.len() > 1 || self.zone == Zone::Body {
                    Some(seg.position_reader(&info)?)
                } else {
                    None
                },
                starts: Vec::new(),
            });
        }
        if parts.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        parts.sort_by_key(|p| p.cursor.len());
        let bm25 = self.bm25.as_ref().map(|w| w.boost_by(boost));
        let zone = (self.zone == Zone::Body).then(|| self.pattern.len());
        let mut s = GramScorer { parts, seg, bm25, doc: TERMINATED, freq: 0, zone, hits: Vec::new() };
        let first = s.parts[0].cursor.doc();
        s.find(first);
        Ok(Box::new(s))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document #{doc} does not match")));
        }
        Ok(Explanation::new("bigram BM25", s.score()))
    }
}

/// Documents holding a character: in any bigram, or alone (in the body
/// only, for [`Zone::Body`]).
fn char_scorer(
    seg: &BigramSegment,
    c: char,
    zone: Zone,
    max_doc: DocId,
    boost: Score,
) -> tantivy::Result<ConstScorer<BitSetDocSet>> {
    let mut docs = BitSet::with_max_value(max_doc.max(1));
    let mut stream = seg.terms.stream()?;
    let mut buf: Vec<u32> = Vec::new();
    while stream.advance() {
        let Ok(text) = std::str::from_utf8(stream.key()) else { continue };
        // Where the character is in the term (0, 1 or both).
        let at: Vec<u32> = text.chars().enumerate().filter(|&(_, x)| x == c).map(|(i, _)| i as u32).collect();
        if at.is_empty() {
            continue;
        }
        let mut cur = seg.cursor(stream.value());
        let mut positions = match zone {
            Zone::Body => Some(seg.position_reader(stream.value())?),
            Zone::All => None,
        };
        while cur.doc() != TERMINATED {
            let d = cur.doc();
            let inside = match positions.as_mut() {
                None => true,
                Some(pr) => {
                    let (from, to) = seg.zone(d);
                    buf.resize(cur.tf() as usize, 0);
                    pr.read(cur.position_offset(), &mut buf);
                    let mut p = 0u32;
                    buf.iter().any(|delta| {
                        p = p.wrapping_add(*delta);
                        at.iter().any(|a| (from..to).contains(&(p + a)))
                    })
                }
            };
            if inside && d < max_doc {
                docs.insert(d);
            }
            cur.advance();
        }
    }
    Ok(ConstScorer::new(BitSetDocSet::from(docs), boost))
}

/// One bigram of a search, in one segment.
struct Part {
    offset: u32,
    cursor: DocCursor,
    positions: Option<PositionReader>,
    /// Where matches would start, by this bigram's positions in the
    /// current document.
    starts: Vec<u32>,
}

impl Part {
    fn load_starts(&mut self) {
        let Some(pr) = self.positions.as_mut() else { return };
        let tf = self.cursor.tf() as usize;
        self.starts.resize(tf, 0);
        pr.read(self.cursor.position_offset(), &mut self.starts);
        // Absolute positions, then where a match holding this one would
        // start; a bigram nearer the start than its offset starts none.
        let mut at = 0u32;
        let mut kept = 0;
        for i in 0..tf {
            at = at.wrapping_add(self.starts[i]);
            if let Some(start) = at.checked_sub(self.offset) {
                self.starts[kept] = start;
                kept += 1;
            }
        }
        self.starts.truncate(kept);
    }
}

/// Documents with every bigram of a search at its offset (one bigram: the
/// documents holding it), scored by BM25 on the number of matches.
struct GramScorer {
    parts: Vec<Part>,
    seg: Arc<BigramSegment>,
    bm25: Option<Bm25Weight>,
    doc: DocId,
    freq: u32,
    /// For a search of the body only: the length of a match.
    zone: Option<u32>,
    /// Where matches start in the current document.
    hits: Vec<u32>,
}

impl GramScorer {
    /// From the rarest bigram's document `target`, the first document where
    /// every bigram is, at its offset.
    fn find(&mut self, mut target: DocId) -> DocId {
        'outer: loop {
            if target == TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            for i in 1..self.parts.len() {
                let d = self.parts[i].cursor.seek(target);
                if d != target {
                    target = self.parts[0].cursor.seek(d);
                    continue 'outer;
                }
            }
            let freq = self.matches();
            if freq > 0 {
                self.doc = target;
                self.freq = freq;
                return target;
            }
            target = self.parts[0].cursor.advance();
        }
    }

    /// How many times the bigrams stand at their offsets in the current
    /// document (every bigram is in it).
    fn matches(&mut self) -> u32 {
        let Some(len) = self.zone else {
            if self.parts.len() == 1 {
                return self.parts[0].cursor.tf();
            }
            self.find_hits();
            return self.hits.len() as u32;
        };
        self.find_hits();
        let (from, to) = self.seg.zone(self.doc_candidate());
        self.hits.iter().filter(|&&s| s >= from && s + len <= to).count() as u32
    }

    /// The document all parts are on.
    fn doc_candidate(&self) -> DocId {
        self.parts[0].cursor.doc()
    }

    /// Where every bigram stands at its offset in the current document.
    fn find_hits(&mut self) {
        for p in self.parts.iter_mut() {
            p.load_starts();
        }
        self.hits.clear();
        let (first, rest) = self.parts.split_at(1);
        let mut idx = vec![0usize; rest.len()];
        'start: for &s in &first[0].starts {
            for (k, p) in rest.iter().enumerate() {
                while idx[k] < p.starts.len() && p.starts[idx[k]] < s {
                    idx[k] += 1;
                }
                if idx[k] >= p.starts.len() {
                    break 'start;
                }
                if p.starts[idx[k]] != s {
                    continue 'start;
                }
            }
            self.hits.push(s);
        }
    }
}

impl DocSet for GramScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let t = self.parts[0].cursor.advance();
        self.find(t)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc == TERMINATED || target <= self.doc {
            return self.doc;
        }
        let t = self.parts[0].cursor.seek(target);
        self.find(t)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts[0].cursor.len()
    }
}

impl Scorer for GramScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.seg.norm(self.doc), self.freq),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, DocSetCollector};
    use tantivy::schema::{STORED, STRING};
    use tantivy::{Index, IndexWriter};

    use super::*;
    use crate::text::fold;

    fn rng(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn radix_sort_is_a_stable_sort_by_key() {
        // Characters of the Basic Multilingual Plane only (keys sorted as 32
        // bits), then with characters beyond it (as 42 bits).
        let bmp = ['a', 'z', '0', 'é', '中', '国', '翿', '老', '\u{3000}', 'Ａ', '\u{ffef}'];
        let wide = ['a', '中', '\u{ffef}', '𠀀', '𪚥', '\u{10fffd}'];
        for pool in [&bmp[..], &wide[..]] {
            let mut seed = 7u64;
            let mut recs: Vec<Rec> = (0..20_000)
                .map(|i| {
                    let a = pool[rng(&mut seed) as usize % pool.len()];
                    let b = (!rng(&mut seed).is_multiple_of(3)).then(|| pool[rng(&mut seed) as usize % pool.len()]);
                    Rec::new(key(a, b), i / 10, (i % 10) as usize)
                })
                .collect();
            let mut want = recs.clone();
            want.sort_by_key(Rec::key);
            radix_sort(&mut recs, &mut Vec::new());
            let triple = |r: &Rec| (r.key(), r.doc(), r.pos());
            assert_eq!(recs.iter().map(triple).collect::<Vec<_>>(), want.iter().map(triple).collect::<Vec<_>>());
        }
    }

    #[test]
    fn key_order_is_the_order_of_term_bytes() {
        let cs = ['a', 'z', '0', 'é', '中', '国', '𠀀', '\u{ffff}'];
        let mut keys = Vec::new();
        for &a in &cs {
            keys.push(key(a, None));
            for &b in &cs {
                keys.push(key(a, Some(b)));
            }
        }
        let mut by_key = keys.clone();
        by_key.sort();
        let mut by_text = keys.clone();
        by_text.sort_by_key(|k| key_text(*k).unwrap().into_bytes());
        assert_eq!(by_key, by_text);
    }

    const TEXTS: &[&str] = &[
        "中国农业发展银行发放贷款，支持农业生产。",
        "处理待处理的问题：农业农村部门负责。",
        "银行 A 股上涨；中国银行、农业银行。",
        "常态化疫情防控不放松，常态化管理。",
        "农",
        "",
        "发展发展再发展，发展中国家。",
        "ＡＢＣ全角字母和abc半角字母",
    ];

    fn index_with(segments: &[&[usize]], deleted: &[usize]) -> (Index, Field, Field) {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let body = b.add_custom_field("body_g", TYPE_NAME, serde_json::json!({}));
        let index = Index::builder().schema(b.build()).register_plugin(Arc::new(BigramPlugin)).create_in_ram().unwrap();
        let mut w: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        w.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for seg in segments {
            for &i in *seg {
                let mut d = TantivyDocument::new();
                d.add_text(id, i.to_string());
                d.add_custom(body, TEXTS[i].as_bytes());
                w.add_document(d).unwrap();
            }
            w.commit().unwrap();
        }
        for &i in deleted {
            w.delete_term(Term::from_field_text(id, &i.to_string()));
        }
        w.commit().unwrap();
        (index, id, body)
    }

    fn found(index: &Index, id: Field, body: Field, needle: &str) -> Vec<usize> {
        let searcher = index.reader().unwrap().searcher();
        let q = BigramQuery::new(body, Pattern::substring(&fold(needle)), Zone::All, Arc::default());
        let docs = searcher.search(&q, &DocSetCollector).unwrap();
        let n = searcher.search(&q, &Count).unwrap();
        assert_eq!(n, docs.len());
        let mut v: Vec<usize> = docs
            .into_iter()
            .map(|a| {
                let d: TantivyDocument = searcher.doc(a).unwrap();
                d.get_first(id).and_then(|v| v.as_str()).unwrap().parse().unwrap()
            })
            .collect();
        v.sort();
        v
    }

    fn expected(docs: &[usize], needle: &str) -> Vec<usize> {
        let mut v: Vec<usize> = docs.iter().copied().filter(|&i| fold(TEXTS[i]).contains(&fold(needle))).collect();
        v.sort();
        v
    }

    const NEEDLES: &[&str] = &[
        "农",
        "农业",
        "中国",
        "发展",
        "发展发展",
        "展发",
        "常态化疫情防控",
        "常态化管理",
        "待处理",
        "处理的问",
        "银行",
        "abc",
        "ABC",
        "字母和a",
        "不存在",
        "农业发展银",
        "国农业发",
        "家。",
        "处理待处理",
        "理待处理的",
    ];

    #[test]
    fn searches_find_exactly_the_substrings_before_and_after_merging() {
        let all: Vec<usize> = (0..TEXTS.len()).collect();
        let segments: [&[usize]; 3] = [&[0, 1, 2], &[3, 4, 5], &[6, 7]];
        let deleted = [1usize, 6];
        let (index, id, body) = index_with(&segments, &deleted);
        let alive: Vec<usize> = all.iter().copied().filter(|i| !deleted.contains(i)).collect();
        for n in NEEDLES {
            assert_eq!(found(&index, id, body, n), expected(&alive, n), "{n} before merging");
        }
        let ids = index.searchable_segment_ids().unwrap();
        assert_eq!(ids.len(), 3);
        let mut w: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        w.merge(&ids).wait().unwrap();
        w.wait_merging_threads().unwrap();
        assert_eq!(index.searchable_segment_ids().unwrap().len(), 1);
        for n in NEEDLES {
            assert_eq!(found(&index, id, body, n), expected(&alive, n), "{n} after merging");
        }
    }

    #[test]
    fn more_matches_score_higher() {
        let (index, id, body) = index_with(&[&[0, 6, 1]], &[]);
        let searcher = index.reader().unwrap().searcher();
        let q = BigramQuery::new(body, Pattern::substring("发展"), Zone::All, Arc::default());
        let top = searcher.search(&q, &tantivy::collector::TopDocs::with_limit(3).order_by_score()).unwrap();
        let d: TantivyDocument = searcher.doc(top[0].1).unwrap();
        assert_eq!(d.get_first(id).and_then(|v| v.as_str()), Some("6"));
        assert_eq!(top.len(), 2);
        assert!(top[0].0 > top[1].0);
    }

    #[test]
    fn a_body_search_keeps_to_the_body() {
        let mut b = Schema::builder();
        let body = b.add_custom_field("body_g", TYPE_NAME, serde_json::json!({}));
        let index = Index::builder().schema(b.build()).register_plugin(Arc::new(BigramPlugin)).create_in_ram().unwrap();
        let mut w: IndexWriter = index.writer_with_num_threads(1, 20_000_000).unwrap();
        for (h, t, by) in [("农业银行", "今天天气好", "记者 农业"), ("", "农业发展", ""), ("发展", "无关", "")]
        {
            let mut d = TantivyDocument::new();
            d.add_custom(body, value(h, t, by).as_bytes());
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let docs = |needle: &str, zone| {
            let q = BigramQuery::new(body, Pattern::substring(needle), zone, Arc::default());
            let mut v: Vec<u32> =
                searcher.search(&q, &DocSetCollector).unwrap().into_iter().map(|a| a.doc_id).collect();
            v.sort();
            assert_eq!(searcher.search(&q, &Count).unwrap(), v.len());
            v
        };
        assert_eq!(docs("农业", Zone::All), [0, 1]);
        assert_eq!(docs("农业", Zone::Body), [1]);
        assert_eq!(docs("农", Zone::All), [0, 1]);
        assert_eq!(docs("农", Zone::Body), [1]);
        assert_eq!(docs("业发展", Zone::Body), [1]);
        assert_eq!(docs("发展", Zone::All), [1, 2]);
        assert_eq!(docs("发展", Zone::Body), [1]);
        assert_eq!(docs("天气", Zone::Body), [0]);
        // No match runs from one part into the next.
        assert!(docs("银行今天", Zone::All).is_empty());
        assert!(docs("行今", Zone::All).is_empty());
    }
}
