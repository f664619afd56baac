//! GEXF 1.3 for Gephi (and networkx, graphology).
//!
//! Node and edge attributes are typed columns (`table`); each edge carries
//! its relation as `kind` and `label`, so that Gephi keeps two relations
//! between the same pair apart, its weight, and one time interval (spell) per
//! document date it was read on, so that Gephi's timeline shows when each
//! relation was reported. Nodes carry `viz` colour (by actor type) and size
//! (by importance). Symmetric relations are one directed edge with
//! `symmetric = true`: GEXF readers such as networkx refuse undirected edges
//! in a directed graph.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::table::{self, Column, Type, Value};
use super::{actor_style, actor_type, edge_id, relation_colour, xml_escape};
use crate::graph::Graph;
use crate::view::importance;

/// How list values are joined in an attribute.
pub const LIST_SEPARATOR: &str = "\n";

fn gexf_type(ty: Type) -> &'static str {
    match ty {
        Type::Text | Type::List => "string",
        Type::Int => "integer",
        Type::Float => "double",
        Type::Bool => "boolean",
    }
}

/// The interval a date of any precision covers, as full dates:
/// `2022` → 2022-01-01..2022-12-31, `2022-01` → 2022-01-01..2022-01-31.
/// `None` for anything that is not such a date.
pub fn interval(date: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())?
    };
    let year = number(parts.first()?, 4)?;
    let days = |month: u32| match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match parts[..] {
        [_] => Some((format!("{year:04}-01-01"), format!("{year:04}-12-31"))),
        [_, m] => {
            let month = number(m, 2).filter(|m| (1..=12).contains(m))?;
            Some((
                format!("{year:04}-{month:02}-01"),
                format!("{year:04}-{month:02}-{:02}", days(month)),
            ))
        }
        [_, m, d] => {
            let month = number(m, 2).filter(|m| (1..=12).contains(m))?;
            let day = number(d, 2).filter(|d| (1..=days(month)).contains(d))?;
            let full = format!("{year:04}-{month:02}-{day:02}");
            Some((full.clone(), full))
        }
        _ => None,
    }
}

fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}

/// Columns that GEXF holds natively (node `label`, edge `weight`): Gephi
/// refuses attribute columns of the same name.
const NATIVE: [&str; 2] = ["label", "weight"];

fn declare(out: &mut String, class: &str, columns: &[Column]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for column in columns.iter().filter(|c| !NATIVE.contains(&c.name)) {
        let _ = writeln!(
            out,
            "      <attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>",
            column.name,
            gexf_type(column.ty)
        );
    }
    out.push_str("    </attributes>\n");
}

fn values(out: &mut String, columns: &[Column], values: &[Option<Value>]) {
    out.push_str("        <attvalues>\n");
    for (column, value) in columns.iter().zip(values) {
        if let (false, Some(value)) = (NATIVE.contains(&column.name), value) {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{}\" value=\"{}\"/>",
                column.name,
                xml_escape(&value.text(LIST_SEPARATOR))
            );
        }
    }
    out.push_str("        </attvalues>\n");
}

/// The graph as GEXF 1.3.
pub fn to_gexf(graph: &Graph) -> String {
    let importance = importance(graph);
    let most = importance.values().copied().fold(0.0, f64::max);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>actorgraph {}</creator>\n    <description>{}</description>\n  </meta>",
        env!("CARGO_PKG_VERSION"),
        xml_escape(&format!(
            "Actors and relations read from {} documents ({} sentences)",
            graph.documents, graph.sentences
        ))
    );
    out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\" timerepresentation=\"interval\">\n");
    declare(&mut out, "node", &table::NODE_COLUMNS);
    declare(&mut out, "edge", &table::EDGE_COLUMNS);
    out.push_str("    <nodes>\n");
    for node in graph.nodes() {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            xml_escape(&node.id),
            xml_escape(&node.label)
        );
        values(
            &mut out,
            &table::NODE_COLUMNS,
            &table::node_values(node, &importance),
        );
        let (r, g, b) = rgb(actor_style(actor_type(&node.kind)).1);
        let share = importance.get(&node.id).copied().unwrap_or(0.0) / most.max(f64::MIN_POSITIVE);
        let _ = writeln!(
            out,
            "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n        <viz:size value=\"{}\"/>\n      </node>",
            table::format_float(10.0 + 30.0 * share)
        );
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for edge in graph.edges() {
        let relation = edge.relation.as_str();
        let _ = writeln!(
            out,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" kind=\"{relation}\" label=\"{relation}\" weight=\"{}\">",
            xml_escape(&edge_id(edge)),
            xml_escape(&edge.source),
            xml_escape(&edge.target),
            edge.weight
        );
        values(&mut out, &table::EDGE_COLUMNS, &table::edge_values(edge));
        let spells: BTreeSet<(String, String)> = edge
            .evidence
            .iter()
            .filter_map(|e| e.date.as_deref().and_then(interval))
            .collect();
        if !spells.is_empty() {
            out.push_str("        <spells>\n");
            for (start, end) in spells {
                let _ = writeln!(out, "          <spell start=\"{start}\" end=\"{end}\"/>");
            }
            out.push_str("        </spells>\n");
        }
        let (r, g, b) = rgb(relation_colour(edge.relation.kind()));
        let _ = writeln!(
            out,
            "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n      </edge>"
        );
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_intervals() {
        let i = |d: &str| interval(d);
        assert_eq!(i("2022"), Some(("2022-01-01".into(), "2022-12-31".into())));
        assert_eq!(
            i("2024-02"),
            Some(("2024-02-01".into(), "2024-02-29".into()))
        );
        assert_eq!(
            i("2022-01-07"),
            Some(("2022-01-07".into(), "2022-01-07".into()))
        );
        for bad in [
            "",
            "22",
            "2022-13",
            "2022-02-30",
            "januari",
            "2022-1-7",
            "2022-01-07T10",
        ] {
            assert_eq!(i(bad), None, "{bad}");
        }
    }
}
