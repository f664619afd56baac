//! graph.csv: the edge list for spreadsheets, one row per edge.
//!
//! Columns: source, relation, target, weight, first_date, last_date,
//! evidence (the first sentence), evidence_document, symmetric, source_label,
//! target_label. RFC 4180: comma-separated, CRLF-free (`\n` line ends), a
//! field quoted when it holds a comma, quote, line break or edge space, and
//! quotes doubled. Values are written as they are: a spreadsheet may read a
//! cell starting with `=` as a formula.

use super::date_range;
use crate::graph::Graph;

/// One CSV field: quoted when it must be, quotes doubled.
pub fn field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One CSV record with its line end; an empty value is an empty field
/// (which neo4j-admin and LOAD CSV read as no value).
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| {
            let f = f.as_ref();
            if f.is_empty() {
                String::new()
            } else {
                field(f)
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// The column names of graph.csv.
pub const HEADER: [&str; 11] = [
    "source",
    "relation",
    "target",
    "weight",
    "first_date",
    "last_date",
    "evidence",
    "evidence_document",
    "symmetric",
    "source_label",
    "target_label",
];

/// The graph's edges as CSV.
pub fn to_csv(graph: &Graph) -> String {
    let mut out = record(&HEADER);
    let label = |id: &str| graph.node(id).map(|n| n.label.clone()).unwrap_or_default();
    for edge in graph.edges() {
        let (first, last) = date_range(&edge.evidence);
        let first_evidence = edge.evidence.first();
        out.push_str(&record(&[
            edge.source.clone(),
            edge.relation.to_string(),
            edge.target.clone(),
            edge.weight.to_string(),
            first.unwrap_or_default().to_string(),
            last.unwrap_or_default().to_string(),
            first_evidence
                .map(|e| e.sentence.clone())
                .unwrap_or_default(),
            first_evidence
                .map(|e| e.document.clone())
                .unwrap_or_default(),
            edge.symmetric.to_string(),
            label(&edge.source),
            label(&edge.target),
        ]));
    }
    out
}
