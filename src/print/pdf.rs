//! Pages of laid-out lines and rectangles written as PDF (pdf-writer).
//!
//! Why not printpdf 0.12: its HTML path drops the space between a Persian word and a following
//! number and does not mirror brackets, and its `ShowText` path extracts in visual (reversed)
//! order. Here every line is a marked-content span with `/ActualText` holding its logical text, so
//! `pdftotext` and copy-paste give back what was typed, whatever the glyph order on the page;
//! glyphs are addressed by id in a subset of Vazirmatn (subsetter) embedded as a CID font, with a
//! `ToUnicode` map as a second source for tools that ignore `/ActualText`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use super::PrintError;
use super::extract::{Said, said};
use super::image::{Image, Pixels};
use crate::shaping::{Font, Fonts, Line, Weight};

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
    /// An image filling the rectangle (x, y, width, height).
    Image {
        image: Arc<Image>,
        rect: [f32; 4],
    },
    /// A stroked rectangle: a frame.
    Frame {
        rect: [f32; 4],
        width: f32,
        gray: f32,
    },
}

/// A page and its reading direction (the document's language).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub size: PageSize,
    pub rtl: bool,
    pub marks: Vec<Mark>,
}

/// The glyphs each font uses, remapped to the subset's consecutive ids.
struct Subsets {
    maps: BTreeMap<Weight, (GlyphRemapper, BTreeMap<u16, String>)>,
}

impl Subsets {
    fn collect(pages: &[Page], said: &[Vec<Option<Said>>]) -> Self {
        let mut maps: BTreeMap<Weight, (GlyphRemapper, BTreeMap<u16, String>)> = BTreeMap::new();
        for (mark, said) in pages.iter().flat_map(|p| &p.marks).zip(said.iter().flatten()) {
            if let (Mark::Text { line, .. }, Some(said)) = (mark, said) {
                let (remapper, texts) = maps.entry(line.weight).or_insert_with(|| (GlyphRemapper::new(), BTreeMap::new()));
                for (glyph, text) in line.glyphs.iter().zip(&said.glyphs) {
                    let new = remapper.remap(glyph.id);
                    if !text.is_empty() {
                        texts.entry(new).or_insert_with(|| text.clone());
                    }
                }
            }
        }
        Self { maps }
    }

    /// Whether the `ToUnicode` entry of the glyph's id says exactly `text`.
    fn maps_to(&self, weight: Weight, glyph: u16, text: &str) -> bool {
        let id = self.id(weight, glyph);
        self.maps.get(&weight).and_then(|(_, texts)| texts.get(&id)).is_some_and(|t| t == text)
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

/// Zlib at miniz's fastest level: the font subsets and page contents of a document are small,
/// and a single print should not wait for the last few percent of size.
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 1)
}

/// The whole document as PDF bytes.
pub fn write(pages: &[Page], fonts: &Fonts, title: &str) -> Result<Vec<u8>, PrintError> {
    let said: Vec<Vec<Option<Said>>> = pages
        .iter()
        .map(|p| p.marks.iter().map(|m| if let Mark::Text { line, .. } = m { Some(said(line)) } else { None }).collect())
        .collect();
    let subsets = Subsets::collect(pages, &said);
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
    for ((page, said), (page_ref, content_ref)) in pages.iter().zip(&said).zip(&page_refs) {
        let mut writer = pdf.page(*page_ref);
        writer.parent(tree).media_box(Rect::new(0.0, 0.0, page.size.width, page.size.height)).contents(*content_ref);
        let mut resources = writer.resources();
        let mut dict = resources.fonts();
        for (weight, font_ref) in &font_refs {
            dict.pair(font_name(*weight), *font_ref);
        }
        dict.finish();
        let images: Vec<(&Image, Ref)> = page
            .marks
            .iter()
            .filter_map(|m| if let Mark::Image { image, .. } = m { Some((image.as_ref(), refs.next())) } else { None })
            .collect();
        if !images.is_empty() {
            let mut objects = resources.x_objects();
            for (index, (_, image_ref)) in images.iter().enumerate() {
                objects.pair(Name(image_name(index).as_bytes()), *image_ref);
            }
        }
        resources.finish();
        writer.finish();
        for (image, image_ref) in images {
            embed_image(&mut pdf, &mut refs, image_ref, image);
        }
        let content = deflate(&draw(page, said, &subsets, fonts).finish());
        pdf.stream(*content_ref, &content).filter(Filter::FlateDecode);
    }
    for (weight, font_ref) in &font_refs {
        let (remapper, texts) = subsets.maps.get(weight).ok_or(PrintError::Font)?;
        embed_font(&mut pdf, &mut refs, *font_ref, fonts.get(*weight), remapper, texts)?;
    }
    Ok(pdf.finish())
}

