//! Heading numbers as Word list numbering: each heading style is bound to a level of one
//! list, so that a heading a clerk inserts, moves or deletes in Word or WPS renumbers the
//! rest, while the numbers read as the PDF prints them (一、 （一） 1. （1）).

use docx_rs::{
    AbstractNumbering, IndentLevel, Level, LevelJc, LevelSuffixType, LevelText, NumberFormat, Numbering, NumberingId,
    Start,
};

use crate::template::{NumberPart, NumberStyle, Template};

/// The list the heading styles number with. docx-rs writes a list of its own as number 1
/// (abstract list 1) into every numbering part, so the headings take number 2.
pub const HEADING_LIST: usize = 2;

/// The list numbering the heading levels of `template`: level `i` (0-based) formats the
/// pattern of heading level `i + 1`, with no tab or space after the number (the pattern
/// carries its own "、" or full-width space, as the PDF prints it). The paragraphs keep their
/// style's indent: a level sets none.
pub fn heading_list(template: &Template, style_id: impl Fn(usize) -> String) -> (AbstractNumbering, Numbering) {
    let own_styles: Vec<Option<NumberStyle>> = (1..=template.headings.len())
        .map(|level| {
            template.heading_number_parts(level).into_iter().find_map(|part| match part {
                NumberPart::Number { level: k, style } if k == level => Some(style),
                _ => None,
            })
        })
        .collect();
    let mut list = AbstractNumbering::new(HEADING_LIST);
    for (i, own) in own_styles.iter().enumerate() {
        let level = i + 1;
        let parts = template.heading_number_parts(level);
        let mut text = String::new();
        // Word writes every level a pattern shows in that level's own format; a pattern that
        // shows a level above in Arabic where that level is Chinese (一 → 1.1) asks for the
        // legal style, which writes them all in Arabic.
        let mut legal = false;
        for part in &parts {
            match part {
                NumberPart::Text(t) => text.push_str(&t.replace('%', "%%")),
                NumberPart::Number { level: k, style } => {
                    text.push_str(&format!("%{k}"));
                    legal |= *k < level
                        && *style == NumberStyle::Arabic
                        && own_styles.get(k - 1).copied().flatten() == Some(NumberStyle::Chinese);
                }
            }
        }
        let format = match own {
            Some(NumberStyle::Chinese) => "chineseCounting",
            _ => "decimal",
        };
        let mut word_level =
            Level::new(i, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left"))
                .suffix(LevelSuffixType::Nothing)
                .paragraph_style(style_id(level));
        if legal {
            word_level = word_level.is_lgl();
        }
        list = list.add_level(word_level);
    }
    (list, Numbering::new(HEADING_LIST, HEADING_LIST))
}

/// The numbering property a heading style of `level` (1-based) carries.
pub fn heading_level(level: usize) -> (NumberingId, IndentLevel) {
    (NumberingId::new(HEADING_LIST), IndentLevel::new(level - 1))
}
