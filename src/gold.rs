//! Gold annotations: what a careful reader finds in an article.
//!
//! Takes: a directory of `<document id>.toml` files (data/gold/ is the
//! annotation of the bundled corpus; its README gives the format).
//! Gives: [`GoldDocument`]s, or every problem with file and line.
//! Does not: score anything (see `eval`). This module touches the disk.

use serde::Deserialize;
use std::path::Path;

use crate::actor::ActorType;
use crate::error::{Error, Result};
use crate::relation::RelationType;

/// The annotation of one article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDocument {
    /// The document's id (the article's file stem).
    pub document: String,
    /// Every actor the article names.
    #[serde(default, rename = "actor")]
    pub actors: Vec<GoldActor>,
    /// Every relation the article states.
    #[serde(default, rename = "relation")]
    pub relations: Vec<GoldRelation>,
}

/// An actor of the gold standard.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldActor {
    /// Its canonical name (the lexicon's, where the lexicon has it).
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// Every surface form in the text.
    pub forms: Vec<String>,
}

/// A relation of the gold standard.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldRelation {
    /// An actor's name, or "?" when the text names no agent.
    pub source: String,
    /// The type.
    pub relation: RelationType,
    /// An actor's name.
    pub target: String,
    /// The sentence that states it.
    pub sentence: String,
    /// Why, for judgement calls.
    #[serde(default)]
    pub note: Option<String>,
}

/// Reads every `.toml` file in `dir`, sorted by name.
pub fn load(dir: &Path) -> Result<Vec<GoldDocument>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let content = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        match parse(&content) {
            Ok(document) => documents.push(document),
            Err(message) => problems.push(format!("{}:{message}", path.display())),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Data { problems });
    }
    Ok(documents)
}

/// Parses one gold file and checks that every relation names listed actors.
/// Errors read `line:column: message`.
pub fn parse(content: &str) -> std::result::Result<GoldDocument, String> {
    let document: GoldDocument = toml::from_str(content).map_err(|error| {
        let at = error.span().map_or(0, |s| s.start.min(content.len()));
        let line = content[..at].matches('\n').count() + 1;
        format!("{line}:1: {}", error.message())
    })?;
    for relation in &document.relations {
        for name in [&relation.source, &relation.target] {
            if name != "?" && !document.actors.iter().any(|a| &a.name == name) {
                let line = content
                    .find(&format!("\"{name}\""))
                    .map_or(1, |at| content[..at].matches('\n').count() + 1);
                return Err(format!(
                    "{line}:1: relation names {name:?}, which is not one of the file's [[actor]]s"
                ));
            }
        }
    }
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_gold_standard_loads() {
        let documents = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gold"))
            .expect("data/gold is valid");
        assert_eq!(documents.len(), 5);
        assert!(documents
            .iter()
            .all(|d| !d.actors.is_empty() && !d.relations.is_empty()));
    }

    #[test]
    fn a_relation_must_name_listed_actors() {
        let content = "document = \"x\"\n[[actor]]\nname = \"A\"\ntype = \"person\"\nforms = [\"A\"]\n\n[[relation]]\nsource = \"A\"\nrelation = \"met\"\ntarget = \"B\"\nsentence = \"A met B.\"\n";
        let error = parse(content).expect_err("B is not listed");
        assert!(error.starts_with("10:1:"), "{error}");
        assert!(
            parse("document = \"x\"\n[[relation]]\nsource = \"?\"\nrelation = \"likes\"\n")
                .is_err()
        );
    }
}