fn image_name(index: usize) -> String {
    format!("Im{}", index + 1)
}

fn draw(page: &Page, said: &[Option<Said>], subsets: &Subsets, fonts: &Fonts) -> Content {
    let mut content = Content::new();
    let mut images = 0;
    for (mark, said) in page.marks.iter().zip(said) {
        match mark {
            Mark::Image { rect: [x, y, w, h], .. } => {
                content.save_state().transform([*w, 0.0, 0.0, *h, *x, *y]);
                content.x_object(Name(image_name(images).as_bytes())).restore_state();
                images += 1;
            }
            Mark::Text { line, x, y, gray } => {
                let Some(said) = said else { continue };
                let pen = Pen { line, x: *x, y: *y, gray: *gray, font: fonts.get(line.weight) };
                pen.draw(&mut content, said, subsets);
            }
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
    tip_direction(&mut content, page, said, subsets);
    content
}

/// Poppler takes a page's main direction from the majority of strong letters on it (left-to-right
/// ones against right-to-left ones) and reads every line that way; an English page with long
/// Persian values, or the reverse, would be read backwards. When the letters outvote the page's
/// language, an invisible glyph in the page's corner says enough LEFT-TO-RIGHT or RIGHT-TO-LEFT
/// MARKs (`/ActualText`) to tip the vote back.
fn tip_direction(content: &mut Content, page: &Page, said: &[Option<Said>], subsets: &Subsets) {
    let mut balance: i64 = 0;
    for said in said.iter().flatten() {
        let covered = |i: usize| said.spans.iter().any(|(r, _)| r.contains(&i));
        let texts = said.glyphs.iter().enumerate().filter(|(i, _)| !covered(*i)).map(|(_, t)| t.as_str());
        for c in texts.chain(said.spans.iter().map(|(_, t)| t.as_str())).flat_map(str::chars) {
            balance += super::extract::strength(c);
        }
    }
    let (mark, count) = match (page.rtl, balance) {
        (true, b) if b >= 0 => ('\u{200F}', b + 1),
        (false, b) if b < 0 => ('\u{200E}', -b),
        _ => return,
    };
    let Some((weight, glyph)) = page.marks.iter().find_map(|m| match m {
        Mark::Text { line, .. } => line.glyphs.first().map(|g| (line.weight, g.id)),
        _ => None,
    }) else {
        return;
    };
    let text: String = std::iter::repeat_n(mark, usize::try_from(count).unwrap_or(0)).collect();
    content.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(&text));
    content.begin_text().set_text_rendering_mode(TextRenderingMode::Invisible).set_font(font_name(weight), 1.0);
    content.set_text_matrix([1.0, 0.0, 0.0, 1.0, 1.0, 1.0]);
    content.show(Str(&subsets.id(weight, glyph).to_be_bytes()));
    content.end_text();
    content.end_marked_content();
}

/// Where and how one line is drawn.
struct Pen<'a> {
    line: &'a Line,
    x: f32,
    y: f32,
    gray: f32,
    font: &'a Font,
}

