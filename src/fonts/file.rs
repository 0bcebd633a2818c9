//! A font file read in part.
//!
//! A CJK font is nearly all glyph outlines: `glyf` is 5.4 of FandolFang's 5.6 MB and 96 % of
//! the five fonts gongwen loads (20.8 MB). Layout needs none of them (metrics, `cmap`,
//! `GSUB`/`GPOS` are elsewhere), and a report draws a few hundred glyphs. So a file is read
//! without its outlines, into a buffer of the file's length whose `glyf` bytes stay zero and
//! untouched; the outlines a subset or a picture needs are read glyph by glyph. The buffer is
//! anonymous memory from the system, whose pages cost nothing until written (a `vec![0; n]`
//! came from the allocator's heap and was cleared byte by byte: 16.5 M instructions a run).
//!
//! The file is read, not memory-mapped: a mapped font truncated by another program while a
//! batch ran killed the whole process with SIGBUS; a read of a changed file is an error for
//! one report. Reading the whole fonts instead cost 14–19 ms per process.

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::borrow::Cow;

use memmap2::MmapMut;
use rustybuzz::ttf_parser::{self, GlyphId, Tag};

/// A font file's bytes, all but the outlines read.
pub struct FontFile {
    /// The file's bytes, as long as the file; the outlines zero when `outlines` is set.
    data: MmapMut,
    /// The face's version tag (`0x00010000` or `OTTO`).
    version: [u8; 4],
    /// The face's tables: tag and range in `data`.
    tables: Vec<([u8; 4], Range<usize>)>,
    /// Where the outlines left unread are, when some are.
    outlines: Option<Unread>,
}

/// The `glyf` table left unread.
struct Unread {
    /// The file, read again for outlines.
    path: PathBuf,
    /// The table's range in the file.
    glyf: Range<usize>,
}

impl std::ops::Deref for FontFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.data
    }
}

impl FontFile {
    /// Bytes from elsewhere (an installed font handed over in memory), all there.
    pub fn whole(bytes: &[u8]) -> io::Result<Self> {
        let mut data = zeroed(bytes.len())?;
        data.copy_from_slice(bytes);
        Ok(FontFile { data, version: [0; 4], tables: Vec::new(), outlines: None })
    }

    /// Reads the face `index` of the font file at `path`: its table directory and every
    /// table but `glyf` (a collection's other faces are not read).
    pub fn read(path: &Path, index: u32) -> io::Result<Self> {
        let mut file = File::open(path)?;
        let len = usize::try_from(file.metadata()?.len()).map_err(|_| damaged("larger than memory"))?;
        let mut font = FontFile { data: zeroed(len)?, version: [0; 4], tables: Vec::new(), outlines: None };
        font.fill(&mut file, 0, 12)?;
        let mut directory = 0;
        if font.data[..4] == *b"ttcf" {
            let faces = be32(&font.data, 8) as usize;
            if index as usize >= faces {
                return Err(damaged("the collection has no such face"));
            }
            font.fill(&mut file, 12, 4 * faces)?;
            directory = be32(&font.data, 12 + 4 * index as usize) as usize;
            font.fill(&mut file, directory, 12)?;
        }
        font.version.copy_from_slice(&font.data[directory..directory + 4]);
        let tables = usize::from(be16(&font.data, directory + 4));
        font.fill(&mut file, directory + 12, 16 * tables)?;
        for record in 0..tables {
            let at = directory + 12 + 16 * record;
            let mut tag = [0; 4];
            tag.copy_from_slice(&font.data[at..at + 4]);
            let (offset, length) = (be32(&font.data, at + 8) as usize, be32(&font.data, at + 12) as usize);
            let range = offset.checked_add(length).filter(|&end| end <= len).map(|end| offset..end);
            let range = range.ok_or_else(|| damaged("a table lies past the end of the file"))?;
            if &tag == b"glyf" {
                font.outlines = Some(Unread { path: path.to_path_buf(), glyf: range.clone() });
            } else {
                font.fill(&mut file, offset, length)?;
            }
            font.tables.push((tag, range));
        }
        Ok(font)
    }

