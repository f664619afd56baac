//! The pure-Rust fallback renderer: DOT → flat graph → layout-rs → SVG,
//! and SVG → PNG with resvg. Used when Graphviz is not installed.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

use graphviz_rust::dot_structures::{EdgeTy, GraphAttributes, Id, Stmt, Vertex};
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use resvg::{tiny_skia, usvg};

use super::ImageFormat;

/// Subgraphs may nest this deep; deeper input is refused before parsing, so
/// that the recursive parser cannot overflow the stack.
const MAX_NESTING: usize = 64;

/// Graphs with at most this many nodes and edges get layout-rs's crossing
/// optimizer (about 2 s at 240 in a release build).
const OPTIMIZE_UP_TO: usize = 200;

/// Graphs with at most this many nodes and edges get layout-rs's placer
/// (about 11 s at 450 without the optimizer); larger ones are drawn rank by
/// rank without it, which is fast but wide.
const PLACE_UP_TO: usize = 600;

type Attrs = BTreeMap<String, String>;

/// The DOT graph with subgraphs flattened away.
#[derive(Debug, Default)]
struct FlatGraph {
    directed: bool,
    attrs: Attrs,
    /// Nodes in order of first appearance: (name, attributes).
    nodes: Vec<(String, Attrs)>,
    index: BTreeMap<String, usize>,
    /// Edges in order: (tail, head, attributes).
    edges: Vec<(usize, usize, Attrs)>,
}

pub(super) fn run_fallback(dot: &str, format: ImageFormat) -> std::result::Result<Vec<u8>, String> {
    let svg = fallback_svg(dot)?;
    match format {
        ImageFormat::Svg => Ok(svg.into_bytes()),
        ImageFormat::Png => rasterize(&svg),
    }
}

/// Lays out and draws `dot` as SVG with layout-rs.
fn fallback_svg(dot: &str) -> std::result::Result<String, String> {
    if nesting_depth(dot) > MAX_NESTING {
        return Err(format!(
            "the dot text nests subgraphs more than {MAX_NESTING} deep"
        ));
    }
    // layout-rs asserts its own invariants; should one fail on some input,
    // report it as an error instead of taking the program down.
    catch_unwind(AssertUnwindSafe(|| {
        let graph = graphviz_rust::parse(dot)
            .map_err(|e| format!("cannot parse the dot text: {}", e.trim()))?;
        Ok(draw(&flatten(&graph)))
    }))
    .unwrap_or_else(|_| Err("the layout engine failed on this graph".to_string()))
}

/// The deepest nesting of `{` outside quoted strings.
fn nesting_depth(dot: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0, false, false);
    for c in dot.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => {
                depth += 1;
                max = max.max(depth);
            }
            '}' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn flatten(graph: &graphviz_rust::dot_structures::Graph) -> FlatGraph {
    use graphviz_rust::dot_structures::Graph;
    let (directed, stmts) = match graph {
        Graph::Graph { stmts, .. } => (false, stmts),
        Graph::DiGraph { stmts, .. } => (true, stmts),
    };
    let mut flat = FlatGraph {
        directed,
        ..FlatGraph::default()
    };
    flat.walk(stmts, &Attrs::new(), &Attrs::new(), true);
    flat
}

