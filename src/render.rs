//! Images: DOT text rendered to SVG or PNG.
//!
//! Takes: DOT text (as written by `export::dot`) and an image format.
//! Gives: the image's bytes, from Graphviz's `dot` through graphviz-rust when
//! Graphviz is installed, otherwise from a pure-Rust fallback
//! (layout-rs lays out and draws the SVG, resvg rasterizes it to PNG).
//! Does not: write files (see `output`), or decide which file names to use.
//!
//! The fallback parses the DOT with graphviz-rust's parser, flattens
//! subgraphs and clusters into one graph, and builds layout-rs's graph through
//! its API. It draws boxes, ellipses and circles (other shapes become the
//! nearest of these), fill and line colours, pen widths, labels, edge labels,
//! dashed and arrowless edges; it does not draw the graph's label, cluster
//! frames, font colours, tooltips or ports. Its output is a pure function of
//! the DOT text (and, for PNG, the fonts installed).

mod fallback;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

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
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// How long Graphviz may take by default before it is stopped.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Renders `dot` as `format`, with Graphviz when `use_graphviz` is true,
/// with the pure-Rust fallback otherwise; Graphviz is stopped after
/// [`DEFAULT_TIMEOUT`].
pub fn render(dot: &str, format: ImageFormat, use_graphviz: bool) -> Result<Image> {
    render_with_timeout(dot, format, use_graphviz, DEFAULT_TIMEOUT)
}

/// Renders `dot` as `format`; Graphviz is stopped, and the rendering fails,
/// when it takes longer than `timeout`. The layout engine is the one the
/// DOT text names (`layout=sfdp`), `dot` otherwise.
pub fn render_with_timeout(
    dot: &str,
    format: ImageFormat,
    use_graphviz: bool,
    timeout: Duration,
) -> Result<Image> {
    let (bytes, renderer) = if use_graphviz {
        (run_graphviz(dot, format, timeout), Renderer::Graphviz)
    } else {
        (fallback::run_fallback(dot, format), Renderer::Fallback)
    };
    let format = format!("{format:?}").to_lowercase();
    let bytes = bytes.map_err(|message| Error::Render { format, message })?;
    Ok(Image { bytes, renderer })
}

