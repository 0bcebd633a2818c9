//! The finishing pass over the XML docx-rs writes: children in the order the WordprocessingML
//! schema requires (docx-rs writes `pPr`, `rPr`, `style`, `tblPr`, `sectPr` and others out of
//! order, which Word answers by "repairing" the file) and attributes the schema does not know
//! removed. quick-xml reads each part into a small tree, which is sorted and written back.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Each container's children in schema order (ECMA-376 Part 1, the CT_* sequences); a child
/// not listed keeps its place after the listed ones.
const ORDERS: &[(&str, &[&str])] = &[
    ("w:pBdr", &["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"]),
    ("w:numPr", &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"]),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
        ],
    ),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
    ),
    (
        "w:settings",
        &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:doNotDisplayPageBoundaries",
            "w:displayBackgroundShape",
            "w:printPostScriptOverText",
            "w:printFractionalCharacterWidth",
            "w:printFormsData",
            "w:embedTrueTypeFonts",
            "w:embedSystemFonts",
            "w:saveSubsetFonts",
            "w:saveFormsData",
            "w:mirrorMargins",
            "w:alignBordersAndEdges",
            "w:bordersDoNotSurroundHeader",
            "w:bordersDoNotSurroundFooter",
            "w:gutterAtTop",
            "w:hideSpellingErrors",
            "w:hideGrammaticalErrors",
            "w:activeWritingStyle",
            "w:proofState",
            "w:formsDesign",
            "w:attachedTemplate",
            "w:linkStyles",
            "w:stylePaneFormatFilter",
            "w:stylePaneSortMethod",
            "w:documentType",
            "w:mailMerge",
            "w:revisionView",
            "w:trackRevisions",
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:autoFormatOverride",
            "w:styleLockTheme",
            "w:styleLockQFSet",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:consecutiveHyphenLimit",
            "w:hyphenationZone",
            "w:doNotHyphenateCaps",
            "w:showEnvelope",
            "w:summaryLength",
            "w:clickAndTypeStyle",
            "w:defaultTableStyle",
            "w:evenAndOddHeaders",
            "w:bookFoldRevPrinting",
            "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets",
            "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery",
            "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin",
            "w:drawingGridVerticalOrigin",
            "w:doNotShadeFormData",
            "w:noPunctuationKerning",
            "w:characterSpacingControl",
            "w:printTwoOnOne",
            "w:strictFirstAndLastChars",
            "w:noLineBreaksAfter",
            "w:noLineBreaksBefore",
            "w:savePreviewPicture",
            "w:doNotValidateAgainstSchema",
            "w:saveInvalidXml",
            "w:ignoreMixedContent",
            "w:alwaysShowPlaceholderText",
            "w:doNotDemarcateInvalidXml",
            "w:saveXmlDataOnly",
            "w:useXSLTWhenSaving",
            "w:saveThroughXslt",
            "w:showXMLTags",
            "w:alwaysMergeEmptyNamespace",
            "w:updateFields",
            "w:hdrShapeDefaults",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "m:mathPr",
            "w:attachedSchema",
            "w:themeFontLang",
            "w:clrSchemeMapping",
            "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures",
            "w:forceUpgrade",
            "w:captions",
            "w:readModeInkLockDown",
            "w:smartTagType",
            "sl:schemaLibrary",
            "w:shapeDefaults",
            "w:doNotEmbedSmartTags",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
];

/// Attributes docx-rs writes that the schema does not declare: (element, attribute).
const UNDECLARED: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// A node of a part: an element, or anything else kept as the bytes it was read as.
enum Node {
    Element(Element),
    Raw(Vec<u8>),
}

struct Element {
    /// The start tag as read (name and attributes).
    start: BytesStart<'static>,
    children: Vec<Node>,
}

