//! The QR code as filled squares: vector modules, sharp at any printer resolution.
//!
//! The `qrcode` crate encodes; the mask is chosen here. Its own choice scored the eight masks with
//! a bounds-checked lookup per module and took 1.5 ms of a 12 ms print; this scores the same
//! rules (ISO/IEC 18004 §7.8.3) over plain rows and columns of booleans.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The dark modules of `text`'s QR code (medium error correction) filling a `side`-point square
/// whose lower-left corner is (`x`, `y`), merged into horizontal runs; `None` if the text is too long.
pub fn modules(text: &str, x: f32, y: f32, side: f32) -> Option<Vec<[f32; 4]>> {
    let (width, dark) = encode(text)?;
    let module = side / f32::from(u16::try_from(width).ok()?);
    let mut rects = Vec::new();
    for (row, line) in dark.chunks(width).enumerate() {
        let top = y + side - module * f32::from(u16::try_from(row + 1).ok()?);
        let mut column = 0;
        while column < width {
            if line[column] {
                let start = column;
                while column < width && line[column] {
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

/// The symbol's width and its modules row by row (`true` = dark), masked with the pattern of
/// least penalty.
fn encode(text: &str) -> Option<(usize, Vec<bool>)> {
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    MASKS
        .into_iter()
        .map(|mask| {
            let mut masked = canvas.clone();
            masked.apply_mask(mask);
            let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
            (penalty(width, &dark), dark)
        })
        .min_by_key(|(score, _)| *score)
        .map(|(_, dark)| (width, dark))
}

/// The penalty of a masked symbol: runs of five or more, 2×2 blocks, finder-like patterns, and the
/// balance of dark and light.
fn penalty(width: usize, dark: &[bool]) -> usize {
    let rows = (0..width).map(|r| dark[r * width..(r + 1) * width].to_vec());
    let columns = (0..width).map(|c| (0..width).map(|r| dark[r * width + c]).collect::<Vec<_>>());
    let lines: usize = rows.chain(columns).map(|line| runs_penalty(&line) + finder_penalty(&line)).sum();
    let blocks = (1..width)
        .flat_map(|r| (1..width).map(move |c| (r, c)))
        .filter(|&(r, c)| {
            let m = dark[r * width + c];
            dark[r * width + c - 1] == m && dark[(r - 1) * width + c] == m && dark[(r - 1) * width + c - 1] == m
        })
        .count();
    lines + 3 * blocks + balance_penalty(dark)
}

/// 3 for each run of five modules of one colour, plus 1 for each module beyond five.
fn runs_penalty(line: &[bool]) -> usize {
    line.chunk_by(|a, b| a == b).filter(|run| run.len() >= 5).map(|run| run.len() - 2).sum()
}

/// 40 for each dark-light-dark-dark-dark-light-dark with four light modules on either side; the
/// quiet zone beyond the symbol counts as light.
fn finder_penalty(line: &[bool]) -> usize {
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    let light = |from: usize, to: usize| line.get(from..to.min(line.len())).is_none_or(|s| s.iter().all(|m| !m));
    line.windows(7)
        .enumerate()
        .filter(|(at, window)| *window == FINDER && (light(at.saturating_sub(4), *at) || light(at + 7, at + 11)))
        .count()
        * 40
}

/// 10 for each whole 5 % the dark share strays from half.
fn balance_penalty(dark: &[bool]) -> usize {
    let total = dark.len().max(1);
    let count = dark.iter().filter(|&&m| m).count();
    (count * 100).abs_diff(total * 50) / (total * 5) * 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_fills_its_square_with_runs() {
        let rects = modules("BKY1:12:1405-000001", 10.0, 10.0, 80.0).unwrap_or_default();
        assert!(rects.len() > 50);
        assert!(rects.iter().all(|[x, y, w, h]| *x >= 10.0 && *y >= 9.99 && x + w <= 90.01 && y + h <= 90.01));
    }

    /// Reads the symbol back as a scanner would: drawn at 4 pixels a module with a quiet zone.
    fn scanned(width: usize, dark: &[bool]) -> String {
        let (scale, quiet) = (4, 4);
        let side = (width + 2 * quiet) * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (col, row) = ((x / scale).wrapping_sub(quiet), (y / scale).wrapping_sub(quiet));
            if col < width && row < width && dark[row * width + col] { 0 } else { 255 }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().map(|(_, text)| text).unwrap_or_default()
    }

    #[test]
    fn every_code_scans_back_to_its_text() {
        for length in [1, 17, 60, 120, 200, 330] {
            let text: String = "BKY1:12:1405-000042:K7Q".chars().cycle().take(length).collect();
            let (width, dark) = encode(&text).unwrap_or_default();
            assert_eq!(scanned(width, &dark), text, "{length} characters");
        }
    }

    #[test]
    fn each_rule_scores_as_the_standard_counts() {
        // Five dark in a row: a run of five (3); no finder, no block.
        assert_eq!(runs_penalty(&[true; 5]), 3);
        assert_eq!(runs_penalty(&[true; 7]), 5);
        assert_eq!(runs_penalty(&[true, true, false, true, true]), 0);
        // A finder with light on one side only, and one with nothing light around it.
        let f = [false, false, false, false, true, false, true, true, true, false, true];
        assert_eq!(finder_penalty(&f), 40);
        assert_eq!(finder_penalty(&[true, false, true, true, true, false, true]), 40, "the quiet zone is light");
        let boxed = [true, true, true, true, true, false, true, true, true, false, true, true, true, true, true];
        assert_eq!(finder_penalty(&boxed), 0);
        // All dark 5×5: ten runs of five (30), sixteen 2×2 blocks (48), 50 % off balance (100).
        assert_eq!(penalty(5, &[true; 25]), 30 + 48 + 100);
        assert_eq!(balance_penalty(&[true, false]), 0);
        assert_eq!(balance_penalty(&[true, true, true, false]), 50);
    }
}
