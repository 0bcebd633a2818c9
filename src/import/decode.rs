//! Plain text as users have it: UTF-8 with or without a byte order mark, or GB18030 (GBK
//! and GB2312 are subsets of it) as Chinese Windows saves it; CRLF or CR line ends.

use encoding_rs::GB18030;

/// Why bytes are not a text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    /// Nothing but whitespace.
    Empty,
    /// Control bytes that no text has (a NUL, say): an image, an archive, a program.
    Binary,
    /// Neither UTF-8 nor GB18030; the byte offset where both fail.
    Undecodable(usize),
}

/// The text of `bytes`, its line ends made `\n`.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    let text = if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        // A BOM names the encoding outright (UTF-16 from Windows' Notepad, too).
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(NotText::Undecodable(bom + valid_prefix(&bytes[bom..], encoding)));
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
                    let gb = valid_prefix(bytes, GB18030);
                    return Err(NotText::Undecodable(utf8.valid_up_to().max(gb)));
                }
            },
        }
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(text)
}

/// Text has no NUL and few other control bytes (tabs, line ends and form feeds aside).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    sample.contains(&0) || controls * 100 > sample.len()
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
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap(), text);
    }

    #[test]
    fn not_texts() {
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode("\u{3000} \n\n".as_bytes()), Err(NotText::Empty));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(NotText::Binary));
        // 0xFF is neither UTF-8 nor a GB18030 lead byte.
        assert_eq!(decode(b"abc\xff\xff"), Err(NotText::Undecodable(3)));
    }
}
