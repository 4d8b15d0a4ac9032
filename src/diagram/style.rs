//! How each acting office is drawn, shared by every renderer: a grey fill and a dash pattern
//! that survive black-and-white printing, plus a thin colour accent for screens.

use crate::domain::workflow::Office;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OfficeStyle {
    pub fill: [u8; 3],
    /// Stroke dash lengths; empty for a solid line.
    pub dash: &'static [f32],
    pub accent: Option<[u8; 3]>,
}

pub fn office_style(actor: Option<Office>) -> OfficeStyle {
    let (fill, dash, accent): ([u8; 3], &'static [f32], Option<[u8; 3]>) = match actor {
        Some(Office::Applicant) => ([0xff, 0xff, 0xff], &[6.0, 3.0], Some([0xd9, 0x77, 0x06])),
        Some(Office::DistrictOffice) => ([0xf2, 0xf2, 0xf2], &[], Some([0x25, 0x63, 0xeb])),
        Some(Office::CountyOffice) => ([0xe0, 0xe0, 0xe0], &[], Some([0x05, 0x96, 0x69])),
        Some(Office::Governorate) => ([0xcf, 0xcf, 0xcf], &[], Some([0x7c, 0x3a, 0xed])),
        Some(Office::Ministry) => ([0xff, 0xff, 0xff], &[2.0, 2.0], Some([0xdc, 0x26, 0x26])),
        Some(Office::OtherAgency) => ([0xff, 0xff, 0xff], &[8.0, 3.0, 2.0, 3.0], Some([0x08, 0x91, 0xb2])),
        None => ([0xff, 0xff, 0xff], &[], None),
    };
    OfficeStyle { fill, dash, accent }
}

/// `#rrggbb`, for SVG.
pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}
