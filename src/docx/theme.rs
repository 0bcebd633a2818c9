//! The theme part Word expects beside every document: colours, fonts and formats. Its
//! East Asian fonts are the template's body and heading typefaces, so that text set in
//! "theme fonts" (a clerk's new paragraphs, say) still comes out in them.

use super::xml_escape;

/// `word/theme/theme1.xml` with `minor` as the body font and `major` as the heading font.
pub fn theme(minor: &str, major: &str) -> String {
    let colors = [
        ("dk1", r#"<a:sysClr val="windowText" lastClr="000000"/>"#),
        ("lt1", r#"<a:sysClr val="window" lastClr="FFFFFF"/>"#),
        ("dk2", r#"<a:srgbClr val="44546A"/>"#),
        ("lt2", r#"<a:srgbClr val="E7E6E6"/>"#),
        ("accent1", r#"<a:srgbClr val="2F5597"/>"#),
        ("accent2", r#"<a:srgbClr val="C00000"/>"#),
        ("accent3", r#"<a:srgbClr val="A5A5A5"/>"#),
        ("accent4", r#"<a:srgbClr val="FFC000"/>"#),
        ("accent5", r#"<a:srgbClr val="5B9BD5"/>"#),
        ("accent6", r#"<a:srgbClr val="70AD47"/>"#),
        ("hlink", r#"<a:srgbClr val="0563C1"/>"#),
        ("folHlink", r#"<a:srgbClr val="954F72"/>"#),
    ];
    let scheme: String = colors.iter().map(|(name, color)| format!("<a:{name}>{color}</a:{name}>")).collect();
    let font = |ea: &str| format!(r#"<a:latin typeface="Times New Roman"/><a:ea typeface="{ea}"/><a:cs typeface=""/>"#);
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = |w: u32| format!(r#"<a:ln w="{w}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="baogao">"#,
            r#"<a:themeElements><a:clrScheme name="baogao">{scheme}</a:clrScheme>"#,
            r#"<a:fontScheme name="baogao"><a:majorFont>{major}</a:majorFont><a:minorFont>{minor}</a:minorFont></a:fontScheme>"#,
            r#"<a:fmtScheme name="baogao"><a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst>"#,
            r#"<a:lnStyleLst>{l1}{l2}{l3}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"#,
            r#"<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        scheme = scheme,
        major = font(&xml_escape(major)),
        minor = font(&xml_escape(minor)),
        solid = solid,
        l1 = line(6350),
        l2 = line(12700),
        l3 = line(19050),
    )
}
