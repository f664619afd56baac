//! Every export format, read back by a real parser: the corpus graph comes
//! back whole from each (same nodes, same edges, the known facts), hostile
//! names survive every escaping, the output is deterministic, and the picture
//! of a large graph renders quickly.

use actorgraph::document::{read, Input};
use actorgraph::export::{self, csv as edge_csv, cyjs, dot, gexf, graphml, html, jgf, json, neo4j};
use actorgraph::graph::{DocumentSet, Edge, Evidence, Node};
use actorgraph::relation::RelationType;
use actorgraph::{extract, Graph, Lexicon};
use petgraph::graph::NodeIndex;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

type Triple = (String, String, String);

fn corpus_graph() -> Graph {
    let lexicon = Lexicon::builtin().expect("built-in data is valid");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    let reading = read(&[Input::Path(corpus)]).expect("the corpus is readable");
    extract(&lexicon, &reading.documents)
}

fn expected(graph: &Graph) -> (BTreeSet<String>, Vec<Triple>) {
    let nodes = graph.nodes().map(|n| n.id.clone()).collect();
    let edges = graph
        .edges()
        .map(|e| (e.source.clone(), e.relation.to_string(), e.target.clone()))
        .collect();
    (nodes, edges)
}

fn str_of(value: &serde_json::Value) -> String {
    value.as_str().expect("a string").to_string()
}

