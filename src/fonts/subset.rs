//! Font subsets for embedding: only the glyphs a document draws, renumbered.
//!
//! The `subsetter` crate cuts the glyphs out in about a millisecond, where handing printpdf a
//! whole 6 MB font costs tens of milliseconds of parsing and subsetting. Its output is made for
//! PDF and has no `cmap` nor `OS/2`; printpdf's font parser needs the first and word
//! processors (a DOCX's embedded fonts) both, so a `cmap` for exactly the characters drawn is
//! added, and the original font's `OS/2`.

use std::collections::BTreeMap;

use write_fonts::read::FontRef;
use write_fonts::tables::cmap::Cmap;
use write_fonts::types::GlyphId;
use write_fonts::types::Tag;
use write_fonts::FontBuilder;

use crate::fonts::Font;

/// A subset font and how the original glyph ids map into it.
pub struct Subset {
    /// The subset font file.
    pub bytes: Vec<u8>,
    /// Original glyph id → glyph id in the subset.
    pub glyphs: BTreeMap<u16, u16>,
}

/// The subset of `font` holding the glyphs `used` (original glyph id → the character drawn).
pub fn subset(font: &Font, used: &BTreeMap<u16, char>) -> Result<Subset, String> {
    cut(font, used, false)
}

/// As [`subset`], for a word processor: the subset also carries the kerning of the Latin
/// pairs it can draw, as a `kern` table (the cut drops the font's `GPOS`). The PDF places its
/// glyphs itself; a word processor kerns with the font it is given, and without the pairs
/// LibreOffice set "*.*%" 3.1 pt wider than the PDF in 12 pt and broke briefing's lines a
/// character early (91 % of a 12-page report's lines as the PDF's, 99 % with them).
pub fn subset_kerned(font: &Font, used: &BTreeMap<u16, char>) -> Result<Subset, String> {
    cut(font, used, true)
}

fn cut(font: &Font, used: &BTreeMap<u16, char>, kerned: bool) -> Result<Subset, String> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let glyphs: BTreeMap<u16, u16> = used.keys().map(|&gid| (gid, remapper.remap(gid))).collect();
    let data = font.with_outlines(used.keys().copied()).map_err(|e| e.to_string())?;
    let cut = subsetter::subset(&data, data.index(font.index), &remapper).map_err(|e| format!("{e:?}"))?;
    let cmap = Cmap::from_mappings(used.iter().map(|(gid, &ch)| (ch, GlyphId::new(u32::from(glyphs[gid])))))
        .map_err(|e| e.to_string())?;
    let cut_ref = FontRef::new(&cut).map_err(|e| e.to_string())?;
    let original = FontRef::from_index(font.tables(), font.index).map_err(|e| e.to_string())?;
    let os2 = Tag::new(b"OS/2");
    let mut builder = FontBuilder::new();
    builder.add_table(&cmap).map_err(|e| e.to_string())?;
    if let Some(table) = original.table_data(os2) {
        builder.add_raw(os2, table.as_bytes().to_vec());
    }
    if kerned {
        if let Some(table) = kern_table(&kerning_pairs(font, used, &glyphs)) {
            builder.add_raw(Tag::new(b"kern"), table);
        }
    }
    let bytes = builder.copy_missing_tables(cut_ref).build();
    Ok(Subset { bytes, glyphs })
}

