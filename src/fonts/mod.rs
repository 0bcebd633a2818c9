//! Fonts: found on disk once per run, parsed once, shared by the layout (metrics) and the
//! PDF writer (the bytes to embed).
//!
//! A template names each font by a list of files and families, tried in order. Files are
//! looked for in `--font-dir`, `$BAOGAO_FONT_DIR`, `fonts/` beside the executable and the
//! `fonts/` of the source tree the binary was built from; families among the installed
//! fonts (font-kit).

pub mod catalog;
mod file;
mod subset;

pub use subset::{subset, subset_kerned, Subset};

/// Features for Latin runs: ligatures off, so that each character keeps its own glyph.
const NO_LIGATURES: [&[u8; 4]; 4] = [b"liga", b"clig", b"dlig", b"calt"];

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use rustybuzz::ttf_parser;

use crate::error::{Error, Result};
use crate::template::{FontSource, FontSpec, Template};

/// Environment variable naming an extra font directory.
pub const FONT_DIR_ENV: &str = "BAOGAO_FONT_DIR";

/// Index of a font in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub usize);

use file::FontFile;

type FaceRef<'a> = rustybuzz::Face<'a>;

self_cell::self_cell!(
    /// The bytes and the face parsed from them (a rustybuzz face, which is a ttf-parser face
    /// with its layout tables ready for kerning).
    struct ParsedFace {
        owner: FontFile,
        #[covariant]
        dependent: FaceRef,
    }
);

/// One parsed font face.
pub struct Font {
    /// The template's key for it, e.g. "fang".
    pub key: String,
    /// Where it was read from, for messages.
    pub origin: String,
    /// Face index inside a collection (0 for a plain font file).
    pub index: u32,
    face: ParsedFace,
    units_per_em: f32,
    /// rustybuzz's plan for kerning Latin runs, made on first use (it costs more than the
    /// shaping of a short run).
    latin_plan: OnceLock<rustybuzz::ShapePlan>,
    /// The glyphs of the Basic Multilingual Plane's characters as looked up so far.
    bmp_glyphs: GlyphCache,
    /// Latin runs shaped so far (see [`Font::shape_latin`]).
    latin_runs: Mutex<HashMap<String, Vec<ShapedGlyph>>>,
}

/// How many shaped Latin runs a font keeps.
const LATIN_RUNS_KEPT: usize = 4096;

/// A glyph of a shaped run: its id and advance in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    pub glyph_id: u32,
    pub x_advance: i32,
}

/// Glyph ids of the characters U+0000–FFFF, filled as they are looked up. A lookup in a
/// CJK font's `cmap` (a binary search over thousands of segments) took 36 M of the 550 M
/// instructions of a 100-page report, most of the characters looked up again and again.
/// Entries are atomics, so threads exporting a batch share one cache without a lock: each
/// stores what any other would (0 not looked up yet, 1 no glyph, else glyph id + 2).
struct GlyphCache(OnceLock<Box<[AtomicU32]>>);

impl GlyphCache {
    fn get_or_look_up(&self, c: char, look_up: impl FnOnce(char) -> Option<u16>) -> Option<u16> {
        let Ok(index) = u16::try_from(u32::from(c)) else { return look_up(c) };
        let entries = self.0.get_or_init(|| (0..=u16::MAX).map(|_| AtomicU32::new(0)).collect());
        let entry = &entries[usize::from(index)];
        match entry.load(Ordering::Relaxed) {
            0 => {
                let found = look_up(c);
                entry.store(found.map_or(1, |g| u32::from(g) + 2), Ordering::Relaxed);
                found
            }
            1 => None,
            stored => u16::try_from(stored - 2).ok(),
        }
    }
}

impl Font {
    fn parse(key: &str, origin: String, data: FontFile, index: u32) -> Result<Self> {
        let face =
            ParsedFace::try_new(data, |data| ttf_parser::Face::parse(data, index).map(rustybuzz::Face::from_face))
                .map_err(|e| Error::Font(format!("font `{key}`: {origin} is not a font this program can read: {e}")))?;
        let units_per_em = face.borrow_dependent().units_per_em() as f32;
        Ok(Font {
            key: key.to_owned(),
            origin,
            index,
            face,
            units_per_em,
            latin_plan: OnceLock::new(),
            bmp_glyphs: GlyphCache(OnceLock::new()),
            latin_runs: Mutex::new(HashMap::new()),
        })
    }

    /// Reads the font file at `path`, all but its outlines (see [`file`]).
    fn open(key: &str, path: &Path, index: u32) -> Result<Self> {
        let data = FontFile::read(path, index)
            .map_err(|e| Error::Font(format!("font `{key}`: {} cannot be read: {e}", path.display())))?;
        Font::parse(key, path.display().to_string(), data, index)
    }

