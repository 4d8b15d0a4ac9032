//! Pages of laid-out lines and rectangles written as PDF (pdf-writer).
//!
//! Why not printpdf 0.12: its HTML path drops the space between a Persian word and a following
//! number and does not mirror brackets, and its `ShowText` path extracts in visual (reversed)
//! order. Here every line is a marked-content span with `/ActualText` holding its logical text, so
//! `pdftotext` and copy-paste give back what was typed, whatever the glyph order on the page;
//! glyphs are addressed by id in a subset of Vazirmatn (subsetter) embedded as a CID font, with a
//! `ToUnicode` map as a second source for tools that ignore `/ActualText`.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use super::PrintError;
use super::shape::{Font, Fonts, Line, Weight};

/// Paper sizes in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub const A4: Self = Self { width: 595.28, height: 841.89 };
    pub const A5: Self = Self { width: 419.53, height: 595.28 };
}

/// Something drawn on a page. `y` is the baseline of a text line, from the page's bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        line: Line,
        x: f32,
        y: f32,
        gray: f32,
    },
    /// Filled rectangles (x, y, width, height), one path: QR modules, rules.
    Fill {
        rects: Vec<[f32; 4]>,
        gray: f32,
    },
    /// A stroked rectangle: a frame.
    Frame {
        rect: [f32; 4],
        width: f32,
        gray: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub size: PageSize,
    pub marks: Vec<Mark>,
}

/// The glyphs each font uses, remapped to the subset's consecutive ids.
struct Subsets {
    maps: BTreeMap<Weight, (GlyphRemapper, BTreeMap<u16, String>)>,
}

impl Subsets {
    fn collect(pages: &[Page]) -> Self {
        let mut maps: BTreeMap<Weight, (GlyphRemapper, BTreeMap<u16, String>)> = BTreeMap::new();
        for mark in pages.iter().flat_map(|p| &p.marks) {
            if let Mark::Text { line, .. } = mark {
                let (remapper, texts) = maps.entry(line.weight).or_insert_with(|| (GlyphRemapper::new(), BTreeMap::new()));
                for glyph in &line.glyphs {
                    let new = remapper.remap(glyph.id);
                    if !glyph.text.is_empty() {
                        texts.entry(new).or_insert_with(|| glyph.text.clone());
                    }
                }
            }
        }
        Self { maps }
    }

    /// Whether the `ToUnicode` entry of the glyph's id says exactly the glyph's text.
    fn maps_to(&self, weight: Weight, glyph: &super::shape::Glyph) -> bool {
        let id = self.id(weight, glyph.id);
        self.maps.get(&weight).and_then(|(_, texts)| texts.get(&id)).is_some_and(|t| *t == glyph.text)
    }

    fn id(&self, weight: Weight, glyph: u16) -> u16 {
        self.maps.get(&weight).and_then(|(r, _)| r.get(glyph)).unwrap_or(0)
    }
}

fn font_name(weight: Weight) -> Name<'static> {
    match weight {
        Weight::Regular => Name(b"F1"),
        Weight::Bold => Name(b"F2"),
    }
}

/// Allocates object numbers in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// The whole document as PDF bytes.
pub fn write(pages: &[Page], fonts: &Fonts, title: &str) -> Result<Vec<u8>, PrintError> {
    let subsets = Subsets::collect(pages);
    let mut pdf = Pdf::new();
    let mut refs = Refs(0);
    let catalog = refs.next();
    let tree = refs.next();
    let info = refs.next();
    let font_refs: Vec<(Weight, Ref)> = subsets.maps.keys().map(|w| (*w, refs.next())).collect();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (refs.next(), refs.next())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_refs.iter().map(|(page, _)| *page)).count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    pdf.document_info(info).title(TextStr(title)).producer(TextStr("Bakhshyar"));
    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut writer = pdf.page(*page_ref);
        writer.parent(tree).media_box(Rect::new(0.0, 0.0, page.size.width, page.size.height)).contents(*content_ref);
        let mut resources = writer.resources();
        let mut dict = resources.fonts();
        for (weight, font_ref) in &font_refs {
            dict.pair(font_name(*weight), *font_ref);
        }
        dict.finish();
        resources.finish();
        writer.finish();
        let content = deflate(&draw(page, &subsets, fonts).finish());
        pdf.stream(*content_ref, &content).filter(Filter::FlateDecode);
    }
    for (weight, font_ref) in &font_refs {
        let (remapper, texts) = subsets.maps.get(weight).ok_or(PrintError::Font)?;
        embed_font(&mut pdf, &mut refs, *font_ref, fonts.get(*weight), remapper, texts)?;
    }
    Ok(pdf.finish())
}

