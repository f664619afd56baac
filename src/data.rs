//! Data: the language knowledge actorgraph runs on, loaded and validated.
//!
//! Takes: the data directory's files (built into the binary, or `--data DIR`):
//! `actors.toml`, `countries.toml`, `places.toml`, `first_names.txt`, `nl/text.toml`, `nl/grammar.toml`, `nl/relations/<type>.toml`.
//! Gives: a [`Lexicon`] with every stage's compiled data, or every problem at
//! once, each with its file and line.
//! Does not: read documents. This is one of the modules that touch the disk.

use serde::Deserialize;
use std::path::Path;

use crate::actor::{ActorEntry, ActorLexicon};
use crate::coref::PronounRules;
use crate::discover::{DiscoveryFile, DiscoveryRules, FirstNames};
use crate::error::{Error, Result};
use crate::relation::{AttributionFile, GrammarFile, RelationRules, RelationType, RuleFile};
use crate::text::TextRules;

/// The files of [[actor]] entries: the lexicon proper and the countries.
pub const ACTOR_FILES: [&str; 3] = ["actors.toml", "countries.toml", "places.toml"];

/// The first-name gazetteer: one name a line (see the file's header).
pub const FIRST_NAMES_FILE: &str = "first_names.txt";

/// The language of the built-in data.
pub const LANGUAGE: &str = "nl";

/// Everything the pipeline knows about the language and the actors.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Sentence splitting and credits.
    pub text: TextRules,
    /// Known actors.
    pub actors: ActorLexicon,
    /// Pronouns to resolve.
    pub pronouns: PronounRules,
    /// How to find actors the lexicon does not know.
    pub discovery: DiscoveryRules,
    /// Relation cues.
    pub relations: RelationRules,
}

/// One data file: its path relative to the data directory, and its content.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Relative path, with `/` separators ("nl/relations/dismissed.toml").
    pub path: String,
    /// The file's text.
    pub content: String,
}

/// The data built into the binary: every file of data/ that the pipeline
/// loads, listed by build.rs.
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_data.rs"));

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsFile {
    #[serde(default)]
    actor: Vec<ActorEntry>,
}

/// Reports a missing file unless reading it already failed with a message.
fn missing(problems: &mut Vec<String>, path: &str) {
    if !problems.iter().any(|p| p.contains(path)) {
        problems.push(format!("{path}: missing"));
    }
}

/// Where `needle` stands in `content`, as `line:column` (1-based, the
/// column in characters; `1:1` when absent): quoted as a TOML string
/// outside comments if it is there (the first such place, or the last with
/// `last`), else anywhere.
fn position_of(content: &str, needle: &str, last: bool) -> String {
    let quoted = format!("{needle:?}");
    let in_comment = |at: usize| {
        let line_start = content[..at].rfind('\n').map_or(0, |i| i + 1);
        content[line_start..at].contains('#')
    };
    let places: Vec<usize> = content
        .match_indices(quoted.as_str())
        .map(|(at, _)| at)
        .filter(|&at| !in_comment(at))
        .collect();
    let at = if needle.is_empty() {
        None
    } else if last {
        places.last().copied()
    } else {
        places.first().copied()
    }
    .or_else(|| content.find(needle).filter(|_| !needle.is_empty()))
    .unwrap_or(0);
    let before = &content[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    format!("{line}:{column}")
}

fn parse<T: serde::de::DeserializeOwned + Default>(
    file: &DataFile,
    problems: &mut Vec<String>,
) -> T {
    match toml::from_str(&file.content) {
        Ok(value) => value,
        Err(error) => {
            let (line, column) = error
                .span()
                .map(|span| {
                    let before = &file.content[..span.start.min(file.content.len())];
                    (
                        before.matches('\n').count() + 1,
                        before.chars().rev().take_while(|&c| c != '\n').count() + 1,
                    )
                })
                .unwrap_or((1, 1));
            problems.push(format!(
                "{}:{line}:{column}: {}",
                file.path,
                error.message()
            ));
            T::default()
        }
    }
}

impl Lexicon {
    /// The data built into the binary.
    pub fn builtin() -> Result<Lexicon> {
        let files: Vec<DataFile> = BUILTIN
            .iter()
            .map(|(path, content)| DataFile {
                path: (*path).to_string(),
                content: (*content).to_string(),
            })
            .collect();
        Lexicon::from_files(&files)
    }

    /// The data in directory `dir` (same layout as the repository's data/).
    pub fn load(dir: &Path) -> Result<Lexicon> {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let mut read = |relative: String| match std::fs::read_to_string(dir.join(&relative)) {
            Ok(content) => files.push(DataFile {
                path: relative,
                content,
            }),
            Err(error) => problems.push(format!(
                "{}: cannot read it: {error}",
                dir.join(&relative).display()
            )),
        };
        for path in ACTOR_FILES {
            read(path.to_string());
        }
        read(FIRST_NAMES_FILE.to_string());
        read(format!("{LANGUAGE}/text.toml"));
        read(format!("{LANGUAGE}/grammar.toml"));
        read(format!("{LANGUAGE}/pronouns.toml"));
        read(format!("{LANGUAGE}/attribution.toml"));
        read(format!("{LANGUAGE}/discovery.toml"));
        let relations_dir = dir.join(LANGUAGE).join("relations");
        match std::fs::read_dir(&relations_dir) {
            Ok(entries) => {
                let mut names: Vec<String> = entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".toml"))
                    .collect();
                names.sort();
                for name in names {
                    read(format!("{LANGUAGE}/relations/{name}"));
                }
            }
            Err(error) => problems.push(format!(
                "{}: cannot read it: {error}",
                relations_dir.display()
            )),
        }
        compile(&files, problems)
    }

    /// Compiles data files given as text; reports every problem at once.
    pub fn from_files(files: &[DataFile]) -> Result<Lexicon> {
        compile(files, Vec::new())
    }
}

