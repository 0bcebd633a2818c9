//! Word boundaries in Chinese text, for the lines that must not break inside a word: titles
//! (GB/T 9704 7.3.3: 回行时要做到词意完整), table cells, chart labels and signatures.
//!
//! Segmentation is jieba's (through `jieba-rs`): the most probable path through the words
//! of its dictionary, and its hidden Markov model for runs of characters the dictionary does
//! not join. jieba-rs parses its 349,045-word dictionary into a trie when it starts (300 ms,
//! ten times a whole export), so the dictionary is compiled into a finite-state map by
//! `build.rs` instead, and each text is segmented by a jieba-rs instance that holds only the
//! dictionary words occurring in that text, with the dictionary's total frequency: the
//! same probabilities, hence the same words, as with the whole dictionary.

use std::sync::LazyLock;

use fst::raw::Fst;
use jieba_rs::Jieba;

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/words.rs"));
}

/// The dictionary: word → frequency.
static DICTIONARY: LazyLock<Option<Fst<&'static [u8]>>> =
    LazyLock::new(|| Fst::new(include_bytes!(concat!(env!("OUT_DIR"), "/words.fst")).as_slice()).ok());

/// For each character of `text`, whether a word starts there (the first character always
/// does). Without the dictionary (it cannot fail to load, but a build could lack it) every
/// character starts a word, as in plain Chinese line breaking.
pub fn word_starts(text: &str) -> Vec<bool> {
    let count = text.chars().count();
    let Some(dictionary) = DICTIONARY.as_ref() else { return vec![true; count] };
    let mut segmenter = Jieba::empty();
    let mut sum = 0u64;
    let offsets: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
    for start in 0..count {
        for (end, freq) in words_from(dictionary, text, &offsets, start) {
            let word = &text[offsets[start]..offsets[end]];
            if !segmenter.has_word(word) {
                segmenter.add_word(word, Some(freq as usize), None);
                sum += freq;
            }
        }
    }
    // The rest of the dictionary's frequency, on a word that cannot occur in the text, so
    // that every word's probability is what the whole dictionary gives it.
    if let Some(filler) = ['\u{E000}', '\u{E001}', '\u{E002}'].into_iter().find(|c| !text.contains(*c)) {
        segmenter.add_word(&filler.to_string(), Some(compiled::TOTAL.saturating_sub(sum) as usize), None);
    }
    let mut starts = vec![false; count];
    for token in segmenter.cut(text, true) {
        if let Some(start) = starts.get_mut(token.start) {
            *start = true;
        }
    }
    if let Some(first) = starts.first_mut() {
        *first = true;
    }
    starts
}

/// The dictionary words that start at character `start` of `text`: their end (a character
/// index) and frequency. Walks the map one byte at a time and stops where no word goes on.
fn words_from(dictionary: &Fst<&'static [u8]>, text: &str, offsets: &[usize], start: usize) -> Vec<(usize, u64)> {
    let mut found = Vec::new();
    let mut node = dictionary.root();
    let mut output = fst::raw::Output::zero();
    let last = (start + compiled::LONGEST).min(offsets.len() - 1);
    for end in start + 1..=last {
        for &byte in &text.as_bytes()[offsets[end - 1]..offsets[end]] {
            let Some(index) = node.find_input(byte) else { return found };
            let transition = node.transition(index);
            output = output.cat(transition.out);
            node = dictionary.node(transition.addr);
        }
        if node.is_final() {
            found.push((end, output.cat(node.final_output()).value()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::word_starts;

    /// The words of `text`, split where a word starts.
    fn words(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (ch, start) in text.chars().zip(word_starts(text)) {
            match out.last_mut() {
                Some(word) if !start => word.push(ch),
                _ => out.push(ch.to_string()),
            }
        }
        out
    }

    #[test]
    fn words_as_jieba_cuts_them() {
        // Python's jieba.cut (HMM on) gives these words for these texts.
        assert_eq!(words("规模以上工业增加值"), ["规模", "以上", "工业", "增加值"]);
        assert_eq!(
            words("计算机、通信和其他电子设备制造业"),
            ["计算机", "、", "通信", "和", "其他", "电子设备", "制造业"]
        );
        assert_eq!(
            words("关于印发江淮高新技术产业开发区2024年优化营商环境工作要点的通知"),
            [
                "关于",
                "印发",
                "江淮",
                "高新技术",
                "产业",
                "开发区",
                "2024",
                "年",
                "优化",
                "营商",
                "环境",
                "工作",
                "要点",
                "的",
                "通知"
            ]
        );
    }

    #[test]
    fn runs_the_dictionary_does_not_join_go_through_the_model() {
        // "总结暨" is no dictionary word; jieba's model joins it.
        assert_eq!(words("工作总结暨计划"), ["工作", "总结暨", "计划"]);
    }

    #[test]
    fn every_character_is_counted() {
        let text = "R&D经费投入强度达到2.5%（全省第一）";
        assert_eq!(word_starts(text).len(), text.chars().count());
        assert!(word_starts("").is_empty());
    }
}
