//! The fonts a template can name, for `baogao fonts`: every face in the font directories and
//! among the installed fonts, with its names and how many of GB 2312's Hanzi it has.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::file::FontFile;
use rustybuzz::ttf_parser::name::Name;
use rustybuzz::ttf_parser::{fonts_in_collection, name_id, Face, PlatformId};

/// Where a font was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FontOrigin {
    /// In one of the font directories searched for a template's font files.
    FontDir,
    /// Among the installed fonts, where a template's font family is looked for.
    Installed,
}

/// One face of a font file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FontEntry {
    /// Typographic family (name ID 16), else family (ID 1); an English name if there is one.
    /// Empty if the face names no family.
    pub family: String,
    /// A Chinese family name (zh-CN preferred), if the face has one that differs from `family`.
    pub local_family: Option<String>,
    /// Typographic subfamily (ID 17), else subfamily (ID 2), e.g. "Regular", "Bold".
    pub style: String,
    /// The font file.
    pub path: PathBuf,
    /// The face's index in a collection (.ttc, .otc); 0 in a plain font file.
    pub index: u32,
    /// Where the file was found.
    pub origin: FontOrigin,
    /// How many of the [`GB2312_HANZI`] Hanzi of GB 2312 the face has a glyph for.
    pub gb2312: usize,
}

/// The number of Hanzi in GB 2312 (levels 1 and 2).
pub const GB2312_HANZI: usize = 6763;

/// The GB 2312 Hanzi a face must have to be listed as Chinese-capable: as many as level 1's
/// 3,755 common characters. Latin and symbol fonts have none; a Chinese face has them all
/// (the bundled ones 6,763); fonts with a few CJK symbols stay out.
pub const CHINESE_CAPABLE: usize = 3755;

impl FontEntry {
    /// Whether the face can set Chinese text (see [`CHINESE_CAPABLE`]).
    pub fn chinese(&self) -> bool {
        self.gb2312 >= CHINESE_CAPABLE
    }
}

/// `entries` as a table in aligned columns (Chinese names counted two columns wide, as a
/// terminal shows them): family, style, where found, GB 2312 coverage, file.
pub fn table(entries: &[FontEntry]) -> String {
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|entry| {
            let family = match &entry.local_family {
                Some(local) => format!("{} ({local})", entry.family),
                None => entry.family.clone(),
            };
            let origin = match entry.origin {
                FontOrigin::FontDir => "font dir",
                FontOrigin::Installed => "installed",
            };
            let coverage = format!("{:.1}%", entry.gb2312 as f32 * 100.0 / GB2312_HANZI as f32);
            let file = match entry.index {
                0 => entry.path.display().to_string(),
                i => format!("{} #{i}", entry.path.display()),
            };
            [family, entry.style.clone(), origin.to_owned(), coverage, file]
        })
        .collect();
    let header = ["FAMILY", "STYLE", "WHERE", "GB2312", "FILE"].map(str::to_owned);
    let mut widths = [0; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            let pad = " ".repeat(width - cell.width());
            match i {
                // Coverage right-aligned, the file last and unpadded.
                3 => out.push_str(&format!("{pad}{cell}  ")),
                4 => out.push_str(cell),
                _ => out.push_str(&format!("{cell}{pad}  ")),
            }
        }
        out.push('\n');
    }
    out
}

/// Extensions of the files looked at in font directories (compared ignoring case).
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// Name ids of the family, in order of preference: typographic family, then family (which
/// may be "Family Bold" or "Family R" when the typographic family is given).
const FAMILY_IDS: [u16; 2] = [name_id::TYPOGRAPHIC_FAMILY, name_id::FAMILY];

/// Name ids of the style, in order of preference: typographic subfamily, then subfamily.
const STYLE_IDS: [u16; 2] = [name_id::TYPOGRAPHIC_SUBFAMILY, name_id::SUBFAMILY];

/// Windows language id of US English, the name most fonts are known by.
const ENGLISH_US: u16 = 0x0409;

/// Windows language ids of Chinese, in order of preference: PRC, Taiwan, Hong Kong,
/// Singapore, Macao.
const CHINESE: [u16; 5] = [0x0804, 0x0404, 0x0C04, 0x1004, 0x1404];

