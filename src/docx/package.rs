//! The DOCX's zip package: its parts deflated by one libdeflate compressor, in a fixed order
//! with a fixed timestamp, so that the same document gives the same bytes.
//!
//! The `zip` crate makes a new zlib compressor for every entry (and clears its 256 KB of
//! tables): 13 parts cost 8.0 M instructions of the example's DOCX, whose whole export to
//! PDF and DOCX took 82 M. A package holds a few dozen parts with no directories, no
//! encryption and no entry near 4 GB, which takes the format's plainest form: a local header
//! and the data per part, then the central directory (PKWARE APPNOTE 6.3.10, 4.3).

use crate::error::{Error, Result};

/// libdeflate's level for the parts: the XML of a report's DOCX, 58 KB for the example,
/// deflates to 11.1 KB at level 6 (what the `zip` crate wrote) in 1.3 M instructions.
const LEVEL: i32 = 6;

/// "Version needed to extract" 2.0: deflate, the version every reader takes.
const VERSION: u16 = 20;

/// 1980-01-01 00:00, the earliest MS-DOS date: fixed, as the `zip` crate's default.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// A zip archive being written.
pub struct Package {
    deflate: libdeflater::Compressor,
    bytes: Vec<u8>,
    /// The central directory's records, written at the end.
    directory: Vec<u8>,
    entries: u16,
}

/// How a part is kept.
#[derive(Clone, Copy, PartialEq)]
enum Method {
    Stored = 0,
    Deflated = 8,
}

impl Package {
    pub fn new() -> Self {
        let level = libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default();
        Package { deflate: libdeflater::Compressor::new(level), bytes: Vec::new(), directory: Vec::new(), entries: 0 }
    }

    /// Adds the part `name` holding `data`: deflated, or stored when deflating does not make
    /// it smaller (a PNG, an embedded workbook).
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<()> {
        let too_big = || Error::Output(format!("cannot write the DOCX: part `{name}` is too large for a zip"));
        let mut deflated = vec![0; self.deflate.deflate_compress_bound(data.len())];
        let length = self
            .deflate
            .deflate_compress(data, &mut deflated)
            .map_err(|e| Error::Output(format!("cannot write the DOCX: {e}")))?;
        deflated.truncate(length);
        let (method, stored) =
            if deflated.len() < data.len() { (Method::Deflated, &deflated[..]) } else { (Method::Stored, data) };
        let offset = u32::try_from(self.bytes.len()).map_err(|_| too_big())?;
        let entry = Entry {
            // Bit 11: the name is UTF-8 (a part's name is ASCII, but say so if one is not).
            flags: if name.is_ascii() { 0 } else { 1 << 11 },
            method,
            crc: libdeflater::crc32(data),
            stored: u32::try_from(stored.len()).map_err(|_| too_big())?,
            size: u32::try_from(data.len()).map_err(|_| too_big())?,
            name_length: u16::try_from(name.len()).map_err(|_| too_big())?,
        };

        // Local file header (4.3.7): what the central record repeats, and no extra field.
        let local = &mut self.bytes;
        put32(local, 0x0403_4b50);
        entry.put(local);
        put16(local, 0);
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(stored);

        // Its central directory record (4.3.12).
        let record = &mut self.directory;
        put32(record, 0x0201_4b50);
        // Version made by.
        put16(record, VERSION);
        entry.put(record);
        // Extra field, comment, disk number, internal and external attributes.
        for _ in 0..4 {
            put16(record, 0);
        }
        put32(record, 0);
        put32(record, offset);
        record.extend_from_slice(name.as_bytes());
        self.entries = self.entries.checked_add(1).ok_or_else(too_big)?;
        Ok(())
    }

    /// The archive: the parts, the central directory and its end record (4.3.16).
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let too_big = || Error::Output("cannot write the DOCX: too large for a zip".into());
        let offset = u32::try_from(self.bytes.len()).map_err(|_| too_big())?;
        let size = u32::try_from(self.directory.len()).map_err(|_| too_big())?;
        self.bytes.append(&mut self.directory);
        let end = &mut self.bytes;
        put32(end, 0x0605_4b50);
        put16(end, 0);
        put16(end, 0);
        put16(end, self.entries);
        put16(end, self.entries);
        put32(end, size);
        put32(end, offset);
        put16(end, 0);
        Ok(self.bytes)
    }
}

/// What a part's local header and its central record both say, in the same order.
struct Entry {
    flags: u16,
    method: Method,
    crc: u32,
    /// Its size as stored, and as it is.
    stored: u32,
    size: u32,
    name_length: u16,
}

impl Entry {
    /// From "version needed to extract" to the name's length.
    fn put(&self, bytes: &mut Vec<u8>) {
        put16(bytes, VERSION);
        put16(bytes, self.flags);
        put16(bytes, self.method as u16);
        put16(bytes, DOS_TIME);
        put16(bytes, DOS_DATE);
        put32(bytes, self.crc);
        put32(bytes, self.stored);
        put32(bytes, self.size);
        put16(bytes, self.name_length);
    }
}

fn put16(bytes: &mut Vec<u8>, value: u16) {
    bytes.extend_from_slice(&value.to_le_bytes());
}

fn put32(bytes: &mut Vec<u8>, value: u32) {
    bytes.extend_from_slice(&value.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    #[test]
    fn the_zip_crate_reads_back_every_part_with_its_method() {
        let xml = "<w:p>段落</w:p>".repeat(200);
        // Bytes of a 64-bit linear congruential generator's high bits: nothing to deflate.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                (state >> 56) as u8
            })
            .collect();
        let mut package = Package::new();
        package.add("word/document.xml", xml.as_bytes()).unwrap();
        package.add("word/media/image1.png", &noise).unwrap();
        package.add("empty.xml", b"").unwrap();
        let bytes = package.finish().unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        let names: Vec<&str> = archive.file_names().collect();
        assert_eq!(names, ["word/document.xml", "word/media/image1.png", "empty.xml"]);
        let mut read = |name: &str| {
            let mut file = archive.by_name(name).unwrap();
            let method = file.compression();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (method, data)
        };
        let (method, data) = read("word/document.xml");
        assert!(method == zip::CompressionMethod::Deflated && data == xml.as_bytes(), "{method:?}");
        // Noise does not deflate: stored as it is.
        let (method, data) = read("word/media/image1.png");
        assert!(method == zip::CompressionMethod::Stored && data == noise, "{method:?}");
        assert_eq!(read("empty.xml").1, b"");
    }
}