    /// The face's PostScript name (name id 6), which a PDF gives its font ("FandolFang-Regular"):
    /// the English (or Unicode) record, as PDF names are ASCII.
    pub fn postscript_name(&self) -> Option<String> {
        let face: &ttf_parser::Face = self.face.borrow_dependent();
        face.names()
            .into_iter()
            .filter(|name| name.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .filter_map(|name| name.to_string())
            .find(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_graphic()))
    }

    /// The font file's tables, the outlines possibly left out: for the tables a subset copies.
    pub fn tables(&self) -> &[u8] {
        self.face.borrow_owner()
    }

    /// The font file's bytes with the outlines of `glyphs` (and their components) there: for
    /// a subset or a picture of them.
    pub fn with_outlines(&self, glyphs: impl IntoIterator<Item = u16>) -> Result<file::Outlined<'_>> {
        self.face
            .borrow_owner()
            .with_outlines(self.face.borrow_dependent(), glyphs)
            .map_err(|e| Error::Font(format!("font `{}`: {} cannot be read: {e}", self.key, self.origin)))
    }

    /// A glyph's ink box in font units, `None` for a glyph without ink (or a font file that
    /// could no longer be read; the subset then says so).
    pub fn ink_box(&self, gid: u16) -> Option<ttf_parser::Rect> {
        self.face.borrow_owner().ink_box(self.face.borrow_dependent(), gid).ok().flatten()
    }

    /// The glyph for a character, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let face = self.face.borrow_dependent();
        self.bmp_glyphs.get_or_look_up(c, |c| face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0))
    }

    /// Advance width of a glyph in ems.
    pub fn advance(&self, gid: u16) -> f32 {
        let advance = self.face.borrow_dependent().glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0);
        advance as f32 / self.units_per_em
    }

    /// Shapes a run of Latin letters and digits, left to right, kerned, ligatures off (each
    /// character keeps its own glyph): the glyphs and their advances in font units. The plan
    /// is made once per font, and the runs shaped are kept: a report's figures repeat ("2024",
    /// "%"), and shaping took 9,500 instructions a run, 5 % of a 100-page report's.
    pub fn shape_latin(&self, text: &str) -> Vec<ShapedGlyph> {
        if let Some(shaped) = self.latin_runs.lock().ok().and_then(|runs| runs.get(text).cloned()) {
            return shaped;
        }
        let face = self.face.borrow_dependent();
        let plan = self.latin_plan.get_or_init(|| {
            let features = NO_LIGATURES.map(|tag| rustybuzz::Feature::new(ttf_parser::Tag::from_bytes(tag), 0, ..));
            rustybuzz::ShapePlan::new(
                face,
                rustybuzz::Direction::LeftToRight,
                Some(rustybuzz::script::LATIN),
                None,
                &features,
            )
        });
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        let output = rustybuzz::shape_with_plan(face, plan, buffer);
        let shaped: Vec<ShapedGlyph> = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| ShapedGlyph { glyph_id: info.glyph_id, x_advance: position.x_advance })
            .collect();
        if let Ok(mut runs) = self.latin_runs.lock() {
            // Bounded, for a batch of thousands of reports: the runs are cheap to shape again.
            if runs.len() >= LATIN_RUNS_KEPT {
                runs.clear();
            }
            runs.insert(text.to_owned(), shaped.clone());
        }
        shaped
    }

    /// The face: metrics, `cmap`, layout tables (the outlines may be absent: see
    /// [`Font::with_outlines`]).
    pub fn face(&self) -> &rustybuzz::Face<'_> {
        self.face.borrow_dependent()
    }

    /// Whether this is a family's bold face.
    pub fn is_bold(&self) -> bool {
        self.face.borrow_dependent().is_bold()
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }
}

/// The fonts a template uses, loaded, and the installed fallbacks it names for characters
/// none of them has (loaded the first time such a character comes up).
pub struct FontSet {
    fonts: Vec<Font>,
    fallback_families: Vec<String>,
    fallbacks: OnceLock<Vec<Font>>,
}

impl FontSet {
    /// Loads every font the template names.
    pub fn load(template: &Template, dirs: &FontDirs) -> Result<Self> {
        let fonts = template.fonts.values().map(|spec| dirs.load(spec)).collect::<Result<Vec<_>>>()?;
        Ok(FontSet { fonts, fallback_families: template.fallback_families.clone(), fallbacks: OnceLock::new() })
    }

    /// No fonts: for an export that lays nothing out (plain text alone).
    pub fn none() -> Self {
        FontSet { fonts: Vec::new(), fallback_families: Vec::new(), fallbacks: OnceLock::new() }
    }

    /// The installed fallback fonts that could be found; an absent family is skipped.
    fn fallbacks(&self) -> &[Font] {
        self.fallbacks.get_or_init(|| {
            self.fallback_families
                .iter()
                .filter_map(|family| installed(&format!("fallback {family}"), family).ok().flatten())
                .collect()
        })
    }