/// (nodes, edges) as each format holds them, read with a parser.
fn read_back(graph: &Graph) -> BTreeMap<&'static str, (BTreeSet<String>, Vec<Triple>)> {
    let mut formats = BTreeMap::new();
    let native: serde_json::Value = serde_json::from_str(&json::to_json(graph)).expect("json");
    formats.insert(
        "json",
        (
            native["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .map(|n| str_of(&n["id"]))
                .collect(),
            native["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| {
                    (
                        str_of(&e["source"]),
                        str_of(&e["relation"]),
                        str_of(&e["target"]),
                    )
                })
                .collect(),
        ),
    );
    let cy: serde_json::Value = serde_json::from_str(&cyjs::to_cyjs(graph)).expect("cyjs");
    formats.insert(
        "cyjs",
        (
            cy["elements"]["nodes"]
                .as_array()
                .expect("nodes")
                .iter()
                .map(|n| str_of(&n["data"]["id"]))
                .collect(),
            cy["elements"]["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| {
                    let d = &e["data"];
                    (
                        str_of(&d["source"]),
                        str_of(&d["relation"]),
                        str_of(&d["target"]),
                    )
                })
                .collect(),
        ),
    );
    let j: serde_json::Value = serde_json::from_str(&jgf::to_jgf(graph)).expect("jgf");
    formats.insert(
        "jgf",
        (
            j["graph"]["nodes"]
                .as_object()
                .expect("nodes")
                .keys()
                .cloned()
                .collect(),
            j["graph"]["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| {
                    (
                        str_of(&e["source"]),
                        str_of(&e["relation"]),
                        str_of(&e["target"]),
                    )
                })
                .collect(),
        ),
    );
    let gexf_text = gexf::to_gexf(graph);
    let doc = roxmltree::Document::parse(&gexf_text).expect("GEXF is well-formed XML");
    let attvalue = |el: roxmltree::Node, name: &str| {
        el.descendants()
            .find(|a| a.has_tag_name("attvalue") && a.attribute("for") == Some(name))
            .and_then(|a| a.attribute("value"))
            .unwrap_or_default()
            .to_string()
    };
    formats.insert(
        "gexf",
        (
            doc.descendants()
                .filter(|n| n.has_tag_name("node"))
                .map(|n| n.attribute("id").expect("id").to_string())
                .collect(),
            doc.descendants()
                .filter(|n| n.has_tag_name("edge"))
                .map(|e| {
                    let attr = |a: &str| e.attribute(a).expect(a).to_string();
                    (attr("source"), attvalue(e, "relation"), attr("target"))
                })
                .collect(),
        ),
    );
    let graphml_text = graphml::to_graphml(graph);
    let doc = roxmltree::Document::parse(&graphml_text).expect("GraphML is well-formed XML");
    formats.insert(
        "graphml",
        (
            doc.descendants()
                .filter(|n| n.has_tag_name("node"))
                .map(|n| n.attribute("id").expect("id").to_string())
                .collect(),
            doc.descendants()
                .filter(|n| n.has_tag_name("edge"))
                .map(|e| {
                    let relation = e
                        .children()
                        .find(|d| d.attribute("key") == Some("e_relation"))
                        .and_then(|d| d.text())
                        .unwrap_or_default()
                        .to_string();
                    let attr = |a: &str| e.attribute(a).expect(a).to_string();
                    (attr("source"), relation, attr("target"))
                })
                .collect(),
        ),
    );
    let nodes_text = neo4j::to_nodes_csv(graph);
    let mut nodes_csv = csv::Reader::from_reader(nodes_text.as_bytes());
    let neo_nodes: BTreeSet<String> = nodes_csv
        .records()
        .map(|r| r.expect("record")[0].to_string())
        .collect();
    let rels = neo4j::to_relationships_csv(graph);
    let mut rels_csv = csv::Reader::from_reader(rels.as_bytes());
    let relation_column = rels_csv
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "relation")
        .expect("relation column");
    let neo_edges = rels_csv
        .records()
        .map(|r| {
            let r = r.expect("record");
            (
                r[0].to_string(),
                r[relation_column].to_string(),
                r[1].to_string(),
            )
        })
        .collect();
    formats.insert("neo4j", (neo_nodes, neo_edges));
    let list = edge_csv::to_csv(graph);
    let mut list_csv = csv::Reader::from_reader(list.as_bytes());
    let list_edges: Vec<Triple> = list_csv
        .records()
        .map(|r| {
            let r = r.expect("record");
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect();
    formats.insert("csv", (expected(graph).0, list_edges));
    formats.insert("dot", read_dot(&dot::to_dot(graph)));
    formats
}

/// Actors (`class=actor`) and relations (`class=relation`) of DOT text, via
/// graphviz-rust's parser.
fn read_dot(text: &str) -> (BTreeSet<String>, Vec<Triple>) {
    use graphviz_rust::dot_structures::{EdgeTy, Graph as G, Id, Stmt, Vertex};
    let parsed = graphviz_rust::parse(text).expect("DOT parses");
    let G::DiGraph { stmts, .. } = parsed else {
        panic!("a digraph")
    };
    fn unquote(id: &Id) -> String {
        match id {
            Id::Escaped(s) => {
                let inner = &s[1..s.len() - 1];
                let mut out = String::new();
                let mut chars = inner.chars();
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        match chars.next() {
                            Some('n') => out.push('\n'),
                            Some(other) => out.push(other),
                            None => {}
                        }
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
        }
    }
    fn walk(stmts: &[Stmt], nodes: &mut BTreeSet<String>, edges: &mut Vec<Triple>) {
        for stmt in stmts {
            let attr = |list: &[graphviz_rust::dot_structures::Attribute], name: &str| {
                list.iter()
                    .find(|a| unquote(&a.0) == name)
                    .map(|a| unquote(&a.1))
            };
            match stmt {
                Stmt::Node(n) if attr(&n.attributes, "class").as_deref() == Some("actor") => {
                    nodes.insert(unquote(&n.id.0));
                }
                Stmt::Edge(e) if attr(&e.attributes, "class").as_deref() == Some("relation") => {
                    if let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty {
                        let id = attr(&e.attributes, "id").expect("edge id");
                        let (source, target) = (unquote(&a.0), unquote(&b.0));
                        let relation = id
                            .strip_prefix(&format!("relation-{source}--"))
                            .and_then(|rest| rest.strip_suffix(&format!("--{target}")))
                            .expect("relation-<source>--<relation>--<target>")
                            .to_string();
                        edges.push((source, relation, target));
                    }
                }
                Stmt::Subgraph(s) => walk(&s.stmts, nodes, edges),
                _ => {}
            }
        }
    }
    let (mut nodes, mut edges) = (BTreeSet::new(), Vec::new());
    walk(&stmts, &mut nodes, &mut edges);
    (nodes, edges)
}

#[test]
fn every_format_holds_the_graph_of_graph_json() {
    let graph = corpus_graph();
    let (nodes, edges) = expected(&graph);
    let dismissed = (
        "kassym-jomart-tokajev".to_string(),
        "dismissed".to_string(),
        "karim-masimov".to_string(),
    );
    assert!(
        edges.contains(&dismissed),
        "the corpus says Tokajev dismissed Masimov"
    );
    for (format, (got_nodes, got_edges)) in read_back(&graph) {
        assert_eq!(got_nodes, nodes, "{format}: nodes");
        assert_eq!(got_edges, edges, "{format}: edges, in order");
    }
}

#[test]
fn exports_are_deterministic() {
    let (a, b) = (corpus_graph(), corpus_graph());
    assert_eq!(cyjs::to_cyjs(&a), cyjs::to_cyjs(&b));
    assert_eq!(gexf::to_gexf(&a), gexf::to_gexf(&b));
    assert_eq!(graphml::to_graphml(&a), graphml::to_graphml(&b));
    assert_eq!(jgf::to_jgf(&a), jgf::to_jgf(&b));
    assert_eq!(neo4j::to_cypher(&a), neo4j::to_cypher(&b));
    assert_eq!(neo4j::to_nodes_csv(&a), neo4j::to_nodes_csv(&b));
    assert_eq!(edge_csv::to_csv(&a), edge_csv::to_csv(&b));
    assert_eq!(
        html::to_html(&a, &a, "<svg/>"),
        html::to_html(&b, &b, "<svg/>")
    );
}

#[test]
fn gexf_edges_carry_time_intervals_from_document_dates() {
    let graph = corpus_graph();
    let text = gexf::to_gexf(&graph);
    let doc = roxmltree::Document::parse(&text).expect("xml");
    let edge = doc
        .descendants()
        .find(|e| {
            e.has_tag_name("edge")
                && e.attribute("source") == Some("kassym-jomart-tokajev")
                && e.attribute("target") == Some("karim-masimov")
        })
        .expect("the dismissal");
    let spell = edge
        .descendants()
        .find(|s| s.has_tag_name("spell"))
        .expect("a spell");
    assert_eq!(
        (spell.attribute("start"), spell.attribute("end")),
        (Some("2022-01-01"), Some("2022-01-31"))
    );
}

/// A graph whose every string is `name`, with two relations between one pair.
fn hostile_graph(name: &str) -> Graph {
    let mut graph = Graph::default();
    let ids = [format!("a{name}"), format!("b{name}")];
    let mut index: Vec<NodeIndex> = Vec::new();
    for id in &ids {
        index.push(graph.graph.add_node(Node {
            id: id.clone(),
            label: name.to_string(),
            kind: "person".to_string(),
            aliases: vec![name.to_string()],
            surface_forms: BTreeMap::new(),
            mentions: 1,
            documents: DocumentSet::from([name.to_string()]),
            country: Some(name.to_string()),
            roles: vec![name.to_string()],
            wikidata: None,
            roles_in_text: Vec::new(),
            reason: None,
        }));
    }
    for relation in [RelationType::Dismissed, RelationType::Met] {
        let evidence = Evidence {
            document: name.to_string(),
            date: Some("2022-01".to_string()),
            sentence_index: 0,
            sentence: name.to_string(),
            sentence_span: [0, 1],
            trigger: name.to_string(),
            trigger_span: [0, 1],
            rule: name.to_string(),
            confidence: 0.5,
            hedged: false,
            resolved: Vec::new(),
            attributed_to: None,
        };
        graph.graph.add_edge(
            index[0],
            index[1],
            Edge {
                source: ids[0].clone(),
                target: ids[1].clone(),
                relation,
                symmetric: relation.symmetric(),
                cameo: None,
                goldstein: None,
                weight: 1,
                documents: DocumentSet::from([evidence.document.clone()]),
                evidence: vec![evidence],
            },
        );
    }
    graph.documents = 1;
    graph
}

/// What DOT keeps of a string: every character but controls other than `\n`.
fn dot_clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_names_survive_every_format(
        name in prop_oneof![
            "\\PC{0,30}",
            Just("\"quoted\" \\back\\slash\\".to_string()),
            Just("<b>&amp;</b> & <script>alert(1)</script>".to_string()),
            Just("line\nbreak\r\ncarriage\ttab".to_string()),
            Just("\u{202E}rtl\u{200F} mark \u{2028}sep".to_string()),
            Just("a,b;\"c\"\n=SUM(A1)".to_string()),
            Just("--".to_string()),
            Just("strict digraph graph node edge subgraph { } [ ] ; -> -- =".to_string()),
            Just("node".to_string()),
        ]
    ) {
        let graph = hostile_graph(&name);
        let (nodes, edges) = expected(&graph);
        for (format, (got_nodes, got_edges)) in read_back(&graph) {
            // DOT drops control characters other than line feeds, ids included
            // (real ids are slugs, which have none).
            let (nodes, edges) = if format == "dot" {
                let clean = |s: &String| dot_clean(s);
                (
                    nodes.iter().map(clean).collect(),
                    edges.iter().map(|(a, r, b)| (clean(a), r.clone(), clean(b))).collect(),
                )
            } else {
                (nodes.clone(), edges.clone())
            };
            prop_assert_eq!(&got_nodes, &nodes, "{}", format);
            prop_assert_eq!(&got_edges, &edges, "{}", format);
        }
        // Labels and evidence, as each parser gives them back.
        let xml_name = export::xml_clean(&name);
        let gexf_text = gexf::to_gexf(&graph);
        let doc = roxmltree::Document::parse(&gexf_text).expect("GEXF parses");
        let node = doc.descendants().find(|n| n.has_tag_name("node")).expect("node");
        prop_assert_eq!(node.attribute("label"), Some(xml_name.as_str()));
        let graphml_text = graphml::to_graphml(&graph);
        let doc = roxmltree::Document::parse(&graphml_text).expect("GraphML parses");
        let label = doc.descendants().find(|d| d.attribute("key") == Some("n_label")).expect("label");
        prop_assert_eq!(label.text().unwrap_or_default(), xml_name.as_str());
        let list = edge_csv::to_csv(&graph);
        let mut reader = csv::Reader::from_reader(list.as_bytes());
        let row = reader.records().next().expect("a row").expect("a record");
        prop_assert_eq!(&row[6], name.as_str());
        prop_assert_eq!(&row[9], name.as_str());
        let nodes_csv = neo4j::to_nodes_csv(&graph);
        let mut reader = csv::Reader::from_reader(nodes_csv.as_bytes());
        let row = reader.records().next().expect("a row").expect("a record");
        prop_assert_eq!(&row[2], name.as_str());
        let cy: serde_json::Value = serde_json::from_str(&cyjs::to_cyjs(&graph)).expect("cyjs");
        prop_assert_eq!(cy["elements"]["nodes"][0]["data"]["label"].as_str(), Some(name.as_str()));
        let page = html::to_html(&graph, &graph, "<svg></svg>");
        let start = page.find("id=\"graph-data\">").expect("data") + "id=\"graph-data\">".len();
        let end = start + page[start..].find("</script>").expect("end of data");
        let data: serde_json::Value = serde_json::from_str(&page[start..end]).expect("embedded JSON");
        let first = data["nodes"].as_object().expect("nodes").values().next().expect("a node");
        prop_assert_eq!(first["label"].as_str(), Some(name.as_str()));
        prop_assert_eq!(page.matches("</script>").count(), 2);
        let text = dot::to_dot(&graph);
        let parsed = graphviz_rust::parse(&text);
        prop_assert!(parsed.is_ok(), "{}", text);
        prop_assert!(text.contains(&dot::quote(&dot_clean(&name))));
    }
}

/// The hostile names that the property test always tries, and more.
const HOSTILE: [&str; 10] = [
    "\"quoted\" \\back\\slash\\",
    "<b>&amp;</b> & <script>alert(1)</script>",
    "<<html>> <TABLE><TR><TD>cell</TD></TR></TABLE>",
    "line\nbreak\r\ncarriage\ttab",
    "\u{202E}rtl\u{200F} mark \u{2028}sep \u{200B}zero width",
    "strict digraph graph node edge subgraph { } [ ] ; -> -- =",
    "node",
    "subgraph cluster_x { a -> b }",
    "trailing backslash \\",
    "\\N \\G \\E \\L \\l \\r",
];

/// Graphviz's reading of a label attribute: `\\` is a backslash, `\n`,
/// `\l` and `\r` end lines, `\N` and the like name things (our exports never
/// write those: a backslash in a name is always doubled).
fn graphviz_label(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'l' | 'r') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Graphviz itself reads the DOT of hostile names: it accepts it without a
/// warning, finds the two actors and two relations (no keyword, brace or
/// quote makes or swallows a statement), and gives each actor the label it
/// has in the graph.
#[test]
fn graphviz_reads_hostile_names_back() {
    if !actorgraph::render::graphviz_available() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Graphviz is missing under CI"
        );
        return;
    }
    for name in HOSTILE {
        let graph = hostile_graph(name);
        let text = dot::to_dot(&graph);
        let mut child = std::process::Command::new("dot")
            .arg("-Tjson")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("dot runs");
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write");
        let output = child.wait_with_output().expect("dot ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name:?}: {stderr}\n{text}");
        assert!(stderr.is_empty(), "{name:?}: dot warned: {stderr}\n{text}");
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("dot -Tjson gives JSON");
        let actors: Vec<&serde_json::Value> = json["objects"]
            .as_array()
            .expect("objects")
            .iter()
            .filter(|o| o["class"] == "actor")
            .collect();
        assert_eq!(actors.len(), 2, "{name:?}: {text}");
        let relations = json["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .filter(|e| e["class"] == "relation")
            .count();
        assert_eq!(relations, 2, "{name:?}: {text}");
        for actor in actors {
            let label = graphviz_label(actor["label"].as_str().expect("a label"));
            assert_eq!(label, dot_clean(name), "{name:?}: {text}");
        }
    }
}