impl FlatGraph {
    /// Adds the statements of one (sub)graph, with the node and edge
    /// defaults in force, and returns the nodes it mentions.
    fn walk(&mut self, stmts: &[Stmt], nodes: &Attrs, edges: &Attrs, root: bool) -> Vec<usize> {
        let (mut node_defaults, mut edge_defaults) = (nodes.clone(), edges.clone());
        let mut mentioned = Vec::new();
        for stmt in stmts {
            match stmt {
                Stmt::Node(node) => {
                    let at = self.node(&id_text(&node.id.0), &node_defaults);
                    extend(&mut self.nodes[at].1, &node.attributes);
                    mentioned.push(at);
                }
                Stmt::Edge(edge) => {
                    let vertices: Vec<&Vertex> = match &edge.ty {
                        EdgeTy::Pair(a, b) => vec![a, b],
                        EdgeTy::Chain(chain) => chain.iter().collect(),
                    };
                    let mut attrs = edge_defaults.clone();
                    extend(&mut attrs, &edge.attributes);
                    let mut previous: Option<Vec<usize>> = None;
                    for vertex in vertices {
                        let ends = match vertex {
                            Vertex::N(id) => vec![self.node(&id_text(&id.0), &node_defaults)],
                            Vertex::S(sub) => {
                                self.walk(&sub.stmts, &node_defaults, &edge_defaults, false)
                            }
                        };
                        for &tail in previous.iter().flatten() {
                            for &head in &ends {
                                self.edges.push((tail, head, attrs.clone()));
                            }
                        }
                        mentioned.extend(&ends);
                        previous = Some(ends);
                    }
                }
                Stmt::Subgraph(sub) => {
                    let inner = self.walk(&sub.stmts, &node_defaults, &edge_defaults, false);
                    mentioned.extend(inner);
                }
                Stmt::GAttribute(GraphAttributes::Node(list)) => extend(&mut node_defaults, list),
                Stmt::GAttribute(GraphAttributes::Edge(list)) => extend(&mut edge_defaults, list),
                Stmt::GAttribute(GraphAttributes::Graph(list)) if root => {
                    extend(&mut self.attrs, list)
                }
                Stmt::Attribute(attr) if root => {
                    self.attrs.insert(id_text(&attr.0), id_text(&attr.1));
                }
                Stmt::GAttribute(GraphAttributes::Graph(_)) | Stmt::Attribute(_) => {}
            }
        }
        mentioned
    }

    /// The index of the node named `name`, created with `defaults` if new.
    fn node(&mut self, name: &str, defaults: &Attrs) -> usize {
        if let Some(&at) = self.index.get(name) {
            return at;
        }
        self.nodes.push((name.to_string(), defaults.clone()));
        self.index.insert(name.to_string(), self.nodes.len() - 1);
        self.nodes.len() - 1
    }
}

fn extend(attrs: &mut Attrs, list: &[graphviz_rust::dot_structures::Attribute]) {
    for attr in list {
        attrs.insert(id_text(&attr.0), id_text(&attr.1));
    }
}

/// An id's text as written, without quotes, escapes still in place.
fn id_text(id: &Id) -> String {
    match id {
        Id::Plain(s) => s.clone(),
        Id::Escaped(s) => s
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(s)
            .to_string(),
        Id::Html(s) => s.trim_start_matches('<').trim_end_matches('>').to_string(),
        Id::Anonymous(_) => String::new(),
    }
}

/// Resolves DOT escapes: `\"` and `\\`, `\n`, `\l`, `\r` as line breaks, and
/// `\N` as `name` when given. Other escapes stay as written.
fn unescape(raw: &str, name: Option<&str>) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n' | 'l' | 'r') => out.push('\n'),
            Some('N') if name.is_some() => out.push_str(name.unwrap_or_default()),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A DOT colour as layout-rs's colour: names from the SVG/X11 list, X11
/// numbered variants (`gray90`, `lightblue2` as `lightblue`), `#rgb`,
/// `#rrggbb`, `#rrggbbaa`; the first of a colour list. Unknown gives None.
fn color(value: &str) -> Option<Color> {
    let name = value.split([':', ';']).next().unwrap_or(value);
    let name = name.trim().to_lowercase();
    if name == "none" || name == "transparent" {
        return Some(Color::transparent());
    }
    if let Some(hex) = name.strip_prefix('#') {
        let hex = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).chain(['f', 'f']).collect(),
            6 => format!("{hex}ff"),
            8 => hex.to_string(),
            _ => return None,
        };
        return u32::from_str_radix(&hex, 16).ok().map(Color::new);
    }
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if base != name && (base == "gray" || base == "grey") {
        let level: u32 = name[base.len()..].parse().ok().filter(|l| *l <= 100)?;
        let v = (level * 255 + 50) / 100;
        return Some(Color::new(v << 24 | v << 16 | v << 8 | 0xff));
    }
    Color::from_name(&name).or_else(|| Color::from_name(base))
}

fn number(attrs: &Attrs, key: &str, default: usize, min: f64, max: f64) -> usize {
    attrs
        .get(key)
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .map_or(default, |v| v.clamp(min, max).round() as usize)
}

fn has_style(attrs: &Attrs, style: &str) -> bool {
    attrs
        .get("style")
        .is_some_and(|s| s.split(',').any(|part| part.trim() == style))
}