    /// Reads `length` bytes at `offset` of `file` into place.
    fn fill(&mut self, file: &mut File, offset: usize, length: usize) -> io::Result<()> {
        let range = offset.checked_add(length).filter(|&end| end <= self.data.len()).map(|end| offset..end);
        let range = range.ok_or_else(|| damaged("a table lies past the end of the file"))?;
        read_at(file, offset, &mut self.data[range])
    }

    /// A font with the outlines of `glyphs`, and of the glyphs those are composed of: what a
    /// subset or a picture of them needs. Borrowed when every outline is there already; else
    /// a compact font of this face's [`OUTLINE_TABLES`] and only those outlines (`loca`
    /// rewritten), some hundred kilobytes, where a copy of the sparse file touched a page per
    /// glyph.
    pub fn with_outlines(
        &self,
        face: &ttf_parser::Face,
        glyphs: impl IntoIterator<Item = u16>,
    ) -> io::Result<Outlined<'_>> {
        let Some(unread) = &self.outlines else { return Ok(Outlined { bytes: Cow::Borrowed(&self.data), face: None }) };
        let mut file = File::open(&unread.path)?;
        if file.metadata()?.len() != self.data.len() as u64 {
            return Err(damaged("the file changed since it was read"));
        }
        let mut outlines: BTreeMap<u16, Vec<u8>> = BTreeMap::new();
        let mut todo: Vec<u16> = glyphs.into_iter().collect();
        while let Some(gid) = todo.pop() {
            if outlines.contains_key(&gid) {
                continue;
            }
            let mut outline = Vec::new();
            if let Some(range) = glyph_range(face, gid) {
                if range.end > unread.glyf.len() {
                    return Err(damaged("an outline lies past its table"));
                }
                outline = vec![0; range.len()];
                read_at(&mut file, unread.glyf.start + range.start, &mut outline)?;
                todo.extend(components(&outline));
            }
            outlines.insert(gid, outline);
        }
        let glyph_count = usize::from(face.number_of_glyphs());
        let (mut glyf, mut loca) = (Vec::new(), Vec::with_capacity(4 * (glyph_count + 1)));
        let mut drawn = outlines.iter().peekable();
        for gid in 0..glyph_count {
            loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
            if let Some((_, outline)) = drawn.next_if(|(&g, _)| usize::from(g) == gid) {
                glyf.extend_from_slice(outline);
                glyf.resize(glyf.len().next_multiple_of(4), 0);
            }
        }
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        let tables: Vec<([u8; 4], Cow<[u8]>)> = self
            .tables
            .iter()
            .filter(|(tag, _)| OUTLINE_TABLES.contains(&tag))
            .map(|(tag, range)| {
                let bytes: Cow<[u8]> = match tag {
                    b"glyf" => Cow::Borrowed(&glyf),
                    b"loca" => Cow::Borrowed(&loca),
                    b"head" => {
                        // `loca` is written with 32-bit offsets: indexToLocFormat 1.
                        let mut head = self.data[range.clone()].to_vec();
                        if let Some(format) = head.get_mut(50..52) {
                            format.copy_from_slice(&1u16.to_be_bytes());
                        }
                        Cow::Owned(head)
                    }
                    _ => Cow::Borrowed(&self.data[range.clone()]),
                };
                (*tag, bytes)
            })
            .collect();
        Ok(Outlined { bytes: Cow::Owned(sfnt(self.version, &tables)), face: Some(0) })
    }

    /// A glyph's ink box (x_min, y_min, x_max, y_max in font units), read from its outline's
    /// header; `None` for a glyph without ink.
    pub fn ink_box(&self, face: &ttf_parser::Face, gid: u16) -> io::Result<Option<ttf_parser::Rect>> {
        let Some(unread) = &self.outlines else { return Ok(face.glyph_bounding_box(GlyphId(gid))) };
        let Some(range) = glyph_range(face, gid).filter(|r| r.len() >= 10) else { return Ok(None) };
        let mut file = File::open(&unread.path)?;
        let mut header = [0u8; 10];
        read_at(&mut file, unread.glyf.start + range.start, &mut header)?;
        let at = |i: usize| i16::from_be_bytes([header[i], header[i + 1]]);
        Ok(Some(ttf_parser::Rect { x_min: at(2), y_min: at(4), x_max: at(6), y_max: at(8) }))
    }
}

