"""Loads actorgraph's exports in their Python-side consumers and checks that
each describes the graph of graph.json: the same node ids, the same edges
(source, relation, target), and the known edges given on the command line.

    python3 tests/consumers/check.py OUT_DIR SOURCE:RELATION:TARGET ...

Consumers: networkx (node-link JSON, GEXF, GraphML), jsonschema (JGF against
tests/consumers/jgf-v2.schema.json, or the file JGF_SCHEMA names), Python's csv module (graph.csv, Neo4j
CSV headers), Graphviz's `dot -Tjson` (graph.dot). Prints one line per format
and exits non-zero on the first mismatch.
"""

import csv
import json
import os
import pathlib
import re
import subprocess
import sys

import jsonschema
import networkx as nx

HERE = pathlib.Path(__file__).resolve().parent


def fail(fmt, message):
    print(f"consumers: {fmt}: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def same(fmt, nodes, edges, want_nodes, want_edges, known):
    if set(nodes) != want_nodes or len(nodes) != len(want_nodes):
        fail(fmt, f"nodes differ: {sorted(set(nodes) ^ want_nodes)[:10]} ({len(nodes)} vs {len(want_nodes)})")
    if sorted(edges) != sorted(want_edges):
        fail(fmt, f"edges differ: {sorted(set(edges) ^ set(want_edges))[:10]} ({len(edges)} vs {len(want_edges)})")
    for triple in known:
        if triple not in edges:
            fail(fmt, f"known edge {triple} missing")
    print(f"consumers: {fmt}: {len(nodes)} nodes, {len(edges)} edges, known edges present")


def multigraph_edges(graph, relation="relation"):
    return [(s, d[relation], t) for s, t, d in graph.edges(data=True)]


def main():
    out = pathlib.Path(sys.argv[1])
    known = [tuple(k.split(":")) for k in sys.argv[2:]]
    native = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    want_nodes = {n["id"] for n in native["nodes"]}
    want_edges = [(e["source"], e["relation"], e["target"]) for e in native["edges"]]
    if len(set(want_edges)) != len(want_edges):
        fail("graph.json", "an edge (source, relation, target) appears twice")
    for triple in known:
        if triple not in want_edges:
            fail("graph.json", f"known edge {triple} missing")

    # networkx node-link (the `edges` key is networkx >= 3.6's default; older versions need edges="edges").
    g = nx.node_link_graph(native, edges="edges")
    if not (g.is_directed() and g.is_multigraph()):
        fail("graph.json", "networkx did not read a directed multigraph")
    same("graph.json (networkx node_link_graph)", list(g.nodes), multigraph_edges(g), want_nodes, want_edges, known)
    for s, r, t in known:
        if not g.has_edge(s, t, key=r):
            fail("graph.json", f"no edge keyed {r} from {s} to {t}")

    # GEXF 1.3.
    g = nx.read_gexf(out / "graph.gexf", version="1.3")
    same("graph.gexf (networkx read_gexf)", list(g.nodes), multigraph_edges(g), want_nodes, want_edges, known)
    by_id = {n["id"]: n for n in native["nodes"]}
    for node, data in g.nodes(data=True):
        if data.get("type") != by_id[node]["type"] or data.get("label") != by_id[node]["label"]:
            fail("graph.gexf", f"node {node}: type or label differ: {data}")
    for s, t, data in g.edges(data=True):
        native_edge = next(e for e in native["edges"] if (e["source"], e["relation"], e["target"]) == (s, data["relation"], t))
        if int(data["weight"]) != native_edge["weight"] or data["symmetric"] != native_edge["symmetric"]:
            fail("graph.gexf", f"edge {s} {data['relation']} {t}: weight or symmetric differ")
        if any(ev.get("date") for ev in native_edge["evidence"]) and not data.get("spells"):
            fail("graph.gexf", f"edge {s} {data['relation']} {t} has dated evidence but no time interval")
    if g.graph.get("mode") != "dynamic":
        fail("graph.gexf", "the graph is not dynamic (no timeline)")

    # GraphML.
    g = nx.read_graphml(out / "graph.graphml")
    same("graph.graphml (networkx read_graphml)", list(g.nodes), multigraph_edges(g), want_nodes, want_edges, known)
    for node, data in g.nodes(data=True):
        if data.get("type") != by_id[node]["type"] or not isinstance(data.get("mentions"), int):
            fail("graph.graphml", f"node {node}: type or typed mentions missing: {data}")
        if data.get("labels") != ":Actor:" + by_id[node]["type"].capitalize():
            fail("graph.graphml", f"node {node}: APOC labels {data.get('labels')!r}")

    # JGF v2 against the schema.
    jgf = json.loads((out / "graph.jgf.json").read_text(encoding="utf-8"))
    schema_path = pathlib.Path(os.environ.get("JGF_SCHEMA", HERE / "jgf-v2.schema.json"))
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    try:
        jsonschema.Draft7Validator(schema).validate(jgf)
    except jsonschema.ValidationError as error:
        fail("graph.jgf.json", f"invalid JGF: {error.message} at {list(error.absolute_path)}")
    graph = jgf["graph"]
    same("graph.jgf.json (jsonschema, JGF v2 schema)", list(graph["nodes"]),
         [(e["source"], e["relation"], e["target"]) for e in graph["edges"]], want_nodes, want_edges, known)

    # The CSV edge list.
    with open(out / "graph.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    edges = [(r["source"], r["relation"], r["target"]) for r in rows]
    nodes = {r["source"] for r in rows} | {r["target"] for r in rows}
    if not nodes <= want_nodes:
        fail("graph.csv", f"unknown actors {sorted(nodes - want_nodes)}")
    same("graph.csv (csv)", sorted(want_nodes), edges, want_nodes, want_edges, known)

    # Neo4j bulk import CSV: header syntax as neo4j-admin reads it.
    header = re.compile(r"^(?:[A-Za-z_][\w]*(?::(?:int|long|double|float|boolean|string)(?:\[\])?)?"
                        r"|[A-Za-z_]*:ID\(\w+\)|:LABEL|:START_ID\(\w+\)|:END_ID\(\w+\)|:TYPE)$")
    with open(out / "graph.nodes.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        bad = [h for h in reader.fieldnames if not header.match(h)]
        if bad:
            fail("graph.nodes.csv", f"headers neo4j-admin does not read: {bad}")
        rows = list(reader)
    nodes = [r["id:ID(Actor)"] for r in rows]
    for r in rows:
        if r[":LABEL"].split(";")[0] != "Actor":
            fail("graph.nodes.csv", f"labels {r[':LABEL']}")
    with open(out / "graph.relationships.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        bad = [h for h in reader.fieldnames if not header.match(h)]
        if bad:
            fail("graph.relationships.csv", f"headers neo4j-admin does not read: {bad}")
        rows = list(reader)
    edges = [(r[":START_ID(Actor)"], r["relation"], r[":END_ID(Actor)"]) for r in rows]
    for r in rows:
        if r[":TYPE"] != r["relation"].upper().replace("-", "_"):
            fail("graph.relationships.csv", f"type {r[':TYPE']} for {r['relation']}")
    same("graph.nodes.csv + graph.relationships.csv (csv, neo4j-admin headers)", nodes, edges,
         want_nodes, want_edges, known)
    cypher = (out / "graph.cypher").read_text(encoding="utf-8")
    for relation in {e[1] for e in want_edges}:
        if f"CREATE (s)-[r:{relation.upper().replace('-', '_')}]->(t)" not in cypher:
            fail("graph.cypher", f"no statement for {relation}")
    print("consumers: graph.cypher: a LOAD CSV statement per relation type")

    # DOT, read and laid out by Graphviz itself.
    layout = subprocess.run(["dot", "-Tjson", str(out / "graph.dot")], capture_output=True, text=True, check=False)
    if layout.returncode != 0 or layout.stderr.strip():
        fail("graph.dot", f"graphviz: {layout.stderr.strip()}")
    drawn = json.loads(layout.stdout)
    objects = drawn.get("objects", [])
    actors = {o["_gvid"]: o["name"] for o in objects if o.get("class") == "actor"}
    edges = []
    for e in drawn.get("edges", []):
        if e.get("class") == "relation":
            source, target = actors[e["tail"]], actors[e["head"]]
            prefix, suffix = f"relation-{source}--", f"--{target}"
            if not (e["id"].startswith(prefix) and e["id"].endswith(suffix)):
                fail("graph.dot", f"edge id {e['id']} is not relation-<source>--<relation>--<target>")
            edges.append((source, e["id"][len(prefix):-len(suffix)], target))
    same("graph.dot (graphviz dot -Tjson)", list(actors.values()), edges, want_nodes, want_edges, known)


if __name__ == "__main__":
    main()