/// A generated graph of `n` actors and `m` relations.
fn big_graph(n: usize, m: usize) -> Graph {
    let mut graph = Graph::default();
    let kinds = ["person", "organization", "country", "location", "group"];
    let index: Vec<NodeIndex> = (0..n)
        .map(|i| {
            graph.graph.add_node(Node {
                id: format!("actor-{i:03}"),
                label: format!("Actor {i}"),
                kind: kinds[i % kinds.len()].to_string(),
                aliases: Vec::new(),
                surface_forms: BTreeMap::new(),
                mentions: 1 + i % 7,
                documents: DocumentSet::from([format!("d{}", i % 20)]),
                country: None,
                roles: Vec::new(),
                wikidata: None,
                roles_in_text: Vec::new(),
                reason: None,
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut edges = Vec::new();
    while edges.len() < m {
        // Preferential: low numbers are hubs.
        let a = next() % n;
        let b = (next() % n).min(next() % n);
        let relation = RelationType::ALL[next() % RelationType::ALL.len()];
        let (a, b) = if relation.symmetric() && b < a {
            (b, a)
        } else {
            (a, b)
        };
        if a == b || !seen.insert((a, relation, b)) {
            continue;
        }
        edges.push((a, relation, b));
    }
    edges.sort();
    for (a, relation, b) in edges {
        let weight = 1 + next() % 3;
        graph.graph.add_edge(
            index[a],
            index[b],
            Edge {
                source: format!("actor-{a:03}"),
                target: format!("actor-{b:03}"),
                relation,
                symmetric: relation.symmetric(),
                cameo: None,
                goldstein: None,
                weight,
                documents: (0..weight).map(|k| format!("d{k}")).collect(),
                evidence: (0..weight)
                    .map(|k| Evidence {
                        document: format!("d{k}"),
                        date: Some(format!("2022-0{}", 1 + k)),
                        sentence_index: k,
                        sentence: format!("Actor {a} {relation} actor {b}."),
                        sentence_span: [0, 1],
                        trigger: relation.to_string(),
                        trigger_span: [0, 1],
                        rule: "generated".to_string(),
                        confidence: 1.0,
                        hedged: false,
                        resolved: Vec::new(),
                        attributed_to: None,
                    })
                    .collect(),
            },
        );
    }
    graph.documents = 20;
    graph
}

#[test]
fn a_large_graph_is_pictured_by_its_top_actors_with_a_scalable_layout() {
    let graph = big_graph(400, 1000);
    let (nodes, edges) = expected(&graph);
    for (format, (got_nodes, got_edges)) in read_back(&graph) {
        assert_eq!(got_nodes, nodes, "{format}");
        assert_eq!(got_edges.len(), edges.len(), "{format}");
    }
    let full = dot::to_dot(&graph);
    assert!(
        full.contains("layout=\"sfdp\""),
        "the whole graph is laid out with sfdp"
    );
    let config = dot::PictureConfig {
        top: 60,
        ..dot::PictureConfig::default()
    };
    let (shown, text) = dot::picture(&graph, &config);
    assert_eq!(shown.graph.node_count(), 60);
    assert!(
        text.contains("showing the 60 most important of 400 actors"),
        "{text}"
    );
    if !actorgraph::render::graphviz_available() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Graphviz is missing under CI"
        );
        return;
    }
    for (name, dot_text) in [("top 60", text.as_str()), ("all 400", full.as_str())] {
        let started = std::time::Instant::now();
        let image = actorgraph::render::render_with_timeout(
            dot_text,
            actorgraph::render::ImageFormat::Png,
            true,
            std::time::Duration::from_secs(120),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let took = started.elapsed();
        eprintln!("rendered the {name} picture of 400 actors/1000 relations in {took:?}");
        assert!(image.bytes.starts_with(b"\x89PNG"));
        // To look at them: ACTORGRAPH_SAVE_PICTURES=DIR cargo test --test exports large
        if let Some(dir) = std::env::var_os("ACTORGRAPH_SAVE_PICTURES") {
            let file = PathBuf::from(dir).join(format!("big-{}.png", name.replace(' ', "-")));
            std::fs::write(file, &image.bytes).expect("write the picture");
        }
        assert!(took.as_secs() < 60, "{name} took {took:?}");
    }
}

#[test]
fn graphviz_is_stopped_at_the_timeout() {
    if !actorgraph::render::graphviz_available() {
        return;
    }
    // dot's layered layout does not finish this in a fraction of a second.
    let mut text = dot::to_dot_with(
        &big_graph(400, 1000),
        &dot::DotConfig {
            layout: Some(dot::Layout::Dot),
            ..dot::DotConfig::default()
        },
    );
    text.push('\n');
    let started = std::time::Instant::now();
    let error = actorgraph::render::render_with_timeout(
        &text,
        actorgraph::render::ImageFormat::Svg,
        true,
        std::time::Duration::from_millis(300),
    )
    .expect_err("stopped");
    assert!(started.elapsed().as_secs() < 10);
    assert!(error.to_string().contains("took longer than"), "{error}");
}