/// Builds layout-rs's graph from `flat`, lays it out and draws it as SVG.
fn draw(flat: &FlatGraph) -> String {
    let rankdir = flat.attrs.get("rankdir").map(|r| r.to_uppercase());
    let orientation = match rankdir.as_deref() {
        Some("LR" | "RL") => Orientation::LeftToRight,
        _ => Orientation::TopToBottom,
    };
    let mut vg = VisualGraph::new(orientation);
    let handles: Vec<_> = flat
        .nodes
        .iter()
        .map(|(name, attrs)| vg.add_node(node_element(name, attrs, orientation)))
        .collect();
    for (tail, head, attrs) in &flat.edges {
        if let (Some(&tail), Some(&head)) = (handles.get(*tail), handles.get(*head)) {
            vg.add_edge(edge_arrow(attrs, flat.directed), tail, head);
        }
    }
    let body = if handles.is_empty() {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\
         <svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<style>\n</style>\n</svg>"
            .to_string()
    } else {
        // layout-rs's crossing optimizer and placer grow steeply with size.
        let size = flat.nodes.len() + flat.edges.len();
        let mut svg = SVGWriter::new();
        vg.do_it(false, size > OPTIMIZE_UP_TO, size > PLACE_UP_TO, &mut svg);
        svg.finalize()
    };
    finish_svg(body, &flat.attrs)
}

fn node_element(name: &str, attrs: &Attrs, orientation: Orientation) -> Element {
    let name = unescape(name, None);
    let label = attrs
        .get("label")
        .map_or_else(|| name.clone(), |l| unescape(l, Some(&name)));
    let shape_name = attrs.get("shape").map_or("ellipse", String::as_str);
    let (shape, mut rounded, xy_same, bare) = match shape_name {
        "box" | "rect" | "rectangle" | "square" | "note" | "tab" | "folder" | "box3d"
        | "component" | "cylinder" | "record" | "Mrecord" => {
            (ShapeKind::Box(label), 0, false, false)
        }
        "hexagon" | "octagon" | "doubleoctagon" | "septagon" | "pentagon" | "house"
        | "trapezium" | "parallelogram" | "polygon" => (ShapeKind::Box(label), 12, false, false),
        "plaintext" | "plain" | "none" | "underline" => (ShapeKind::Box(label), 0, false, true),
        "circle" => (ShapeKind::Circle(label), 0, true, false),
        "doublecircle" => (ShapeKind::DoubleCircle(label), 0, true, false),
        _ => (ShapeKind::Circle(label), 0, false, false),
    };
    if has_style(attrs, "rounded") {
        rounded = 12;
    }
    let line = attrs.get("color").and_then(|c| color(c));
    let fill = if has_style(attrs, "filled") {
        let fill = attrs.get("fillcolor").and_then(|c| color(c));
        Some(fill.or(line).unwrap_or_else(|| Color::fast("lightgray")))
    } else {
        None
    };
    let (line, fill) = if bare || has_style(attrs, "invis") {
        (
            Color::transparent(),
            fill.filter(|_| !has_style(attrs, "invis")),
        )
    } else {
        (line.unwrap_or_else(|| Color::fast("black")), fill)
    };
    let font_size = number(attrs, "fontsize", 14, 6.0, 72.0);
    let width = number(attrs, "penwidth", 1, 0.0, 16.0);
    let look = StyleAttr::new(line, width, fill, rounded, font_size);
    // As layout-rs's own DOT builder does: shapes take the crossed direction.
    let direction = orientation.flip();
    let size = get_shape_size(direction, &shape, font_size, xy_same);
    Element::create(shape, look, direction, size)
}

