//! Exports: the graph written as files other tools read.
//!
//! Takes: a [`Graph`](crate::graph::Graph).
//! Gives: the text of each format (`json::to_json`, `dot::to_dot`), a pure
//! function of the graph, byte-identical from run to run.
//! Does not: write files or run Graphviz (see `output` and `render`).

pub mod dot;
pub mod json;
pub mod mentions;

use crate::actor::ActorType;
use crate::relation::RelationKind;

/// Fill colour, border colour and Graphviz shape for an actor type; shared by
/// every format that carries a style, so that all pictures agree.
pub fn actor_style(kind: ActorType) -> (&'static str, &'static str, &'static str) {
    match kind {
        ActorType::Person => ("#dbe9f6", "#2f6da3", "ellipse"),
        ActorType::Organization => ("#fdebd0", "#b9770e", "box"),
        ActorType::Country => ("#d5f0dc", "#1e8449", "hexagon"),
        ActorType::Location => ("#eeeeee", "#707b7c", "note"),
        ActorType::Group => ("#f5d5e0", "#a93263", "octagon"),
    }
}

/// Line colour for a kind of relation.
pub fn relation_colour(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Hostile => "#c0392b",
        RelationKind::Cooperative => "#1e8449",
        RelationKind::Structural => "#34495e",
    }
}

/// The name of a kind of relation, as the legend shows it.
pub fn relation_kind_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Hostile => "hostile",
        RelationKind::Cooperative => "cooperative",
        RelationKind::Structural => "structural",
    }
}
