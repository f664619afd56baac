//! Images: DOT text rendered to SVG or PNG.
//!
//! Takes: DOT text (as written by `export::dot`) and an image format.
//! Gives: the image's bytes, from Graphviz's `dot` through graphviz-rust when
//! Graphviz is installed, otherwise from a pure-Rust fallback
//! (layout-rs lays out and draws the SVG, resvg rasterizes it to PNG).
//! Does not: write files (see `output`), or decide which file names to use.

use crate::error::Result;

/// An image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

/// Which renderer produced an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// Graphviz's `dot` program.
    Graphviz,
    /// The pure-Rust fallback (layout-rs + resvg).
    Fallback,
}

/// A rendered image.
#[derive(Debug, Clone)]
pub struct Image {
    /// The image file's bytes.
    pub bytes: Vec<u8>,
    /// Who drew it.
    pub renderer: Renderer,
}

/// Whether Graphviz's `dot` program can be run.
pub fn graphviz_available() -> bool {
    todo!()
}

/// Renders `dot` as `format`, with Graphviz when `use_graphviz` is true,
/// with the pure-Rust fallback otherwise.
pub fn render(dot: &str, format: ImageFormat, use_graphviz: bool) -> Result<Image> {
    todo!()
}
