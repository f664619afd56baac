"""actorgraph on Apache Spark: `actorgraph extract` is the map step,
`actorgraph merge` the reduce step.

Takes: a JSONL corpus (one {"id", "date", "text"} per line), the actorgraph
binary, a number of partitions.
Gives: OUT/graph.json, the graph of the whole corpus, and (with --check) the
same corpus built by `actorgraph build` in CHECK_DIR, compared byte for byte.

The map: Spark splits the corpus into partitions of lines (documents) and
pipes each partition through `actorgraph extract -` (RDD.pipe), which writes
one line per document: that document's graph. The reduce: each partition's
lines are merged by `actorgraph merge -` into one graph (a combiner), the
partitions' graphs are merged pairwise in a tree (RDD.treeReduce, which
needs an associative and commutative function: merge is one), and the driver
writes the result with one last `actorgraph merge`. Spark runs in local mode
here; on a cluster only the master URL changes (the binary must then be on
every worker, e.g. with --files).

Does not: parse the graph in Python. The lines pass through as text.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def merge_lines(binary, lines):
    """Merges extract lines or one-line graphs with `actorgraph merge -`;
    gives the merged graph.json as one line (pretty-printed JSON has newlines
    only between tokens, so dropping them keeps every value as it is), or
    None when there was nothing to merge."""
    data = "".join(line.rstrip("\n") + "\n" for line in lines if line.strip())
    if not data:
        return None
    with tempfile.TemporaryDirectory(prefix="actorgraph-merge-") as out:
        subprocess.run(
            [binary, "merge", "-", "-o", out, "-f", "json", "-q"],
            input=data.encode("utf-8"),
            check=True,
        )
        with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
            return f.read().replace("\n", "")


def merge_pair(binary):
    def merge(a, b):
        if a is None or b is None:
            return b if a is None else a
        return merge_lines(binary, [a, b])

    return merge


def run(args):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    binary = os.path.abspath(args.actorgraph)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    conf = (
        SparkConf()
        .setMaster(f"local[{args.cores}]")
        .setAppName("actorgraph")
        .set("spark.local.dir", os.path.join(work, "spark-local"))
        .set("spark.ui.enabled", "false")
    )
    started = time.monotonic()
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    ready = time.monotonic()

    documents = sc.textFile(os.path.abspath(args.corpus), minPartitions=args.partitions)
    # Map: every partition through `actorgraph extract -`, one thread each
    # (Spark runs `cores` partitions at once).
    fragments = documents.pipe(f"{binary} extract - --threads 1 -q")
    # Reduce: merge within each partition, then pairwise across partitions.
    partials = fragments.mapPartitions(lambda lines: [merge_lines(binary, lines)])
    merged = partials.treeReduce(merge_pair(binary), depth=args.depth)
    partitions = documents.getNumPartitions()
    sc.stop()
    if merged is None:
        sys.exit("actorgraph_spark: the corpus has no documents")
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    whole = os.path.join(work, "merged.jsonl")
    with open(whole, "w", encoding="utf-8") as f:
        f.write(merged + "\n")
    subprocess.run([binary, "merge", whole, "-o", out, "-f", "json", "-q"], check=True)
    done = time.monotonic()
    with open(os.path.join(out, "graph.json"), "rb") as f:
        graph = f.read()
    documents_in = json.loads(graph)["graph"]["documents"]
    print(
        f"spark: {documents_in} documents in {partitions} partitions on local[{args.cores}]: "
        f"{done - started:.1f} s in all, {done - ready:.1f} s after the context started; "
        f"wrote {os.path.join(out, 'graph.json')}"
    )
    if args.check:
        check = os.path.abspath(args.check)
        t = time.monotonic()
        subprocess.run(
            [binary, "build", os.path.abspath(args.corpus), "-o", check, "-f", "json", "-q"],
            check=True,
        )
        built = time.monotonic() - t
        with open(os.path.join(check, "graph.json"), "rb") as f:
            expected = f.read()
        same = graph == expected
        print(
            f"check: `actorgraph build` over the same corpus: {built:.1f} s; "
            f"graph.json {'byte-identical' if same else 'DIFFERENT'} "
            f"({len(graph)} and {len(expected)} bytes)"
        )
        if not same:
            sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="a JSONL corpus")
    parser.add_argument(
        "--actorgraph",
        default=os.path.join(REPO, "target", "release", "actorgraph"),
        help="the binary (default: target/release/actorgraph)",
    )
    parser.add_argument("--partitions", type=int, default=16, help="at least this many partitions")
    parser.add_argument("--cores", default="*", help="local[CORES] (default: every core)")
    parser.add_argument("--depth", type=int, default=2, help="depth of the merge tree")
    parser.add_argument("--work", default=os.path.join(REPO, "target", "spark"), help="scratch directory")
    parser.add_argument("-o", "--out", default=os.path.join(REPO, "target", "spark", "out"))
    parser.add_argument(
        "--check",
        metavar="DIR",
        help="also run `actorgraph build` on the corpus into DIR and compare graph.json byte for byte",
    )
    run(parser.parse_args())


if __name__ == "__main__":
    main()
