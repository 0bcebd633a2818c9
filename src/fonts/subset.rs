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
    let mut remapper = subsetter::GlyphRemapper::new();
    let glyphs: BTreeMap<u16, u16> = used.keys().map(|&gid| (gid, remapper.remap(gid))).collect();
    let cut = subsetter::subset(font.bytes(), font.index, &remapper).map_err(|e| format!("{e:?}"))?;
    let cmap = Cmap::from_mappings(used.iter().map(|(gid, &ch)| (ch, GlyphId::new(u32::from(glyphs[gid])))))
        .map_err(|e| e.to_string())?;
    let cut_ref = FontRef::new(&cut).map_err(|e| e.to_string())?;
    let original = FontRef::from_index(font.bytes(), font.index).map_err(|e| e.to_string())?;
    let os2 = Tag::new(b"OS/2");
    let mut builder = FontBuilder::new();
    builder.add_table(&cmap).map_err(|e| e.to_string())?;
    if let Some(table) = original.table_data(os2) {
        builder.add_raw(os2, table.as_bytes().to_vec());
    }
    let bytes = builder.copy_missing_tables(cut_ref).build();
    Ok(Subset { bytes, glyphs })
}