/// The tables a compact font keeps: those a subset for embedding keeps (the `subsetter`
/// crate's list, and `OS/2` for word processors) and a picture of its glyphs reads. Copying
/// the others too (`cmap`, `GSUB`, `GPOS`, `vmtx`: hundreds of kilobytes in a CJK font)
/// took 2 M instructions of an export.
const OUTLINE_TABLES: [&[u8; 4]; 12] =
    [b"head", b"hhea", b"hmtx", b"maxp", b"loca", b"glyf", b"cvt ", b"fpgm", b"prep", b"name", b"post", b"OS/2"];

/// A font file with the outlines asked for.
pub struct Outlined<'a> {
    bytes: Cow<'a, [u8]>,
    /// The face's index in `bytes`, when it is not the file's (a compact font is one face).
    face: Option<u32>,
}

impl Outlined<'_> {
    /// The face's index in these bytes, given its index in the file.
    pub fn index(&self, in_file: u32) -> u32 {
        self.face.unwrap_or(in_file)
    }
}

impl std::ops::Deref for Outlined<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

/// A font file of one face holding `tables` (tag, bytes), in that order.
fn sfnt(version: [u8; 4], tables: &[([u8; 4], Cow<[u8]>)]) -> Vec<u8> {
    let count = tables.len();
    let power = if count == 0 { 0 } else { count.ilog2() };
    let search_range = 16u16 << power;
    let mut out = Vec::new();
    out.extend_from_slice(&version);
    for value in [count as u16, search_range, power as u16, (16 * count as u16).wrapping_sub(search_range)] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * count;
    for (tag, bytes) in tables {
        let words = bytes.chunks_exact(4);
        let mut last = [0; 4];
        last[..words.remainder().len()].copy_from_slice(words.remainder());
        let checksum = words
            .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
            .fold(u32::from_be_bytes(last), u32::wrapping_add);
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        offset += bytes.len().next_multiple_of(4);
    }
    for (_, bytes) in tables {
        out.extend_from_slice(bytes);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

/// `len` zero bytes of anonymous memory, each page taken only when written.
fn zeroed(len: usize) -> io::Result<MmapMut> {
    if len == 0 {
        return Err(damaged("empty"));
    }
    MmapMut::map_anon(len)
}

/// A glyph's outline's range within `glyf`, from `loca`; `None` for an empty glyph.
fn glyph_range(face: &ttf_parser::Face, gid: u16) -> Option<Range<usize>> {
    let loca = face.raw_face().table(Tag::from_bytes(b"loca"))?;
    let long = face.tables().head.index_to_location_format == ttf_parser::head::IndexToLocationFormat::Long;
    let at = |i: usize| -> Option<usize> {
        if long {
            loca.get(4 * i..4 * i + 4).map(|b| be32(b, 0) as usize)
        } else {
            loca.get(2 * i..2 * i + 2).map(|b| 2 * usize::from(be16(b, 0)))
        }
    };
    let (start, end) = (at(usize::from(gid))?, at(usize::from(gid) + 1)?);
    (end > start).then_some(start..end)
}

/// The glyphs a composite outline is made of (none for a simple one).
fn components(outline: &[u8]) -> Vec<u16> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut found = Vec::new();
    if outline.len() < 10 || i16::from_be_bytes([outline[0], outline[1]]) >= 0 {
        return found;
    }
    let mut at = 10;
    while at + 4 <= outline.len() {
        let (flags, gid) = (be16(outline, at), be16(outline, at + 2));
        found.push(gid);
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += match () {
            _ if flags & SCALE != 0 => 2,
            _ if flags & XY_SCALE != 0 => 4,
            _ if flags & TWO_BY_TWO != 0 => 8,
            _ => 0,
        };
        if flags & MORE == 0 {
            break;
        }
    }
    found
}

/// Reads `into.len()` bytes at `offset` (one system call on Unix, where a CJK subset reads
/// several hundred outlines).
fn read_at(file: &mut File, offset: usize, into: &mut [u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, into, offset as u64)
    }
    #[cfg(not(unix))]
    {
        file.seek(SeekFrom::Start(offset as u64))?;
        file.read_exact(into)
    }
}

