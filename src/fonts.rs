//! The Vazirmatn font (OFL, `assets/fonts/OFL.txt`), built in so that a PC without a Persian font
//! shows and prints Persian right. One copy serves the window, the PDFs and the diagrams.

pub const VAZIRMATN_REGULAR: &[u8] = include_bytes!("../assets/fonts/Vazirmatn-Regular.ttf");
pub const VAZIRMATN_BOLD: &[u8] = include_bytes!("../assets/fonts/Vazirmatn-Bold.ttf");