/// Compiles `files`, adding what is wrong with them to `problems` (which
/// may already hold problems found while reading them).
fn compile(files: &[DataFile], mut problems: Vec<String>) -> Result<Lexicon> {
    let find = |path: &str| files.iter().find(|f| f.path == path);
    let mut text = TextRules::default();
    let mut grammar = GrammarFile::default();
    let mut entries = Vec::new();
    let mut rule_files = Vec::new();
    for path in ACTOR_FILES {
        match find(path) {
            Some(file) => entries.extend(parse::<ActorsFile>(file, &mut problems).actor),
            None => missing(&mut problems, path),
        }
    }
    let text_path = format!("{LANGUAGE}/text.toml");
    match find(&text_path) {
        Some(file) => text = parse(file, &mut problems),
        None => missing(&mut problems, &text_path),
    }
    let mut pronouns = PronounRules::default();
    let pronouns_path = format!("{LANGUAGE}/pronouns.toml");
    match find(&pronouns_path) {
        Some(file) => pronouns = parse(file, &mut problems),
        None => missing(&mut problems, &pronouns_path),
    }
    let mut discovery = DiscoveryFile::default();
    let discovery_path = format!("{LANGUAGE}/discovery.toml");
    match find(&discovery_path) {
        Some(file) => discovery = parse(file, &mut problems),
        None => missing(&mut problems, &discovery_path),
    }
    let mut first_names = FirstNames::default();
    match find(FIRST_NAMES_FILE) {
        Some(file) => match FirstNames::parse(file.content.clone()) {
            Ok(names) => first_names = names,
            Err(found) => problems.extend(
                found
                    .into_iter()
                    .map(|(line, message)| format!("{FIRST_NAMES_FILE}:{line}:1: {message}")),
            ),
        },
        None => missing(&mut problems, FIRST_NAMES_FILE),
    }
    let mut attribution = AttributionFile::default();
    let attribution_path = format!("{LANGUAGE}/attribution.toml");
    match find(&attribution_path) {
        Some(file) => attribution = parse(file, &mut problems),
        None => missing(&mut problems, &attribution_path),
    }
    let grammar_path = format!("{LANGUAGE}/grammar.toml");
    let before_grammar = problems.len();
    match find(&grammar_path) {
        Some(file) => grammar = parse(file, &mut problems),
        None => missing(&mut problems, &grammar_path),
    }
    // Without its grammar every rule would report its word classes missing:
    // the grammar's own problem is the one to fix.
    let grammar_read = problems.len() == before_grammar;
    let prefix = format!("{LANGUAGE}/relations/");
    for file in files.iter().filter(|f| f.path.starts_with(&prefix)) {
        let stem = file.path[prefix.len()..].trim_end_matches(".toml");
        match RelationType::from_name(stem) {
                Some(relation) => rule_files.push((relation, file.path.clone(), parse::<RuleFile>(file, &mut problems))),
                None => problems.push(format!(
                    "{}:1:1: unknown relation type {stem:?}: the file name must be one of the 17 types ({})",
                    file.path,
                    RelationType::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
                )),
            }
    }
    let actors = match ActorLexicon::new(entries) {
        Ok(actors) => Some(actors),
        Err(found) => {
            problems.extend(found.into_iter().map(|(needle, message)| {
                // The problem is in the first actor file that holds its spelling.
                let file = ACTOR_FILES
                    .iter()
                    .filter_map(|p| find(p))
                    .rfind(|f| f.content.contains(&needle));
                let (path, content) = file.map_or((ACTOR_FILES[0], ""), |f| {
                    (f.path.as_str(), f.content.as_str())
                });
                // The later spelling is the one that makes two.
                format!("{path}:{}: {message}", position_of(content, &needle, true))
            }));
            None
        }
    };
    let relations = match RelationRules::new(&grammar, &rule_files, &attribution) {
        _ if !grammar_read => None,
        Ok(relations) => Some(relations),
        Err(found) => {
            problems.extend(found.into_iter().map(|(path, needle, message)| {
                let content = find(&path)
                    .or_else(|| find(&format!("{LANGUAGE}/{path}")))
                    .map_or("", |f| f.content.as_str());
                format!("{path}:{}: {message}", position_of(content, &needle, false))
            }));
            None
        }
    };
    for linked in &discovery.linked {
        if let Some(name) = linked
            .relation
            .as_deref()
            .filter(|name| RelationType::from_name(name).is_none())
        {
            let content = find(&discovery_path).map_or("", |f| f.content.as_str());
            problems.push(format!(
                "{discovery_path}:{}: linked noun {:?}: unknown relation type {name:?}: use one of {}",
                position_of(content, &format!("relation = \"{name}\""), false),
                linked.name,
                RelationType::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    match (actors, relations) {
        (Some(actors), Some(relations)) if problems.is_empty() => {
            let pronouns = pronouns
                .with_clause_openers(relations.classes.get("barrier").into_iter().flatten());
            let discovery = DiscoveryRules::new(&discovery, first_names, &actors);
            // The words the stages look every token up in, numbered once:
            // the text stage looks a token up once, the stages read
            // their tables by its number.
            text.vocabulary = crate::text::Vocabulary::new(
                pronouns
                    .words()
                    .chain(discovery.words())
                    .chain(relations.words()),
            );
            Ok(Lexicon {
                pronouns: pronouns.index(&text.vocabulary),
                discovery: discovery.index(&text.vocabulary),
                relations: relations.index(&text.vocabulary),
                text,
                actors,
            })
        }
        _ => Err(Error::Data { problems }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads() {
        let lexicon = Lexicon::builtin().expect("built-in data is valid");
        assert!(lexicon.actors.lookup("Tokayev").is_some());
        assert!(!lexicon.relations.rules().is_empty());
    }

    #[test]
    fn builtin_list_matches_the_data_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let from_disk = Lexicon::load(&dir).expect("data/ is valid");
        let builtin = Lexicon::builtin().expect("built-in data is valid");
        assert_eq!(
            from_disk.relations.rules().len(),
            builtin.relations.rules().len(),
            "every file of data/nl/relations is in BUILTIN"
        );
    }

    fn files_with(path: &str, content: &str) -> Vec<DataFile> {
        let mut files: Vec<DataFile> = BUILTIN
            .iter()
            .map(|(p, c)| DataFile {
                path: (*p).into(),
                content: (*c).into(),
            })
            .collect();
        files.retain(|f| f.path != path);
        files.push(DataFile {
            path: path.into(),
            content: content.into(),
        });
        files
    }

    fn problems(files: &[DataFile]) -> Vec<String> {
        match Lexicon::from_files(files) {
            Err(Error::Data { problems }) => problems,
            other => panic!("expected a data error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_toml_names_file_line_and_column() {
        let found = problems(&files_with(
            "nl/grammar.toml",
            "[classes]\nnp_prefix = [\"de\"\n",
        ));
        assert!(
            found.iter().any(|p| p.starts_with("nl/grammar.toml:")),
            "{found:?}"
        );
    }

    #[test]
    fn an_unsorted_or_capitalised_first_name_is_an_error_with_its_line() {
        let found = problems(&files_with(
            FIRST_NAMES_FILE,
            "# header\nanna f\nZoe\nbert m\nalbert\nzoe x\n",
        ));
        assert_eq!(
            found,
            vec![
                "first_names.txt:3:1: \"Zoe\": a name is one word in lower case",
                "first_names.txt:5:1: \"albert\" comes after \"bert\": keep the list sorted, each name once",
                "first_names.txt:6:1: \"zoe\" \"x\": after the name and a space, only \"m\" or \"f\" (its gender) may follow",
            ]
        );
    }

    #[test]
    fn unknown_actor_type_and_field_are_load_errors() {
        let found = problems(&files_with(
            "actors.toml",
            "[[actor]]\nname = \"X\"\ntype = \"alien\"\n",
        ));
        assert!(found[0].starts_with("actors.toml:3:"), "{found:?}");
        let found = problems(&files_with(
            "actors.toml",
            "[[actor]]\nname = \"X\"\ntype = \"person\"\nalias = []\n",
        ));
        assert!(found[0].contains("unknown field"), "{found:?}");
    }

    #[test]
    fn alias_naming_two_actors_is_an_error_with_its_line() {
        let content = "[[actor]]\nname = \"Anna\"\ntype = \"person\"\naliases = [\"A. Smit\"]\n\n[[actor]]\nname = \"Bert\"\ntype = \"person\"\naliases = [\"A. Smit\"]\n";
        let found = problems(&files_with("actors.toml", content));
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("actors.toml:9:12:") && p.contains("names two actors")),
            "{found:?}"
        );
    }

    #[test]
    fn a_verb_with_an_unknown_frame_or_form_is_an_error_with_its_line() {
        let bad = "[cameo]\nnote = \"none\"\n\n[[verb]]\nid = \"x\"\nframe = \"ditransitive\"\nfinite = [\"gaf\"]\n";
        let found = problems(&files_with("nl/relations/dismissed.toml", bad));
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("nl/relations/dismissed.toml:5:")
                    && p.contains("unknown frame \"ditransitive\"")),
            "{found:?}"
        );
        let bad = "[cameo]\nnote = \"none\"\n\n[[verb]]\nid = \"x\"\nframe = \"transitive\"\nfinit = [\"gaf\"]\n";
        let found = problems(&files_with("nl/relations/dismissed.toml", bad));
        assert!(
            found
                .iter()
                .any(|p| p.contains("has no form \"finit\"") && p.contains("finite")),
            "{found:?}"
        );
    }

    #[test]
    fn unknown_relation_file_and_bad_pattern_are_errors() {
        let found = problems(&files_with("nl/relations/likes.toml", ""));
        assert!(
            found
                .iter()
                .any(|p| p.contains("unknown relation type \"likes\"")),
            "{found:?}"
        );
        let bad = "[[rule]]\nid = \"x\"\npattern = \"{src} ontsloeg @nonexistent {tgt}\"\n";
        let found = problems(&files_with("nl/relations/dismissed.toml", bad));
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("nl/relations/dismissed.toml:3:")
                    && p.contains("@nonexistent")),
            "{found:?}"
        );
        // Line and column, and what is wrong, for every kind of problem.
        let found = problems(&files_with(
            "nl/grammar.toml",
            "[classes]\nnp_prefix = [\"de\"\n",
        ));
        assert!(
            found.iter().any(|p| p.starts_with("nl/grammar.toml:3:1:")),
            "{found:?}"
        );
        assert_eq!(
            found.len(),
            1,
            "only the syntax error, not what follows from it: {found:?}"
        );
        let bad = "[[rule]]\nid = \"x\"\npattern = \"{src} ontsloeg @nonexistent {tgt}\"\n";
        let found = problems(&files_with("nl/relations/dismissed.toml", bad));
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("nl/relations/dismissed.toml:3:11:")),
            "{found:?}"
        );
    }
}