/// Every face of every font file (.ttf .otf .ttc .otc, case-insensitive, searched recursively)
/// in `dirs` (tagged [`FontOrigin::FontDir`]; missing directories are skipped), then, if
/// `installed`, every face of the installed font files (font-kit's system source, tagged
/// [`FontOrigin::Installed`]) not already listed. Sorted by origin, then family, style, path,
/// index. Files that cannot be read or parsed are skipped.
pub fn list(dirs: &[PathBuf], installed: bool) -> Vec<FontEntry> {
    let mut walked = HashSet::new();
    let mut files = Vec::new();
    for dir in dirs {
        font_files(dir, &mut walked, &mut files);
    }
    let mut files: Vec<(PathBuf, FontOrigin)> = files.into_iter().map(|path| (path, FontOrigin::FontDir)).collect();
    if installed {
        files.extend(installed_files().into_iter().map(|path| (path, FontOrigin::Installed)));
    }

    // A file reached twice (a directory given twice, a link, a font directory that is also
    // installed) is listed once, under where it was found first.
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for (path, origin) in files {
        if seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone())) {
            read_faces(&path, origin, &mut entries);
        }
    }
    entries.sort_by(|a, b| {
        (a.origin, &a.family, &a.style, &a.path, a.index).cmp(&(b.origin, &b.family, &b.style, &b.path, b.index))
    });
    entries
}

/// Adds the font files under `dir`, following links; `walked` holds the directories already
/// walked, so that a link back up the tree is not followed round.
fn font_files(dir: &Path, walked: &mut HashSet<PathBuf>, files: &mut Vec<PathBuf>) {
    let Ok(real) = dir.canonicalize() else { return };
    if !walked.insert(real) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            font_files(&path, walked, files);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| FONT_EXTENSIONS.iter().any(|known| ext.eq_ignore_ascii_case(known)))
        {
            files.push(path);
        }
    }
}

