//! Neo4j: CSV files for `neo4j-admin database import` and a Cypher script
//! that loads the same files with `LOAD CSV`.
//!
//! graph.nodes.csv: `id:ID(Actor)`, `:LABEL` (`Actor;Person`) and the node
//! columns of `table` with their import types (`mentions:int`,
//! `aliases:string[]`, …). graph.relationships.csv: `:START_ID(Actor)`,
//! `:END_ID(Actor)`, `:TYPE` (`DISMISSED`), the edge's `id` and the edge
//! columns. Arrays use neo4j-admin's default delimiter `;`; the evidence is
//! one string, a sentence per line, so the import needs
//! `--multiline-fields=true`. graph.cypher creates the same nodes,
//! labels, relationships and properties.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::csv::record;
use super::graphml::{neo4j_label, neo4j_type};
use super::table::{self, Column, Type, Value};
use super::{actor_type, edge_id};
use crate::actor::ActorType;
use crate::graph::Graph;
use crate::view::importance;

/// neo4j-admin's default array delimiter.
pub const ARRAY_DELIMITER: &str = ";";

/// The evidence column is one multi-line string, not an array: sentences
/// may hold the array delimiter.
fn is_array(column: &Column) -> bool {
    column.ty == Type::List && column.name != "evidence"
}

fn header(column: &Column) -> String {
    let suffix = match column.ty {
        Type::Text => "",
        Type::Int => ":int",
        Type::Float => ":double",
        Type::Bool => ":boolean",
        Type::List if is_array(column) => ":string[]",
        Type::List => "",
    };
    format!("{}{suffix}", column.name)
}

fn cells(columns: &[Column], values: Vec<Option<Value>>) -> Vec<String> {
    columns
        .iter()
        .zip(values)
        .map(|(column, value)| {
            let separator = if is_array(column) {
                ARRAY_DELIMITER
            } else {
                "\n"
            };
            value.map(|v| v.text(separator)).unwrap_or_default()
        })
        .collect()
}

/// graph.nodes.csv.
pub fn to_nodes_csv(graph: &Graph) -> String {
    let importance = importance(graph);
    let mut head = vec!["id:ID(Actor)".to_string(), ":LABEL".to_string()];
    head.extend(table::NODE_COLUMNS.iter().map(header));
    let mut out = record(&head);
    for node in graph.nodes() {
        let mut row = vec![
            node.id.clone(),
            format!("Actor;{}", neo4j_label(actor_type(&node.kind).as_str())),
        ];
        row.extend(cells(
            &table::NODE_COLUMNS,
            table::node_values(node, &importance),
        ));
        out.push_str(&record(&row));
    }
    out
}

/// graph.relationships.csv.
pub fn to_relationships_csv(graph: &Graph) -> String {
    let mut head = vec![
        ":START_ID(Actor)".to_string(),
        ":END_ID(Actor)".to_string(),
        ":TYPE".to_string(),
        "id".to_string(),
    ];
    head.extend(table::EDGE_COLUMNS.iter().map(header));
    let mut out = record(&head);
    for edge in graph.edges() {
        let mut row = vec![
            edge.source.clone(),
            edge.target.clone(),
            neo4j_type(edge.relation.as_str()),
            edge_id(edge),
        ];
        row.extend(cells(&table::EDGE_COLUMNS, table::edge_values(edge)));
        out.push_str(&record(&row));
    }
    out
}

/// The Cypher expression that reads `column` from `row` with its type.
fn read(column: &Column) -> String {
    let field = format!("row.`{}`", header(column));
    match column.ty {
        Type::Text => field,
        Type::Int => format!("toInteger({field})"),
        Type::Float => format!("toFloat({field})"),
        Type::Bool => format!("({field} = 'true')"),
        Type::List => {
            let separator = if is_array(column) {
                ARRAY_DELIMITER
            } else {
                "\\n"
            };
            format!("CASE WHEN coalesce({field}, '') = '' THEN [] ELSE split({field}, '{separator}') END")
        }
    }
}

fn set_clause(variable: &str, columns: &[Column]) -> String {
    columns
        .iter()
        .map(|c| format!("  {variable}.`{}` = {}", c.name, read(c)))
        .collect::<Vec<_>>()
        .join(",\n")
}

/// graph.cypher: loads graph.nodes.csv and graph.relationships.csv with LOAD CSV.
pub fn to_cypher(graph: &Graph) -> String {
    let mut out = String::from(
        "// actorgraph: loads graph.nodes.csv and graph.relationships.csv into Neo4j.\n\
         // Copy both files into Neo4j's import directory, then run\n\
         //   cypher-shell -u neo4j -p PASSWORD -f graph.cypher\n\
         // (or, for a new database: neo4j-admin database import full --multiline-fields=true\n\
         //   --nodes=graph.nodes.csv --relationships=graph.relationships.csv DATABASE).\n\n\
         CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;\n\n",
    );
    let _ = write!(
        out,
        "LOAD CSV WITH HEADERS FROM 'file:///graph.nodes.csv' AS row\n\
         MERGE (a:Actor {{id: row.`id:ID(Actor)`}})\nSET\n{}\n",
        set_clause("a", &table::NODE_COLUMNS)
    );
    for kind in ActorType::ALL {
        let _ = writeln!(
            out,
            "FOREACH (_ IN CASE WHEN row.type = '{}' THEN [1] ELSE [] END | SET a:{})",
            kind.as_str(),
            neo4j_label(kind.as_str())
        );
    }
    out.push_str(";\n");
    let types: BTreeSet<&str> = graph.edges().map(|e| e.relation.as_str()).collect();
    for relation in types {
        let _ = write!(
            out,
            "\nLOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row\n\
             WITH row WHERE row.`:TYPE` = '{0}'\n\
             MATCH (s:Actor {{id: row.`:START_ID(Actor)`}}), (t:Actor {{id: row.`:END_ID(Actor)`}})\n\
             CREATE (s)-[r:{0}]->(t)\nSET\n  r.id = row.id,\n{1};\n",
            neo4j_type(relation),
            set_clause("r", &table::EDGE_COLUMNS)
        );
    }
    out
}