fn draw(page: &Page, subsets: &Subsets, fonts: &Fonts) -> Content {
    let mut content = Content::new();
    for mark in &page.marks {
        match mark {
            Mark::Text { line, x, y, gray } => draw_line(&mut content, line, *x, *y, *gray, subsets, fonts.get(line.weight)),
            Mark::Fill { rects, gray } => {
                content.set_fill_gray(*gray);
                for [x, y, w, h] in rects {
                    content.rect(*x, *y, *w, *h);
                }
                content.fill_nonzero();
            }
            Mark::Frame { rect: [x, y, w, h], width, gray } => {
                content.set_stroke_gray(*gray).set_line_width(*width).rect(*x, *y, *w, *h).stroke();
            }
        }
    }
    content
}

/// One line, glyph by glyph in visual order, at the positions shaping gave them: a reader
/// (poppler, pdf.js) maps each glyph to text through the `ToUnicode` map and rebuilds the logical
/// order from the positions with its own bidi pass. A glyph whose text differs from its map entry
/// (ZWNJ drawn as the zero-width space glyph, a mark inside a cluster) is wrapped in a span with
/// `/ActualText`, so that it says exactly its own text and no more.
fn draw_line(content: &mut Content, line: &Line, x: f32, y: f32, gray: f32, subsets: &Subsets, font: &Font) {
    content.begin_text().set_fill_gray(gray).set_font(font_name(line.weight), line.size);
    let scale = line.size / font.units_per_em();
    let mut index = 0;
    while index < line.glyphs.len() {
        let first = &line.glyphs[index];
        let special = !subsets.maps_to(line.weight, first);
        // A run: glyphs on one baseline that the map names correctly; a special glyph runs alone.
        let mut end = index + 1;
        while !special
            && end < line.glyphs.len()
            && (line.glyphs[end].y - first.y).abs() < f32::EPSILON
            && subsets.maps_to(line.weight, &line.glyphs[end])
        {
            end += 1;
        }
        if special {
            content.end_text();
            content.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(&first.text));
            content.begin_text().set_fill_gray(gray).set_font(font_name(line.weight), line.size);
        }
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x + first.x, y + first.y]);
        let mut shown = content.show_positioned();
        let mut items = shown.items();
        for (i, glyph) in line.glyphs[index..end].iter().enumerate() {
            if i > 0 {
                let previous = &line.glyphs[index + i - 1];
                let gap = glyph.x - (previous.x + f32::from(font.advance(previous.id)) * scale);
                if gap.abs() > 0.01 {
                    items.adjust(-gap * 1000.0 / line.size);
                }
            }
            items.show(Str(&subsets.id(line.weight, glyph.id).to_be_bytes()));
        }
        items.finish();
        shown.finish();
        if special {
            content.end_text();
            content.end_marked_content();
            content.begin_text().set_fill_gray(gray).set_font(font_name(line.weight), line.size);
        }
        index = end;
    }
    content.end_text();
}

fn embed_font(
    pdf: &mut Pdf,
    refs: &mut Refs,
    font_ref: Ref,
    font: &Font,
    remapper: &GlyphRemapper,
    texts: &BTreeMap<u16, String>,
) -> Result<(), PrintError> {
    let cid_ref = refs.next();
    let descriptor_ref = refs.next();
    let file_ref = refs.next();
    let cmap_ref = refs.next();
    let base = match font.weight {
        Weight::Regular => Name(b"BKSYAR+Vazirmatn-Regular"),
        Weight::Bold => Name(b"BKSYAR+Vazirmatn-Bold"),
    };
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    pdf.type0_font(font_ref)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);
    let per_unit = 1000.0 / font.units_per_em();
    let widths: Vec<f32> = remapper.remapped_gids().map(|old| f32::from(font.advance(old)) * per_unit).collect();
    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(CidFontType::Type2).base_font(base).system_info(system).font_descriptor(descriptor_ref);
    cid.cid_to_gid_map_predefined(Name(b"Identity"));
    cid.widths().consecutive(0, widths);
    cid.finish();
    let (ascent, descent) = font.metrics();
    let (ascent, descent) = (f32::from(ascent) * per_unit, f32::from(descent) * per_unit);
    pdf.font_descriptor(descriptor_ref)
        .name(base)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(0.0, descent, 1000.0, ascent))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(ascent * 0.7)
        .stem_v(80.0)
        .font_file2(file_ref);
    let subset = subsetter::subset(font.data, 0, remapper).map_err(|_| PrintError::Font)?;
    pdf.stream(file_ref, &deflate(&subset)).filter(Filter::FlateDecode);
    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Bakhshyar-UTF16"), system);
    for (glyph, text) in texts {
        cmap.pair_with_multiple(*glyph, text.chars());
    }
    pdf.cmap(cmap_ref, &cmap.finish());
    Ok(())
}
