//! Compiles the word list for line breaking (`data/jieba/dict.txt`: "word frequency" lines)
//! into a finite-state map from word to frequency in OUT_DIR, with the frequencies' total
//! (the segmenter's probabilities are frequency / total), so the binary carries a ready
//! index: parsing the list at run time took 300 ms, longer than a whole export.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let source = Path::new("data/jieba/dict.txt");
    println!("cargo:rerun-if-changed={}", source.display());
    let text = fs::read_to_string(source).expect("data/jieba/dict.txt is readable");
    let mut words: Vec<(&str, u64)> = text
        .lines()
        .filter_map(|line| {
            let (word, freq) = line.split_once(' ')?;
            Some((word, freq.trim().parse().ok()?))
        })
        .collect();
    words.sort_unstable();
    words.dedup_by(|a, b| a.0 == b.0);
    let total: u64 = words.iter().map(|w| w.1).sum();
    let mut map = fst::MapBuilder::memory();
    for (word, freq) in &words {
        map.insert(word, *freq).expect("sorted, unique words");
    }
    let bytes = map.into_inner().expect("an in-memory map");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out).join("words.fst"), bytes).expect("OUT_DIR is writable");
    let longest = words.iter().map(|w| w.0.chars().count()).max().unwrap_or(1);
    fs::write(
        Path::new(&out).join("words.rs"),
        format!("/// Sum of the word list's frequencies.\npub(crate) const TOTAL: u64 = {total};\n/// Characters of its longest word.\npub(crate) const LONGEST: usize = {longest};\n"),
    )
    .expect("OUT_DIR is writable");
}