/// The kerning between the narrow (Latin) glyphs of `used`, in font units, as the layout
/// shapes them (`Font::shape_latin`), keyed by the glyph ids of the subset (`renumbered`).
fn kerning_pairs(
    font: &Font,
    used: &BTreeMap<u16, char>,
    renumbered: &BTreeMap<u16, u16>,
) -> BTreeMap<(u16, u16), i16> {
    // Latin letters, digits and their marks: the runs the layout kerns.
    let latin: Vec<(u16, char)> =
        used.iter().filter(|(_, &ch)| ch.is_ascii_graphic()).map(|(&g, &ch)| (g, ch)).collect();
    let upem = font.units_per_em();
    let mut pairs = BTreeMap::new();
    for &(left, a) in &latin {
        let nominal = font.advance(left) * upem;
        for &(right, b) in &latin {
            let shaped = font.shape_latin(&format!("{a}{b}"));
            // Only where shaping keeps the two glyphs, as the layout kerns a run only then:
            // Noto Serif SC's Latin shaping takes other digits (550 units, not 558), and their
            // difference read as kerning narrowed every pair of digits by 0.1 pt in
            // LibreOffice, which then set lines one character longer than the PDF's.
            let kept = shaped.iter().map(|glyph| glyph.glyph_id).eq([u32::from(left), u32::from(right)]);
            let Some(first) = shaped.first().filter(|_| kept) else { continue };
            let adjust = (first.x_advance as f32 - nominal).round();
            if adjust != 0.0 {
                pairs.insert((renumbered[&left], renumbered[&right]), adjust as i16);
            }
        }
    }
    pairs
}

/// A `kern` table, version 0, of one horizontal format 0 subtable holding `pairs`; none when
/// there are none or more than the format's 16-bit length holds.
fn kern_table(pairs: &BTreeMap<(u16, u16), i16>) -> Option<Vec<u8>> {
    let count = u16::try_from(pairs.len()).ok().filter(|&n| n > 0)?;
    let length = u16::try_from(14 + 6 * pairs.len()).ok()?;
    let entry_selector = 15 - count.leading_zeros() as u16;
    let search_range = 6 * (1u16 << entry_selector);
    let mut table = Vec::with_capacity(4 + usize::from(length));
    // Version 0, one subtable; its version 0, its length, coverage: horizontal, format 0.
    for word in [0, 1, 0, length, 0x0001, count, search_range, entry_selector, count * 6 - search_range] {
        table.extend_from_slice(&word.to_be_bytes());
    }
    // The pairs in the order of (left, right), as the format's binary search needs.
    for (&(left, right), &value) in pairs {
        table.extend_from_slice(&left.to_be_bytes());
        table.extend_from_slice(&right.to_be_bytes());
        table.extend_from_slice(&value.to_be_bytes());
    }
    Some(table)
}

#[cfg(test)]
mod kern_tests {
    use super::*;

    #[test]
    fn the_kern_table_is_format_0_with_its_pairs_in_order() {
        let pairs = BTreeMap::from([((5, 3), -40i16), ((2, 9), 12)]);
        let table = kern_table(&pairs).expect("a table");
        let word = |at: usize| u16::from_be_bytes([table[at], table[at + 1]]);
        // Version 0, one subtable of 14 + 2 × 6 bytes, horizontal format 0, two pairs.
        assert_eq!([word(0), word(2), word(4), word(6), word(8), word(10)], [0, 1, 0, 26, 1, 2]);
        // Binary search fields for two pairs: 6 × 2¹, 1, 0.
        assert_eq!([word(12), word(14), word(16)], [12, 1, 0]);
        assert_eq!([word(18), word(20), word(22) as i16 as u16], [2, 9, 12]);
        assert_eq!([word(24), word(26), word(28)], [5, 3, (-40i16) as u16]);
        assert_eq!(table.len(), 30);
        assert!(kern_table(&BTreeMap::new()).is_none());
    }

    #[test]
    fn the_kern_table_holds_what_the_layout_kerns_and_no_more() {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSerifSC-Regular.ttf"));
        let font = Font::open("song", path, 0).expect("the bundled font");
        let used: BTreeMap<u16, char> = "25AVTo".chars().map(|c| (font.glyph(c).expect("a glyph"), c)).collect();
        let renumbered: BTreeMap<u16, u16> = used.keys().map(|&g| (g, g)).collect();
        let pairs = kerning_pairs(&font, &used, &renumbered);
        let pair = |a: char, b: char| pairs.get(&(font.glyph(a).unwrap(), font.glyph(b).unwrap())).copied();
        // Latin shaping draws other digits (550 units wide, not 558): the layout does not kern
        // them, so neither may the font a word processor gets.
        assert_eq!(pair('2', '5'), None);
        // Letters keep their glyphs and kern as shaped.
        assert!(pair('A', 'V').is_some_and(|k| k < 0), "{pairs:?}");
    }
}
