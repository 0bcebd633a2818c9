//! Plain text as users have it: UTF-8 with or without a byte order mark, UTF-16 with one,
//! or GB18030 (GBK and GB2312 are subsets of it) as Chinese Windows saves it; CRLF, CR or
//! Unicode line ends.

use encoding_rs::GB18030;

/// Why bytes are not a text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    /// Nothing but whitespace.
    Empty,
    /// Control bytes that no text has (a NUL, say): an image, an archive, a program.
    Binary,
    /// Bytes the encoding cannot read.
    Undecodable {
        /// What the bytes were read as, e.g. "UTF-8 or GB18030".
        encoding: &'static str,
        /// The first byte that fails.
        byte: u8,
        /// Its line and column (in characters), where lines can be told (not in UTF-16).
        at: Option<(usize, usize)>,
    },
    /// A control character that no text holds (a NUL, a bell), at its line and column.
    Control {
        /// The character.
        ch: char,
        /// Its line and column.
        at: (usize, usize),
    },
}

/// The text of `bytes`, its line ends made `\n`.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    let text = if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        // A BOM names the encoding outright (UTF-16 from Windows' Notepad, too).
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            let offset = bom + valid_prefix(&bytes[bom..], encoding);
            // A UTF-16 line end is two bytes: lines are told in UTF-8 only.
            let at = (encoding == encoding_rs::UTF_8).then(|| position(bytes, offset));
            return Err(NotText::Undecodable { encoding: encoding.name(), byte: byte_at(bytes, offset), at });
        }
        text.into_owned()
    } else {
        if looks_binary(bytes) {
            return Err(NotText::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(utf8) => match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => text.into_owned(),
                None => {
                    let offset = utf8.valid_up_to().max(valid_prefix(bytes, GB18030));
                    let at = Some(position(bytes, offset));
                    return Err(NotText::Undecodable {
                        encoding: "UTF-8 or GB18030",
                        byte: byte_at(bytes, offset),
                        at,
                    });
                }
            },
        }
    };
    // Every Unicode line end (UAX #14 BK, CR, LF, NL): CR LF, CR, NEL, VT, LS, PS.
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{85}', '\u{b}', '\u{2028}', '\u{2029}'], "\n");
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}')) {
        let line = 1 + text[..at].matches('\n').count();
        let column = 1 + text[..at].rsplit('\n').next().map_or(0, |l| l.chars().count());
        let ch = text[at..].chars().next().expect("a character at a found position");
        return Err(NotText::Control { ch, at: (line, column) });
    }
    Ok(text)
}

fn byte_at(bytes: &[u8], offset: usize) -> u8 {
    bytes.get(offset).or(bytes.last()).copied().unwrap_or(0)
}

/// The line and column (in characters, the bytes before read as UTF-8 where they are) of
/// a byte offset in a byte-oriented text.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    (line, 1 + String::from_utf8_lossy(&before[line_start..]).chars().count())
}

/// A NUL early on: text files have none, images, archives and programs do. (Other control
/// characters are reported where they stand, after decoding.)
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// How many bytes of `bytes` decode in `encoding` before the first error.
fn valid_prefix(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3));
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_line_ends() {
        let text = "高新区2022年经济社会发展总结\n一、聚力聚焦\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), text);
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gbk).unwrap(), text);
        assert_eq!(decode(text.replace('\n', "\r\n").as_bytes()).unwrap(), text);
        assert_eq!(decode(text.replace('\n', "\u{85}").as_bytes()).unwrap(), text);
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap(), text);
    }

    #[test]
    fn not_texts() {
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode("\u{3000} \n\n".as_bytes()), Err(NotText::Empty));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(NotText::Binary));
        // 0xFF is neither UTF-8 nor a GB18030 lead byte; columns count characters.
        let at = Some((2, 3));
        let bad = ["一\n正文".as_bytes(), b"\xff\xff"].concat();
        assert_eq!(decode(&bad), Err(NotText::Undecodable { encoding: "UTF-8 or GB18030", byte: 0xff, at }));
        let bell = "正\u{7}文，一段足够长的正文，控制字符只占极少的一部分。";
        assert_eq!(decode(bell.as_bytes()), Err(NotText::Control { ch: '\u{7}', at: (1, 2) }));
        let bom_nul = [b"\xEF\xBB\xBF".as_slice(), "正\0文".as_bytes()].concat();
        assert_eq!(decode(&bom_nul), Err(NotText::Control { ch: '\0', at: (1, 2) }));
    }
}