fn run_graphviz(
    dot: &str,
    format: ImageFormat,
    timeout: Duration,
) -> std::result::Result<Vec<u8>, String> {
    let arg = match format {
        ImageFormat::Svg => "-Tsvg",
        ImageFormat::Png => "-Tpng",
    };
    let mut child = match Command::new("dot")
        .arg(arg)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(
            "graphviz's dot program was not found (install graphviz or use the built-in renderer)"
                .to_string(),
        ),
        Err(e) => return Err(format!("graphviz's dot could not be started: {e}")),
    };
    let input = dot.as_bytes().to_vec();
    let mut stdin = child.stdin.take();
    let writer = thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            // A broken pipe means dot stopped early; its exit status says why.
            let _ = stdin.write_all(&input);
        }
    });
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "graphviz took longer than {} s and was stopped (try --layout sfdp, a smaller --top, or a longer --render-timeout)",
                    timeout.as_secs_f64()
                ));
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("graphviz's dot failed: {e}")),
        }
    };
    let _ = writer.join();
    let bytes = stdout.join().unwrap_or_default();
    let errors = stderr.join().unwrap_or_default();
    if !status.success() {
        return Err(format!(
            "graphviz's dot failed: {}",
            String::from_utf8_lossy(&errors).trim()
        ));
    }
    if bytes.is_empty() {
        return Err("graphviz's dot produced no output".to_string());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::{tiny_skia, usvg};

    const STYLED: &str = r##"digraph "actors" {
  graph [rankdir=LR, label="Actors\nweek 9", labelloc=t, fontname="Helvetica"];
  node [style=filled, fontname="Helvetica"];
  "poetin" [label="Poetin", shape=ellipse, fillcolor="#f4cccc", color=darkred, tooltip="person"];
  "oekraine" [label="Oekraïne", shape=box, fillcolor=lightblue, penwidth=2];
  "nato" [label="NAVO", shape=hexagon, fillcolor="#d9ead3"];
  "zelensky" [label="Volodymyr \"Zelensky\"\nPresident", shape=octagon, fillcolor=gray90];
  "kremlin" [label="Kremlin", shape=diamond, fillcolor=gold, fontcolor=white];
  "poetin" -> "oekraine" [label="valt aan", color=red, penwidth=2];
  "zelensky" -> "oekraine" [label="leidt"];
  "nato" -> "oekraine" [label="steunt", style=dashed];
  "poetin" -> "kremlin" [dir=none, label="zetelt in"];
  subgraph cluster_legend { label="Legenda"; "legend" [label="persoon", shape=note]; }
}"##;

    fn fallback(dot: &str, format: ImageFormat) -> Vec<u8> {
        let image = render(dot, format, false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image.renderer, Renderer::Fallback);
        image.bytes
    }

    #[test]
    fn fallback_draws_styled_dot_as_svg_that_usvg_reads() {
        let svg = String::from_utf8(fallback(STYLED, ImageFormat::Svg)).unwrap();
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
        assert!(tree.size().width() > 100.0 && tree.size().height() > 100.0);
        for text in [
            "Poetin",
            "Oekraïne",
            "Volodymyr &quot;Zelensky&quot;",
            "valt aan",
        ] {
            assert!(svg.contains(text), "{text} missing from\n{svg}");
        }
        assert!(svg.contains("#f4ccccff") && svg.contains("Helvetica, sans-serif"));
        assert!(!svg.contains("\\n") && !svg.contains("\\\""));
        // Four edges in a digraph: `dir=none` takes one arrowhead away.
        assert_eq!(svg.matches("marker-end=").count(), 3);
    }

    #[test]
    fn fallback_draws_styled_dot_as_png() {
        let png = fallback(STYLED, ImageFormat::Png);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert!(pixmap.width() > 100 && pixmap.height() > 100);
    }

    #[test]
    fn fallback_is_deterministic() {
        for format in [ImageFormat::Svg, ImageFormat::Png] {
            assert_eq!(fallback(STYLED, format), fallback(STYLED, format));
        }
    }

    #[test]
    fn fallback_draws_empty_and_undirected_graphs() {
        assert!(fallback("graph { }", ImageFormat::Png).starts_with(b"\x89PNG"));
        let svg = fallback(
            "graph { a -- b -- a; a -- a; e -- subgraph { c d } }",
            ImageFormat::Svg,
        );
        assert!(!String::from_utf8(svg).unwrap().contains("marker-end="));
    }

    #[test]
    fn malformed_dot_is_an_error() {
        let deep = format!("digraph {{ {} }}", "subgraph { ".repeat(10_000));
        for dot in [
            "",
            "digraph {",
            "digraph { a -> }",
            "hi",
            "graph { a [b=] }",
            &deep,
        ] {
            for format in [ImageFormat::Svg, ImageFormat::Png] {
                match render(dot, format, false) {
                    Err(Error::Render { message, .. }) => assert!(
                        message.starts_with("the dot")
                            || message.starts_with("cannot parse the dot text: ")
                    ),
                    other => panic!("{dot:?} gave {other:?}"),
                }
            }
        }
    }

    #[test]
    fn graphviz_renders_svg_and_png() {
        if !graphviz_available() {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(
                !ci,
                "graphviz's dot is not installed, but CI=true requires it"
            );
            return;
        }
        let svg = render(STYLED, ImageFormat::Svg, true).unwrap();
        assert_eq!(svg.renderer, Renderer::Graphviz);
        assert!(String::from_utf8_lossy(&svg.bytes).contains("<svg"));
        let png = render(STYLED, ImageFormat::Png, true).unwrap();
        assert!(png.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let err = render("digraph {", ImageFormat::Svg, true)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("cannot render svg: graphviz's dot failed"),
            "{err}"
        );
    }

    proptest::proptest! {
        #[test]
        fn fallback_never_panics(dot in ".{0,200}") {
            let _ = render(&dot, ImageFormat::Svg, false);
        }

        #[test]
        fn fallback_draws_any_small_graph(
            edges in proptest::collection::vec((0..6u8, 0..6u8, "[a-zé\" ]{0,8}"), 0..12),
            directed: bool,
        ) {
            let (kind, arrow) = if directed { ("digraph", "->") } else { ("graph", "--") };
            let body: String = edges.iter().map(|(a, b, label)| {
                format!("n{a} {arrow} n{b} [label=\"{}\"];\n", label.replace('"', "\\\""))
            }).collect();
            let dot = format!("{kind} {{\n{body}}}");
            proptest::prop_assert!(render(&dot, ImageFormat::Svg, false).is_ok(), "{}", dot);
        }
    }
}