fn be16(data: &[u8], at: usize) -> u16 {
    data.get(at..at + 2).map_or(0, |b| u16::from_be_bytes([b[0], b[1]]))
}

fn be32(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 4).map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn damaged(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("not a whole font file ({what})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outline commands of a glyph, to compare two faces by.
    #[derive(Default)]
    struct Commands(Vec<String>);

    impl ttf_parser::OutlineBuilder for Commands {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("M{x},{y}"));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(format!("L{x},{y}"));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(format!("Q{x1},{y1},{x},{y}"));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
        }
        fn close(&mut self) {
            self.0.push("Z".into());
        }
    }

    fn outline(face: &ttf_parser::Face, gid: u16) -> Vec<String> {
        let mut commands = Commands::default();
        face.outline_glyph(GlyphId(gid), &mut commands);
        commands.0
    }

    #[test]
    fn outlines_read_on_demand_match_the_whole_file() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSerifSC-Regular.ttf");
        let whole = std::fs::read(&path).unwrap();
        let full = ttf_parser::Face::parse(&whole, 0).unwrap();
        let sparse = FontFile::read(&path, 0).unwrap();
        let face = ttf_parser::Face::parse(&sparse, 0).unwrap();
        let glyphs: Vec<u16> = "国内生产总值增长6.2%，（一）".chars().map(|c| face.glyph_index(c).unwrap().0).collect();
        // The layout's tables are there, the outlines not.
        assert_eq!(face.glyph_hor_advance(GlyphId(glyphs[0])), full.glyph_hor_advance(GlyphId(glyphs[0])));
        assert!(outline(&face, glyphs[0]).is_empty() && !outline(&full, glyphs[0]).is_empty());
        assert_eq!(sparse.ink_box(&face, glyphs[0]).unwrap(), full.glyph_bounding_box(GlyphId(glyphs[0])));
        let outlined = sparse.with_outlines(&face, glyphs.iter().copied()).unwrap();
        assert!(outlined.len() < whole.len() / 10, "a compact font: {} bytes", outlined.len());
        let compact = ttf_parser::Face::parse(&outlined, outlined.index(0)).unwrap();
        for &gid in &glyphs {
            assert_eq!(outline(&compact, gid), outline(&full, gid), "glyph {gid}");
        }
    }

    #[test]
    fn a_file_cut_short_is_an_error_not_a_crash() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSansSC-Regular.ttf");
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("f.ttf");
        std::fs::copy(&path, &copy).unwrap();
        let sparse = FontFile::read(&copy, 0).unwrap();
        let face = ttf_parser::Face::parse(&sparse, 0).unwrap();
        let gid = face.glyph_index('国').unwrap().0;
        std::fs::OpenOptions::new().write(true).open(&copy).unwrap().set_len(1000).unwrap();
        assert!(sparse.with_outlines(&face, [gid]).is_err());
        assert!(sparse.ink_box(&face, gid).is_err());
        std::fs::write(&copy, b"ttcf").unwrap();
        assert!(FontFile::read(&copy, 0).is_err());
    }
}