/// `xml` with every container's children in schema order and undeclared attributes gone.
/// A part that cannot be read is returned as it was: the pass only ever tidies.
pub fn finish(xml: &[u8]) -> Vec<u8> {
    match read(xml) {
        Some(nodes) => {
            let mut writer = Writer::new(Vec::with_capacity(xml.len()));
            write(&mut writer, nodes);
            writer.into_inner()
        }
        None => xml.to_vec(),
    }
}

fn read(xml: &[u8]) -> Option<Vec<Node>> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer).ok()?;
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push(Element { start: tidy(start.into_owned()), children: Vec::new() });
                buffer.clear();
                continue;
            }
            Event::End(_) => Node::Element(stack.pop()?),
            Event::Empty(start) => Node::Element(Element { start: tidy(start.into_owned()), children: Vec::new() }),
            other => {
                let mut raw = Writer::new(Vec::new());
                raw.write_event(other).ok()?;
                Node::Raw(raw.into_inner())
            }
        };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
        buffer.clear();
    }
    stack.is_empty().then_some(top)
}

/// The start tag without the attributes the schema does not declare.
fn tidy(start: BytesStart<'static>) -> BytesStart<'static> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    if !UNDECLARED.iter().any(|(element, _)| *element == name) {
        return start;
    }
    let mut kept = BytesStart::new(name.clone());
    for attribute in start.attributes().flatten() {
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        if !UNDECLARED.iter().any(|(element, undeclared)| *element == name && *undeclared == key) {
            kept.push_attribute(attribute);
        }
    }
    kept
}

fn write(writer: &mut Writer<Vec<u8>>, nodes: Vec<Node>) {
    for node in nodes {
        match node {
            Node::Raw(bytes) => writer.get_mut().extend_from_slice(&bytes),
            Node::Element(mut element) => {
                let name = String::from_utf8_lossy(element.start.name().as_ref()).into_owned();
                if name == "w:pPr" {
                    // An empty w:rPr in a paragraph's properties says nothing, and a style's
                    // paragraph properties may not hold one at all.
                    element.children.retain(|child| !matches!(child, Node::Element(e) if is_empty_rpr(e)));
                }
                if let Some((_, order)) = ORDERS.iter().find(|(container, _)| *container == name) {
                    let rank = |node: &Node| match node {
                        Node::Element(child) => {
                            let child = String::from_utf8_lossy(child.start.name().as_ref()).into_owned();
                            order.iter().position(|o| *o == child).unwrap_or(order.len())
                        }
                        Node::Raw(_) => order.len(),
                    };
                    element.children.sort_by_key(rank);
                }
                if element.children.is_empty() {
                    writer.write_event(Event::Empty(element.start)).expect("writing to memory");
                } else {
                    let end = element.start.to_end().into_owned();
                    writer.write_event(Event::Start(element.start)).expect("writing to memory");
                    write(writer, element.children);
                    writer.write_event(Event::End(end)).expect("writing to memory");
                }
            }
        }
    }
}

fn is_empty_rpr(element: &Element) -> bool {
    element.start.name().as_ref() == b"w:rPr"
        && element.children.is_empty()
        && element.start.attributes().next().is_none()
}

#[cfg(test)]
mod tests {
    use super::finish;

    /// Children in schema order; an empty w:rPr in w:pPr dropped.
    #[test]
    fn children_take_the_schema_order() {
        let xml = r#"<w:p><w:pPr><w:rPr /><w:jc w:val="center" /><w:pStyle w:val="Title" /></w:pPr><w:r><w:t xml:space="preserve">标题 &amp; 副题</w:t></w:r></w:p>"#;
        let out = String::from_utf8(finish(xml.as_bytes())).unwrap();
        assert_eq!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="Title" /><w:jc w:val="center" /></w:pPr><w:r><w:t xml:space="preserve">标题 &amp; 副题</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn undeclared_attributes_go() {
        let out = String::from_utf8(finish(br#"<w:tblGrid><w:gridCol w:w="300" w:type="dxa" /></w:tblGrid>"#)).unwrap();
        assert_eq!(out, r#"<w:tblGrid><w:gridCol w:w="300"/></w:tblGrid>"#);
    }
}