    /// The id of the font with a template key; keys are checked when the template loads.
    pub fn id(&self, key: &str) -> FontId {
        FontId(self.fonts.iter().position(|f| f.key == key).expect("font keys are checked with the template"))
    }

    /// A font by id: a template font, or a fallback after them.
    pub fn get(&self, id: FontId) -> &Font {
        match self.fonts.get(id.0) {
            Some(font) => font,
            None => &self.fallbacks()[id.0 - self.fonts.len()],
        }
    }

    /// The first font that has a glyph for `c`: `preferred`, the template's other fonts, then
    /// the installed fallbacks.
    pub fn find_glyph(&self, preferred: FontId, c: char) -> Option<(FontId, u16)> {
        if let Some(gid) = self.get(preferred).glyph(c) {
            return Some((preferred, gid));
        }
        let template = self.fonts.iter().enumerate();
        if let Some(found) = template.clone().find_map(|(i, font)| font.glyph(c).map(|gid| (FontId(i), gid))) {
            return Some(found);
        }
        let first = self.fonts.len();
        self.fallbacks().iter().enumerate().find_map(|(i, font)| font.glyph(c).map(|gid| (FontId(first + i), gid)))
    }
}

/// The directories fonts are looked for in, in order.
#[derive(Debug, Clone)]
pub struct FontDirs {
    dirs: Vec<PathBuf>,
}

impl FontDirs {
    /// The directories, in the order they are searched.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// As [`FontDirs::new`], once `--font-dir` (if given) is found to be a directory: a
    /// mistyped one was searched in silence and the fonts looked for elsewhere.
    pub fn given(font_dir: Option<&Path>) -> crate::error::Result<Self> {
        match font_dir {
            Some(dir) if !dir.is_dir() => Err(crate::error::Error::Usage(format!(
                "--font-dir {}: {}",
                dir.display(),
                if dir.exists() { "is not a directory" } else { "no such directory" }
            ))),
            _ => Ok(FontDirs::new(font_dir)),
        }
    }

    /// `--font-dir` (if given), `$BAOGAO_FONT_DIR`, `fonts/` beside the executable, and the
    /// source tree's `fonts/`.
    pub fn new(font_dir: Option<&Path>) -> Self {
        let mut dirs = Vec::new();
        dirs.extend(font_dir.map(Path::to_path_buf));
        if let Some(env) = std::env::var_os(FONT_DIR_ENV).filter(|v| !v.is_empty()) {
            dirs.push(PathBuf::from(env));
        }
        if let Some(exe_dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(Path::to_path_buf)) {
            dirs.push(exe_dir.join("fonts"));
        }
        dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
        FontDirs { dirs }
    }

    /// Loads the font a spec names: the first of its sources found, a file in the
    /// directories (or at its path) or a family among the installed fonts. None found is an
    /// error at the template's line, listing every place looked in.
    pub fn load(&self, spec: &FontSpec) -> Result<Font> {
        let mut looked = Vec::new();
        for source in &spec.sources {
            match source {
                FontSource::File(file) => {
                    let candidates = std::iter::once(PathBuf::from(file)).filter(|p| p.is_absolute());
                    let candidates = candidates.chain(self.dirs.iter().map(|dir| dir.join(file)));
                    for path in candidates {
                        if path.is_file() {
                            return Font::open(&spec.key, &path, 0);
                        }
                    }
                    let dirs: Vec<String> = self.dirs.iter().map(|d| d.display().to_string()).collect();
                    looked.push(format!("file `{file}` in {}", dirs.join(", ")));
                }
                FontSource::Family(family) => {
                    if let Some(font) = installed(&spec.key, family)? {
                        return Ok(font);
                    }
                    looked.push(format!("family `{family}` among the installed fonts"));
                }
            }
        }
        Err(Error::Template {
            location: spec.origin.clone(),
            field: Some(format!("fonts.{}.pdf", spec.key)),
            message: format!(
                "font `{}` not found; looked for {} (add a directory with --font-dir or {FONT_DIR_ENV}; `baogao fonts` lists what is found)",
                spec.key,
                looked.join("; ")
            ),
        })
    }
}

/// An installed font of `family`, through font-kit's system source.
fn installed(key: &str, family: &str) -> Result<Option<Font>> {
    use font_kit::family_name::FamilyName;
    use font_kit::handle::Handle;
    use font_kit::properties::Properties;
    use font_kit::source::SystemSource;

    let handle =
        match SystemSource::new().select_best_match(&[FamilyName::Title(family.to_owned())], &Properties::new()) {
            Ok(handle) => handle,
            Err(_) => return Ok(None),
        };
    match handle {
        Handle::Path { path, font_index } => Font::open(key, &path, font_index).map(Some),
        Handle::Memory { bytes, font_index } => {
            let origin = format!("installed font `{family}`");
            let data = FontFile::whole(&bytes).map_err(|e| Error::Font(format!("font `{key}`: {origin}: {e}")))?;
            Font::parse(key, origin, data, font_index).map(Some)
        }
    }
}