impl Pen<'_> {
    /// The line, glyph by glyph in visual order, at the positions shaping gave them: a reader
    /// (poppler, pdf.js) maps each glyph to text through the `ToUnicode` map and rebuilds the
    /// logical order from the positions with its own bidi pass (see `extract`). A glyph whose
    /// text differs from its map entry (ZWNJ drawn as the zero-width space glyph, a mark inside a
    /// cluster, a glyph with a bidi mark) is wrapped in a span with `/ActualText`, so that it says
    /// exactly its own text and no more; so are `extract`'s spans.
    fn draw(&self, content: &mut Content, said: &Said, subsets: &Subsets) {
        let glyphs = &self.line.glyphs;
        self.begin(content);
        let mut index = 0;
        while index < glyphs.len() {
            if let Some((range, text)) = said.spans.iter().find(|(r, _)| r.start == index) {
                self.actual(content, text, range.clone(), subsets);
                index = range.end.max(index + 1);
                continue;
            }
            let text = said.glyphs.get(index).map_or("", String::as_str);
            if !subsets.maps_to(self.line.weight, glyphs[index].id, text) {
                self.actual(content, text, index..index + 1, subsets);
                index += 1;
                continue;
            }
            // A run: glyphs on one baseline that the map names correctly, up to the next span.
            let mut end = index + 1;
            while end < glyphs.len()
                && (glyphs[end].y - glyphs[index].y).abs() < f32::EPSILON
                && !said.spans.iter().any(|(r, _)| r.start == end)
                && subsets.maps_to(self.line.weight, glyphs[end].id, said.glyphs.get(end).map_or("", String::as_str))
            {
                end += 1;
            }
            self.show(content, index..end, subsets);
            index = end;
        }
        content.end_text();
    }

    fn begin(&self, content: &mut Content) {
        content.begin_text().set_fill_gray(self.gray).set_font(font_name(self.line.weight), self.line.size);
    }

    /// Draws what `show` draws inside a marked-content span saying `text`.
    fn actual(&self, content: &mut Content, text: &str, range: Range<usize>, subsets: &Subsets) {
        content.end_text();
        content.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(text));
        self.begin(content);
        self.show(content, range, subsets);
        content.end_text();
        content.end_marked_content();
        self.begin(content);
    }

    /// The glyphs of `range` as one positioned string.
    fn show(&self, content: &mut Content, range: Range<usize>, subsets: &Subsets) {
        let glyphs = &self.line.glyphs;
        let scale = self.line.size / self.font.units_per_em();
        let first = &glyphs[range.start];
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, self.x + first.x, self.y + first.y]);
        let mut shown = content.show_positioned();
        let mut items = shown.items();
        for i in range.clone() {
            if i > range.start {
                let previous = &glyphs[i - 1];
                let gap = glyphs[i].x - (previous.x + f32::from(self.font.advance(previous.id)) * scale);
                if gap.abs() > 0.01 {
                    items.adjust(-gap * 1000.0 / self.line.size);
                }
            }
            items.show(Str(&subsets.id(self.line.weight, glyphs[i].id).to_be_bytes()));
        }
        items.finish();
        shown.finish();
    }
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

/// The image as an `XObject`: a JPEG as it is, samples deflated, alpha as a soft mask.
fn embed_image(pdf: &mut Pdf, refs: &mut Refs, image_ref: Ref, image: &Image) {
    let (width, height) = (i32::try_from(image.width).unwrap_or(1), i32::try_from(image.height).unwrap_or(1));
    match &image.pixels {
        Pixels::Jpeg { data, channels } => {
            let mut object = pdf.image_xobject(image_ref, data);
            object.filter(Filter::DctDecode);
            object.width(width).height(height).bits_per_component(8);
            match channels {
                1 => object.color_space().device_gray(),
                4 => {
                    // Adobe's CMYK JPEGs store inverted values; the decode array turns them back.
                    object.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
                    object.color_space().device_cmyk();
                }
                _ => object.color_space().device_rgb(),
            }
        }
        Pixels::Raw { samples, rgb, alpha } => {
            let mask = alpha.as_ref().map(|alpha| {
                let mask_ref = refs.next();
                let data = deflate(alpha);
                let mut object = pdf.image_xobject(mask_ref, &data);
                object.filter(Filter::FlateDecode);
                object.width(width).height(height).bits_per_component(8);
                object.color_space().device_gray();
                mask_ref
            });
            let data = deflate(samples);
            let mut object = pdf.image_xobject(image_ref, &data);
            object.filter(Filter::FlateDecode);
            object.width(width).height(height).bits_per_component(8);
            if *rgb {
                object.color_space().device_rgb();
            } else {
                object.color_space().device_gray();
            }
            if let Some(mask_ref) = mask {
                object.s_mask(mask_ref);
            }
        }
    }
}
