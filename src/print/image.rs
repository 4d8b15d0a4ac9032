//! The office's emblem for the header: a JPEG goes into the PDF as it is (`DCTDecode`, only its
//! size and colour channels read from the frame header); a PNG is decoded (png, already built
//! for the diagrams' PNG output) to 8-bit samples, its alpha kept as a soft mask.

use std::path::Path;

/// An image ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub pixels: Pixels,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pixels {
    /// A whole JPEG file and its number of colour channels (1 grey, 3 RGB, 4 CMYK).
    Jpeg { data: Vec<u8>, channels: u8 },
    /// 8-bit grey or RGB samples, row by row, and the alpha channel if the PNG had one.
    Raw { samples: Vec<u8>, rgb: bool, alpha: Option<Vec<u8>> },
}

/// Why an image cannot be used. The reader's words are in the locales (`print-emblem-KEY`); the
/// English here is for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    #[error("no such file")]
    Missing,
    #[error("the file cannot be read")]
    Unreadable,
    #[error("not a PNG or JPEG file")]
    NotAnImage,
    #[error("a damaged JPEG file (no readable frame header)")]
    BrokenJpeg,
    #[error("a damaged PNG file")]
    BrokenPng,
}

impl Problem {
    /// The locale key's last part: `print-emblem-{key}`.
    pub fn key(self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::Unreadable => "unreadable",
            Problem::NotAnImage => "not-an-image",
            Problem::BrokenJpeg => "broken-jpeg",
            Problem::BrokenPng => "broken-png",
        }
    }
}

/// Reads and checks the image at `path`.
pub fn load(path: &Path) -> Result<Image, Problem> {
    let bytes = std::fs::read(path).map_err(|e| {
        tracing::warn!(path = %path.display(), error = %e, "office emblem unreadable");
        if e.kind() == std::io::ErrorKind::NotFound { Problem::Missing } else { Problem::Unreadable }
    })?;
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(&bytes)
    } else {
        Err(Problem::NotAnImage)
    }
}

/// Width, height and channels from the JPEG's start-of-frame segment.
fn jpeg(data: Vec<u8>) -> Result<Image, Problem> {
    let broken = || Problem::BrokenJpeg;
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return Err(broken());
        }
        let marker = data[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
        // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let frame = data.get(at + 4..at + 2 + length).filter(|f| f.len() >= 6).ok_or_else(broken)?;
            let height = u32::from(u16::from_be_bytes([frame[1], frame[2]]));
            let width = u32::from(u16::from_be_bytes([frame[3], frame[4]]));
            let channels = frame[5];
            if width == 0 || height == 0 || !matches!(channels, 1 | 3 | 4) || frame[0] != 8 {
                return Err(broken());
            }
            return Ok(Image { width, height, pixels: Pixels::Jpeg { data, channels } });
        }
        at += 2 + length;
    }
    Err(broken())
}

fn png(bytes: &[u8]) -> Result<Image, Problem> {
    let mut decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(::png::Transformations::normalize_to_color8());
    let broken = |e: ::png::DecodingError| {
        tracing::warn!(error = %e, "office emblem: PNG not decoded");
        Problem::BrokenPng
    };
    let mut reader = decoder.read_info().map_err(broken)?;
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).map_err(broken)?;
    buffer.truncate(frame.buffer_size());
    let (colour, alpha) = match frame.color_type {
        ::png::ColorType::Grayscale => (1, false),
        ::png::ColorType::GrayscaleAlpha => (1, true),
        ::png::ColorType::Rgb => (3, false),
        ::png::ColorType::Rgba => (3, true),
        // normalize_to_color8 expands every palette; one left indexed is not a PNG we can read.
        ::png::ColorType::Indexed => return Err(Problem::BrokenPng),
    };
    let pixels = if alpha {
        let step = colour + 1;
        let samples = buffer.chunks_exact(step).flat_map(|p| p[..colour].iter().copied()).collect();
        let alpha = buffer.chunks_exact(step).map(|p| p[colour]).collect();
        Pixels::Raw { samples, rgb: colour == 3, alpha: Some(alpha) }
    } else {
        Pixels::Raw { samples: buffer, rgb: colour == 3, alpha: None }
    };
    Ok(Image { width: frame.width, height: frame.height, pixels })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 3×2 RGBA PNG, written with the png crate.
    pub fn sample_png() -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = ::png::Encoder::new(&mut out, 3, 2);
            encoder.set_color(::png::ColorType::Rgba);
            encoder.set_depth(::png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
            let pixels: Vec<u8> = (0..6u8).flat_map(|i| [200, 30 * i, 40, if i == 0 { 0 } else { 255 }]).collect();
            writer.write_image_data(&pixels).unwrap_or_else(|e| panic!("{e}"));
        }
        out
    }

    /// A `side`-pixel RGBA PNG of a green disc on transparency.
    pub fn disc_png(side: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = ::png::Encoder::new(&mut out, side, side);
            encoder.set_color(::png::ColorType::Rgba);
            encoder.set_depth(::png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
            let r = i64::from(side) / 2;
            let pixels: Vec<u8> = (0..i64::from(side) * i64::from(side))
                .flat_map(|i| {
                    let (x, y) = (i % i64::from(side) - r, i / i64::from(side) - r);
                    let inside = x * x + y * y < r * r;
                    [20, 110, 60, if inside { 255 } else { 0 }]
                })
                .collect();
            writer.write_image_data(&pixels).unwrap_or_else(|e| panic!("{e}"));
        }
        out
    }

    #[test]
    fn png_is_decoded_with_its_alpha_and_jpeg_read_from_its_frame_header() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let png = dir.path().join("emblem.png");
        std::fs::write(&png, sample_png()).unwrap_or_else(|e| panic!("{e}"));
        let image = load(&png).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((image.width, image.height), (3, 2));
        let Pixels::Raw { samples, rgb: true, alpha: Some(alpha) } = image.pixels else { panic!("{:?}", image.pixels) };
        assert_eq!((samples.len(), &alpha[..2]), (18, &[0, 255][..]));
        // SOI, an APP0 segment, then SOF0: 8-bit, 20 high, 30 wide, 3 channels.
        let jpeg = [
            &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00][..],
            &[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x14, 0x00, 0x1E, 0x03],
            &[0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9],
        ]
        .concat();
        let file = dir.path().join("emblem.jpg");
        std::fs::write(&file, &jpeg).unwrap_or_else(|e| panic!("{e}"));
        let image = load(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((image.width, image.height, image.pixels), (30, 20, Pixels::Jpeg { data: jpeg.clone(), channels: 3 }));
        std::fs::write(&file, &jpeg[..12]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load(&file), Err(Problem::BrokenJpeg));
        std::fs::write(&file, b"GIF89a").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load(&file), Err(Problem::NotAnImage));
        std::fs::write(&file, &sample_png()[..40]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load(&file), Err(Problem::BrokenPng));
        assert_eq!(load(&dir.path().join("missing.png")), Err(Problem::Missing));
    }
}