/// The installed font files, or none if they cannot be listed.
fn installed_files() -> Vec<PathBuf> {
    use font_kit::handle::Handle;

    let handles = font_kit::source::SystemSource::new().all_fonts().unwrap_or_default();
    // One handle per face, and fontconfig's index also counts a variable font's named
    // instances; every face is read from the file instead.
    let mut paths: Vec<PathBuf> = handles
        .into_iter()
        .filter_map(|handle| match handle {
            Handle::Path { path, .. } => Some(path),
            Handle::Memory { .. } => None,
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Adds an entry for each face in the file at `path` that parses.
fn read_faces(path: &Path, origin: FontOrigin, entries: &mut Vec<FontEntry>) {
    // Read without the outlines, as for an export (see `fonts/file.rs`).
    let Ok(first) = FontFile::read(path, 0) else { return };
    // A collection's header says how many faces it has; a damaged one could claim billions,
    // but each takes 4 bytes of offset table.
    let faces = fonts_in_collection(&first).map_or(1, |n| n.min(u32::try_from(first.len() / 4).unwrap_or(u32::MAX)));
    for index in 0..faces {
        let other;
        let data = if index == 0 {
            &first
        } else {
            let Ok(read) = FontFile::read(path, index) else { continue };
            other = read;
            &other
        };
        let Ok(face) = Face::parse(data, index) else { continue };
        let names = face.names();
        let family = best_name(names, &FAMILY_IDS, english).unwrap_or_default();
        let local_family = best_name(names, &FAMILY_IDS, chinese).filter(|name| *name != family);
        let style = best_name(names, &STYLE_IDS, english).unwrap_or_default();
        let gb2312 = gb2312_hanzi().iter().filter(|&&c| face.glyph_index(c).is_some_and(|gid| gid.0 != 0)).count();
        entries.push(FontEntry { family, local_family, style, path: path.to_path_buf(), index, origin, gb2312 });
    }
}

/// The best of a face's `names` with one of `ids` (in order of preference) that `rank`
/// accepts: the lowest by `rank`'s group, then the id, then `rank`'s order within the group.
fn best_name<'a>(
    names: impl IntoIterator<Item = Name<'a>>,
    ids: &[u16],
    rank: fn(&Name) -> Option<(usize, usize)>,
) -> Option<String> {
    names
        .into_iter()
        .filter_map(|name| {
            let id = ids.iter().position(|&id| id == name.name_id)?;
            let (group, order) = rank(&name)?;
            // Only Unicode and Windows names decode; Macintosh ones duplicate them in practice.
            let text = name.to_string().filter(|text| !text.is_empty())?;
            Some(((group, id, order), text))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, text)| text)
}

/// Ranks names for the English name: US English, then Unicode-platform names (which carry no
/// language), then other English; any other language in a later group, so that a face with
/// no English name still has a name.
fn english(name: &Name) -> Option<(usize, usize)> {
    Some(match (name.platform_id, name.language_id) {
        (PlatformId::Windows, ENGLISH_US) => (0, 0),
        (PlatformId::Unicode, _) => (0, 1),
        // Windows English variants (UK, Australia, ...) share the primary language 0x09.
        (PlatformId::Windows, id) if id & 0x3FF == 0x09 => (0, 2),
        _ => (1, 0),
    })
}

/// Ranks Windows Chinese names, zh-CN first.
fn chinese(name: &Name) -> Option<(usize, usize)> {
    if name.platform_id != PlatformId::Windows {
        return None;
    }
    CHINESE.iter().position(|&id| id == name.language_id).map(|group| (group, 0))
}

/// The Hanzi of GB 2312, levels 1 and 2 (rows 16 to 87), made once.
fn gb2312_hanzi() -> &'static [char] {
    static HANZI: OnceLock<Vec<char>> = OnceLock::new();
    HANZI.get_or_init(|| {
        let mut hanzi = Vec::with_capacity(GB2312_HANZI);
        for lead in 0xB0..=0xF7u8 {
            for trail in 0xA1..=0xFEu8 {
                // Row 55 ends at D7F9: GB 2312 leaves its last five cells empty (GBK fills them).
                if lead == 0xD7 && trail >= 0xFA {
                    continue;
                }
                if let Some(text) = encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&[lead, trail])
                {
                    hanzi.extend(text.chars());
                }
            }
        }
        hanzi
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")
    }

    #[test]
    fn gb2312_has_its_6763_hanzi() {
        let hanzi = gb2312_hanzi();
        assert_eq!(hanzi.len(), GB2312_HANZI);
        assert_eq!(hanzi.iter().collect::<HashSet<_>>().len(), GB2312_HANZI);
        // The first character of level 1 and the last of level 2.
        assert_eq!(hanzi.first(), Some(&'啊'));
        assert_eq!(hanzi.last(), Some(&'齄'));
        assert!(hanzi.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)));
    }

    #[test]
    fn lists_the_bundled_fonts() {
        let entries = list(&[bundled()], false);
        let found: Vec<(&str, &str, &str, Option<&str>, usize)> = entries
            .iter()
            .map(|e| {
                let file = e.path.file_name().and_then(|f| f.to_str()).unwrap();
                (file, e.family.as_str(), e.style.as_str(), e.local_family.as_deref(), e.gb2312)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("FandolFang-Regular.ttf", "FandolFang", "Regular", None, GB2312_HANZI),
                ("FandolKai-Regular.ttf", "FandolKai", "Regular", None, GB2312_HANZI),
                ("NotoSansSC-Bold.ttf", "Noto Sans SC", "Bold", None, GB2312_HANZI),
                ("NotoSansSC-Regular.ttf", "Noto Sans SC", "Regular", None, GB2312_HANZI),
                ("NotoSerifSC-Bold.ttf", "Noto Serif SC", "Bold", None, GB2312_HANZI),
                ("NotoSerifSC-Regular.ttf", "Noto Serif SC", "Regular", None, GB2312_HANZI),
            ]
        );
        assert!(entries.iter().all(|e| e.origin == FontOrigin::FontDir && e.index == 0));
    }

    #[test]
    fn skips_missing_directories_and_lists_a_file_once() {
        let missing = bundled().join("no such directory");
        assert_eq!(list(std::slice::from_ref(&missing), false), []);
        assert_eq!(list(&[missing, bundled(), bundled()], false), list(&[bundled()], false));
    }

    /// A name record as a font stores it: UTF-16BE.
    fn name(platform_id: PlatformId, language_id: u16, name_id: u16, text: &str) -> Name<'static> {
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        Name { platform_id, encoding_id: 1, language_id, name_id, name: bytes.leak() }
    }

    #[test]
    fn picks_english_and_chinese_family_names() {
        use name_id::{FAMILY, TYPOGRAPHIC_FAMILY};
        use PlatformId::{Macintosh, Unicode, Windows};

        let names = [
            name(Windows, 0x0804, FAMILY, "思源宋体 Bold"),
            name(Windows, 0x0404, TYPOGRAPHIC_FAMILY, "思源宋體"),
            name(Windows, 0x0804, TYPOGRAPHIC_FAMILY, "思源宋体"),
            name(Windows, 0x0809, TYPOGRAPHIC_FAMILY, "Source Han Serif (UK)"),
            name(Unicode, 0, FAMILY, "Source Han Serif (Unicode)"),
            name(Windows, ENGLISH_US, FAMILY, "Source Han Serif SC Bold"),
            name(Windows, ENGLISH_US, TYPOGRAPHIC_FAMILY, "Source Han Serif SC"),
            name(Macintosh, 0, TYPOGRAPHIC_FAMILY, "Mac"),
        ];
        assert_eq!(best_name(names, &FAMILY_IDS, english).as_deref(), Some("Source Han Serif SC"));
        assert_eq!(best_name(names, &FAMILY_IDS, chinese).as_deref(), Some("思源宋体"));
        // An English typographic family in any English beats every family (ID 1) name.
        assert_eq!(best_name(names[..5].to_vec(), &FAMILY_IDS, english).as_deref(), Some("Source Han Serif (UK)"));
        // An English family beats a Chinese typographic family, and with no English name at
        // all there is still a family.
        let no_english_typographic = [names[2], names[4]];
        assert_eq!(
            best_name(no_english_typographic, &FAMILY_IDS, english).as_deref(),
            Some("Source Han Serif (Unicode)")
        );
        assert!(best_name(names[..3].to_vec(), &FAMILY_IDS, english).is_some_and(|n| n.starts_with("思源")));
        assert_eq!(best_name(names[3..].to_vec(), &FAMILY_IDS, chinese), None);
    }

    /// A two-face collection, under another directory and with an upper-case extension, made
    /// from a bundled font: both faces share its table directory, moved past the header.
    #[test]
    fn lists_every_face_of_a_collection() {
        let font = std::fs::read(bundled().join("NotoSansSC-Regular.ttf")).unwrap();
        let header = 12 + 4 * 2;
        let mut ttc = b"ttcf\x00\x01\x00\x00\x00\x00\x00\x02".to_vec();
        ttc.extend_from_slice(&(header as u32).to_be_bytes());
        ttc.extend_from_slice(&(header as u32).to_be_bytes());
        ttc.extend_from_slice(&font);
        let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
        for table in 0..tables {
            let at = header + 12 + 16 * table + 8;
            let offset = u32::from_be_bytes(ttc[at..at + 4].try_into().unwrap()) + header as u32;
            ttc[at..at + 4].copy_from_slice(&offset.to_be_bytes());
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let path = dir.path().join("sub").join("Both.TTC");
        std::fs::write(&path, ttc).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a font").unwrap();
        std::fs::write(dir.path().join("broken.ttf"), "not a font either").unwrap();

        let entries = list(&[dir.path().to_path_buf()], false);
        let faces: Vec<(&Path, u32, &str, usize)> =
            entries.iter().map(|e| (e.path.as_path(), e.index, e.family.as_str(), e.gb2312)).collect();
        assert_eq!(
            faces,
            [(path.as_path(), 0, "Noto Sans SC", GB2312_HANZI), (path.as_path(), 1, "Noto Sans SC", GB2312_HANZI)]
        );
    }

    #[test]
    fn the_table_aligns_chinese_names_and_only_chinese_faces_count_as_such() {
        let entry = |family: &str, local: Option<&str>, gb2312: usize| FontEntry {
            family: family.to_owned(),
            local_family: local.map(str::to_owned),
            style: "Regular".to_owned(),
            path: PathBuf::from(format!("/f/{family}.ttf")),
            index: 0,
            origin: FontOrigin::Installed,
            gb2312,
        };
        let entries = [entry("FangSong", Some("仿宋"), 6763), entry("DejaVu Sans", None, 0), entry("Odd", None, 40)];
        let chinese: Vec<bool> = entries.iter().map(FontEntry::chinese).collect();
        assert_eq!(chinese, [true, false, false]);
        let table = table(&entries);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[1], "FangSong (仿宋)  Regular  installed  100.0%  /f/FangSong.ttf");
        assert_eq!(lines[2], "DejaVu Sans      Regular  installed    0.0%  /f/DejaVu Sans.ttf");
        // Every row's file starts in the same terminal column (仿宋 is four columns wide).
        use unicode_width::UnicodeWidthStr;
        let columns: Vec<usize> = lines.iter().map(|l| l[..l.find('/').unwrap_or(l.len())].width()).collect();
        assert!(columns[1..].iter().all(|&c| c == columns[1]), "{table}");
    }
}
