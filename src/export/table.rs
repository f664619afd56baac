//! Nodes and edges as flat typed columns, shared by the formats that hold
//! attributes as typed key-value pairs (GEXF, GraphML, Neo4j CSV), so that
//! they all carry the same attributes under the same names.

use std::collections::BTreeMap;

use super::{date_range, evidence_line, relation_kind_name};
use crate::graph::{Edge, Node};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text.
    Text,
    /// A whole number.
    Int,
    /// A floating-point number.
    Float,
    /// True or false.
    Bool,
    /// A list of texts (joined by each format as it can).
    List,
}

/// A column: its name and type.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The attribute's name.
    pub name: &'static str,
    /// Its type.
    pub ty: Type,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// True or false.
    Bool(bool),
    /// A list of texts.
    List(Vec<String>),
}

impl Value {
    /// The value as text, lists joined by `separator`.
    pub fn text(&self, separator: &str) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => format_float(*f),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => items.join(separator),
        }
    }
}

/// A float with at most 6 decimals and no trailing zeros.
pub fn format_float(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

const fn col(name: &'static str, ty: Type) -> Column {
    Column { name, ty }
}

/// The node columns (besides the id).
pub const NODE_COLUMNS: [Column; 9] = [
    col("label", Type::Text),
    col("type", Type::Text),
    col("mentions", Type::Int),
    col("importance", Type::Float),
    col("aliases", Type::List),
    col("documents", Type::List),
    col("country", Type::Text),
    col("roles", Type::List),
    col("wikidata", Type::Text),
];

/// The edge columns (besides id, source and target).
pub const EDGE_COLUMNS: [Column; 10] = [
    col("relation", Type::Text),
    col("relation_kind", Type::Text),
    col("symmetric", Type::Bool),
    col("weight", Type::Int),
    col("first_date", Type::Text),
    col("last_date", Type::Text),
    col("cameo", Type::Text),
    col("goldstein", Type::Float),
    col("documents", Type::List),
    col("evidence", Type::List),
];

/// A node's cells, in [`NODE_COLUMNS`] order; `None` where it has no value.
pub fn node_values(node: &Node, importance: &BTreeMap<String, f64>) -> Vec<Option<Value>> {
    vec![
        Some(Value::Text(node.label.clone())),
        Some(Value::Text(node.kind.clone())),
        Some(Value::Int(node.mentions as i64)),
        Some(Value::Float(
            importance.get(&node.id).copied().unwrap_or(0.0),
        )),
        Some(Value::List(node.aliases.clone())),
        Some(Value::List(node.documents.iter().collect())),
        node.country.clone().map(Value::Text),
        Some(Value::List(node.roles.clone())),
        node.wikidata.clone().map(Value::Text),
    ]
}

/// An edge's cells, in [`EDGE_COLUMNS`] order; `None` where it has no value.
pub fn edge_values(edge: &Edge) -> Vec<Option<Value>> {
    let (first, last) = date_range(&edge.evidence);
    let mut documents: Vec<String> = edge.evidence.iter().map(|e| e.document.clone()).collect();
    documents.dedup();
    vec![
        Some(Value::Text(edge.relation.to_string())),
        Some(Value::Text(
            relation_kind_name(edge.relation.kind()).to_string(),
        )),
        Some(Value::Bool(edge.symmetric)),
        Some(Value::Int(edge.weight as i64)),
        first.map(|d| Value::Text(d.to_string())),
        last.map(|d| Value::Text(d.to_string())),
        edge.cameo.clone().map(Value::Text),
        edge.goldstein.map(|g| Value::Float(f64::from(g))),
        Some(Value::List(documents)),
        Some(Value::List(
            edge.evidence.iter().map(evidence_line).collect(),
        )),
    ]
}
