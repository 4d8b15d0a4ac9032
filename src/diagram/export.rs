//! A drawing as a file: SVG as laid out, PNG rendered from that SVG (`resvg`), PDF with the drawing
//! on an A4 or A3 page (`svg2pdf`, text kept as text). Both read the SVG with the built-in Vazirmatn
//! only, so the output is the same on every PC whatever fonts it has.

use std::path::Path;
use std::sync::Arc;

use resvg::tiny_skia;
use resvg::usvg;

use super::Highlight;
use super::layout::Layout;
use super::svg;
use crate::fonts::{VAZIRMATN_BOLD, VAZIRMATN_REGULAR};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
}

impl Format {
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// From the file name's extension.
    pub fn of_path(path: &Path) -> Option<Self> {
        path.extension().and_then(|e| e.to_str()).and_then(Self::parse)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error("the drawing could not be read back as SVG: {0}")]
    Svg(String),
    #[error("the drawing is too large for an image")]
    TooLarge,
    #[error("PNG encoding failed: {0}")]
    Png(String),
    #[error("PDF conversion failed: {0}")]
    Pdf(String),
}

/// Pixels per layout unit in a PNG: twice the screen size, sharp when printed or zoomed.
pub const PNG_SCALE: f32 = 2.0;
/// ISO paper in points, portrait.
const A4: (f32, f32) = (595.28, 841.89);
const A3: (f32, f32) = (841.89, 1190.55);
const PAGE_MARGIN: f32 = 28.35; // 1 cm
/// Below this scale on A4 the text gets too small to read on a wall, and A3 is used.
const A4_READABLE: f32 = 0.7;

/// The file's bytes.
pub fn export(layout: &Layout, highlight: Highlight<'_>, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Svg => Ok(svg::render(layout, highlight).into_bytes()),
        Format::Png => png(layout, highlight),
        Format::Pdf => pdf(layout, highlight),
    }
}

fn tree(svg_text: &str) -> Result<usvg::Tree, ExportError> {
    let mut options = usvg::Options::default();
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(VAZIRMATN_REGULAR.to_vec());
    fonts.load_font_data(VAZIRMATN_BOLD.to_vec());
    fonts.set_sans_serif_family("Vazirmatn");
    options.fontdb = Arc::new(fonts);
    usvg::Tree::from_str(svg_text, &options).map_err(|e| ExportError::Svg(e.to_string()))
}

fn png(layout: &Layout, highlight: Highlight<'_>) -> Result<Vec<u8>, ExportError> {
    let tree = tree(&svg::render(layout, highlight))?;
    let size = tree.size().to_int_size().scale_by(PNG_SCALE).ok_or(ExportError::TooLarge)?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or(ExportError::TooLarge)?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ExportError::Png(e.to_string()))
}

fn pdf(layout: &Layout, highlight: Highlight<'_>) -> Result<Vec<u8>, ExportError> {
    let page = page_for(layout);
    let tree = tree(&svg::render_page(layout, highlight, page, PAGE_MARGIN))?;
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), svg2pdf::PageOptions::default())
        .map_err(|e| ExportError::Pdf(e.to_string()))
}

/// A4 when the drawing is readable on it, else A3; portrait or landscape, whichever shows it larger.
pub fn page_for(layout: &Layout) -> (f32, f32) {
    let best = |(w, h): (f32, f32)| {
        let (portrait, landscape) = ((w, h), (h, w));
        if svg::page_scale(layout, landscape, PAGE_MARGIN) > svg::page_scale(layout, portrait, PAGE_MARGIN) {
            landscape
        } else {
            portrait
        }
    };
    let a4 = best(A4);
    if svg::page_scale(layout, a4, PAGE_MARGIN) >= A4_READABLE { a4 } else { best(A3) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{FontMeasure, Options, layout};
    use crate::domain::workflow::tests::sample;

    fn sample_layout() -> Layout {
        layout(&sample(), FontMeasure::shared().unwrap_or_else(|e| panic!("{e}")), &Options::default())
    }

    #[test]
    fn formats_come_from_names_and_extensions() {
        assert_eq!(Format::parse("PNG"), Some(Format::Png));
        assert_eq!(Format::of_path(Path::new("a/b.pdf")), Some(Format::Pdf));
        assert_eq!(Format::of_path(Path::new("b.svg")), Some(Format::Svg));
        assert_eq!(Format::of_path(Path::new("b.txt")), None);
        assert_eq!(Format::of_path(Path::new("b")), None);
    }

    #[test]
    fn the_png_is_the_drawing_at_twice_its_size_with_ink_on_it() -> Result<(), ExportError> {
        let l = sample_layout();
        let bytes = export(&l, Highlight::default(), Format::Png)?;
        let pixmap = tiny_skia::Pixmap::decode_png(&bytes).map_err(|e| ExportError::Png(e.to_string()))?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let expected = ((l.width * PNG_SCALE).round() as u32, (l.height * PNG_SCALE).round() as u32);
        assert!(pixmap.width().abs_diff(expected.0) <= 2 && pixmap.height().abs_diff(expected.1) <= 2);
        // Text and lines are dark: a good share of the pixels inside the first box is ink.
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 500, "only {dark} dark pixels");
        Ok(())
    }

    #[test]
    fn the_pdf_is_one_page_with_the_font_embedded() -> Result<(), ExportError> {
        let bytes = export(&sample_layout(), Highlight::default(), Format::Pdf)?;
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-"));
        assert_eq!(text.lines().filter(|l| l.trim() == "/Type /Page").count(), 1, "one page");
        assert!(text.contains("Vazirmatn") && text.contains("/ToUnicode"), "the font is embedded with its text mapping");
        assert!(text.contains("/MediaBox [0 0 595.3 841.9]"), "A4 portrait");
        Ok(())
    }

    #[test]
    fn a_tall_drawing_goes_on_a3_when_a4_would_shrink_it_too_much() {
        let mut l = sample_layout();
        assert_eq!(page_for(&l), A4);
        l.height = 2000.0;
        assert_eq!(page_for(&l), A3);
        l.width = 2000.0;
        l.height = 400.0;
        assert_eq!(page_for(&l), (A3.1, A3.0), "wide drawings lie landscape");
    }
}