fn edge_arrow(attrs: &Attrs, directed: bool) -> Arrow {
    let default_dir = if directed { "forward" } else { "none" };
    let dir = attrs.get("dir").map_or(default_dir, String::as_str);
    let (mut start, mut end) = match dir {
        "back" => (LineEndKind::Arrow, LineEndKind::None),
        "both" => (LineEndKind::Arrow, LineEndKind::Arrow),
        "none" => (LineEndKind::None, LineEndKind::None),
        _ => (LineEndKind::None, LineEndKind::Arrow),
    };
    if attrs.get("arrowhead").is_some_and(|a| a == "none") {
        end = LineEndKind::None;
    }
    if attrs.get("arrowtail").is_some_and(|a| a == "none") {
        start = LineEndKind::None;
    }
    let style = if has_style(attrs, "invis") {
        LineStyleKind::None
    } else if has_style(attrs, "dashed") {
        LineStyleKind::Dashed
    } else if has_style(attrs, "dotted") {
        LineStyleKind::Dotted
    } else {
        LineStyleKind::Normal
    };
    let label = attrs
        .get("label")
        .or_else(|| attrs.get("xlabel"))
        .map(|l| unescape(l, None))
        .unwrap_or_default();
    let line = attrs.get("color").and_then(|c| color(c));
    let look = StyleAttr::new(
        line.unwrap_or_else(|| Color::fast("black")),
        number(attrs, "penwidth", 1, 0.0, 16.0),
        None,
        0,
        number(attrs, "fontsize", 14, 6.0, 72.0),
    );
    Arrow::new(start, end, style, &label, &look, &None, &None)
}

/// Makes layout-rs's SVG deterministic (it writes its font classes out of a
/// hash map) and sets the graph's font.
fn finish_svg(mut svg: String, attrs: &Attrs) -> String {
    if let (Some(start), Some(end)) = (svg.find("<style>\n"), svg.find("</style>")) {
        if start + 8 <= end {
            let mut rules: Vec<&str> = svg[start + 8..end].lines().collect();
            rules.sort_unstable();
            let sorted: String = rules.iter().map(|rule| format!("{rule}\n")).collect();
            svg.replace_range(start + 8..end, &sorted);
        }
    }
    let family = font_family(attrs.get("fontname").map(String::as_str));
    svg.replace(
        "font-family: Times, serif;",
        &format!("font-family: {family};"),
    )
}

/// A CSS font list for Graphviz's `fontname`, ending in a generic family.
fn font_family(fontname: Option<&str>) -> String {
    let Some(name) = fontname.map(|f| unescape(f, None)) else {
        return "Times, serif".to_string();
    };
    let name: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .collect();
    let lower = name.to_lowercase();
    let sans = ["sans", "helvetica", "arial", "verdana"]
        .iter()
        .any(|s| lower.contains(s));
    format!("{name}, {}", if sans { "sans-serif" } else { "serif" })
}

// ---------------------------------------------------------------------------
// Fallback: SVG → PNG.

/// Rasterized images are scaled down to at most this many pixels.
const MAX_PIXELS: f32 = 16_000_000.0;

/// The system's fonts, loaded once, with the generic families pointed at a
/// font that is installed.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            let families: BTreeSet<String> = db
                .faces()
                .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
                .collect();
            let pick = |preferred: &[&str]| {
                let found = preferred.iter().find(|f| families.contains(**f));
                found
                    .map(|f| f.to_string())
                    .or_else(|| families.first().cloned())
            };
            if let Some(serif) = pick(&["Times New Roman", "Liberation Serif", "DejaVu Serif"]) {
                db.set_serif_family(serif);
            }
            if let Some(sans) = pick(&["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"]) {
                db.set_sans_serif_family(sans);
            }
            Arc::new(db)
        })
        .clone()
}

/// Rasterizes the fallback's SVG onto a white background.
fn rasterize(svg: &str) -> std::result::Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| format!("cannot read the drawn svg back: {e}"))?;
    let size = tree.size();
    let scale = (MAX_PIXELS / (size.width() * size.height()))
        .sqrt()
        .min(1.0);
    let width = (size.width() * scale).ceil() as u32;
    let height = (size.height() * scale).ceil() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1))
        .ok_or_else(|| format!("cannot make a {width}x{height} image"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let transform = tiny_skia::Transform::from_scale(scale, scale);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the png: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_escapes_and_colours_are_read() {
        assert_eq!(unescape(r#"a\"b\\c\nd\N"#, Some("x")), "a\"b\\c\ndx");
        let web = |name: &str| color(name).map(|c| c.to_web_color());
        assert_eq!(web("gray90").as_deref(), Some("#e6e6e6ff"));
        assert_eq!(web("#abc").as_deref(), Some("#aabbccff"));
        assert_eq!(web("red:blue").as_deref(), Some("#ff0000ff"));
        assert_eq!(web("lightblue2"), web("lightblue"));
        assert!(web("nonsense").is_none() && web("#12").is_none());
    }
}
