//! The QR code as filled squares: vector modules, sharp at any printer resolution.

use qrcode::{Color, EcLevel, QrCode};

/// The dark modules of `text`'s QR code (medium error correction) filling a `side`-point square
/// whose lower-left corner is (`x`, `y`), merged into horizontal runs; `None` if the text is too long.
pub fn modules(text: &str, x: f32, y: f32, side: f32) -> Option<Vec<[f32; 4]>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let module = side / f32::from(u16::try_from(width).ok()?);
    let mut rects = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        let top = y + side - module * f32::from(u16::try_from(row + 1).ok()?);
        let mut column = 0;
        while column < width {
            if line[column] == Color::Dark {
                let start = column;
                while column < width && line[column] == Color::Dark {
                    column += 1;
                }
                let left = x + module * f32::from(u16::try_from(start).ok()?);
                let run = module * f32::from(u16::try_from(column - start).ok()?);
                rects.push([left, top, run, module]);
            } else {
                column += 1;
            }
        }
    }
    Some(rects)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_fills_its_square_with_runs() {
        let rects = super::modules("BKY1:12:1405-000001", 10.0, 10.0, 80.0).unwrap_or_default();
        assert!(rects.len() > 50);
        assert!(rects.iter().all(|[x, y, w, h]| *x >= 10.0 && *y >= 9.99 && x + w <= 90.01 && y + h <= 90.01));
    }
}
