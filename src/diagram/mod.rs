//! Workflow diagrams: a layered layout of a service's workflow (pure data), checks of its quality,
//! and an SVG rendering. The GUI canvas and the PDF page draw the same `Layout`.

#[cfg(feature = "diagram-files")]
pub mod export;
pub mod geometry;
mod highlight;
pub mod layout;
mod order;
pub mod quality;
mod route;
pub mod style;
pub mod svg;
pub mod text;

pub use geometry::{Point, Rect};
pub use highlight::Highlight;
pub use layout::{Direction, Layout, Options, PlacedLabel, PlacedNode, RoutedEdge, layout, shown_label};
pub use text::{FontError, FontMeasure, TextMeasure};

#[cfg(test)]
mod catalog_tests;
