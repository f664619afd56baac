// Loads actorgraph's exports in their JavaScript consumers and checks that
// each describes the graph of graph.json: Cytoscape.js (headless) reads
// graph.cyjs, graphology with graphology-gexf reads graph.gexf, and headless
// Chromium opens graph.html, which must load without console errors and show
// the evidence of an actor when it is clicked.
//
//   node tests/consumers/check.mjs OUT_DIR SOURCE:RELATION:TARGET ...
//
// CHROMIUM names the browser (default: Debian's chromium). Exits non-zero on the first
// mismatch.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import cytoscape from "cytoscape";
import graphology from "graphology";
import gexf from "graphology-gexf";
import puppeteer from "puppeteer-core";

const [outDir, ...knownArgs] = process.argv.slice(2);
const known = knownArgs.map((k) => k.split(":"));
const native = JSON.parse(readFileSync(join(outDir, "graph.json"), "utf8"));
const wantNodes = native.nodes.map((n) => n.id).sort();
const key = (s, r, t) => `${s} ${r} ${t}`;
const wantEdges = native.edges.map((e) => key(e.source, e.relation, e.target)).sort();

function fail(format, message) {
  console.error(`consumers: ${format}: FAILED: ${message}`);
  process.exit(1);
}

function same(format, nodes, edges) {
  nodes = [...nodes].sort();
  edges = [...edges].sort();
  if (JSON.stringify(nodes) !== JSON.stringify(wantNodes)) {
    fail(format, `nodes differ (${nodes.length} vs ${wantNodes.length})`);
  }
  if (JSON.stringify(edges) !== JSON.stringify(wantEdges)) {
    fail(format, `edges differ (${edges.length} vs ${wantEdges.length})`);
  }
  for (const [s, r, t] of known) {
    if (!edges.includes(key(s, r, t))) fail(format, `known edge ${key(s, r, t)} missing`);
  }
  console.log(`consumers: ${format}: ${nodes.length} nodes, ${edges.length} edges, known edges present`);
}

// Cytoscape.js, headless, as cy.json() reads a .cyjs file.
{
  const cyjs = JSON.parse(readFileSync(join(outDir, "graph.cyjs"), "utf8"));
  const cy = cytoscape({ headless: true, styleEnabled: true });
  cy.json({ elements: cyjs.elements, style: cyjs.style });
  same(
    "graph.cyjs (cytoscape headless)",
    cy.nodes().map((n) => n.id()),
    cy.edges().map((e) => key(e.source().id(), e.data("relation"), e.target().id())),
  );
  const [s, r, t] = known[0] ?? [];
  if (s) {
    const edge = cy.edges().filter((e) => e.source().id() === s && e.target().id() === t && e.data("relation") === r);
    const colour = edge.style("line-color");
    if (!edge.data("evidence").length || colour === "rgb(153,153,153)") {
      fail("graph.cyjs", `edge ${key(s, r, t)} has no evidence or no style (${colour})`);
    }
  }
}

// graphology with graphology-gexf.
{
  const text = readFileSync(join(outDir, "graph.gexf"), "utf8");
  const graph = gexf.parse(graphology.MultiDirectedGraph, text, { respectInputGraphType: true });
  const edges = [];
  graph.forEachEdge((_, attributes, source, target) => edges.push(key(source, attributes.relation, target)));
  same("graph.gexf (graphology-gexf)", graph.nodes(), edges);
  for (const node of native.nodes) {
    if (graph.getNodeAttribute(node.id, "type") !== node.type) fail("graph.gexf", `type of ${node.id}`);
  }
}

// graph.html in headless Chromium: no console errors, a click shows the evidence.
{
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ||
      ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p)) || "chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
    timeout: 30000,
    protocolTimeout: 30000,
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warn") problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push(`network request: ${r.url()}`); });
    const url = pathToFileURL(resolve(outDir, "graph.html")).href;
    await page.goto(url, { waitUntil: "load" });
    const counts = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById("graph-data").textContent);
      return { nodes: Object.keys(data.nodes), edges: data.edges.map((e) => `${e.source} ${e.relation} ${e.target}`),
        list: document.querySelectorAll("#actors li").length, svg: !!document.querySelector("#picture svg") };
    });
    same("graph.html (chromium: embedded data)", counts.nodes, counts.edges);
    if (counts.list !== wantNodes.length || !counts.svg) fail("graph.html", `actor list ${counts.list}, svg ${counts.svg}`);
    for (const [s, r, t] of known) {
      const edge = native.edges.find((e) => e.source === s && e.relation === r && e.target === t);
      const target = native.nodes.find((n) => n.id === t);
      // A click on the actor in the picture (its SVG group), as a reader would.
      const selector = `[id="actor-${s}"]`;
      const handle = await page.$(selector);
      if (!handle) fail("graph.html", `actor ${s} is not in the picture`);
      await handle.click();
      const shown = await page.$eval("#details", (d) => d.textContent);
      for (const expected of [r, target.label, edge.evidence[0].sentence, edge.evidence[0].document]) {
        if (!shown.includes(expected)) fail("graph.html", `after a click on ${s}, the panel lacks ${JSON.stringify(expected)}`);
      }
      // A click on the relation itself, when the picture holds it.
      const edgeHandle = await page.$(`[id="relation-${s}--${r}--${t}"]`);
      if (edgeHandle) {
        await page.$eval(`[id="relation-${s}--${r}--${t}"]`, (g) => g.dispatchEvent(new MouseEvent("click", { bubbles: true })));
        const relation = await page.$eval("#details", (d) => d.textContent);
        if (!relation.includes(edge.evidence[0].sentence)) fail("graph.html", `a click on ${key(s, r, t)} shows no evidence`);
      }
    }
    // Zoom and pan change the view box and raise no error.
    const before = await page.$eval("#picture svg", (svg) => svg.getAttribute("viewBox"));
    await page.click("#zoom-in");
    await page.mouse.move(300, 300);
    await page.mouse.wheel({ deltaY: -300 });
    const after = await page.$eval("#picture svg", (svg) => svg.getAttribute("viewBox"));
    if (before === after) fail("graph.html", "zoom does not change the view");
    if (problems.length) fail("graph.html", problems.join("; "));
    console.log("consumers: graph.html (chromium): loads without console errors; a click shows the evidence; zoom works");
  } finally {
    // Chromium may outlive browser.close(); stop it after a grace period.
    const chromium = browser.process();
    await Promise.race([browser.close(), new Promise((done) => setTimeout(done, 5000))]);
    if (chromium && chromium.exitCode === null) chromium.kill("SIGKILL");
  }
}

// puppeteer may leave handles open after Chromium is gone; all checks passed.
process.exit(0);
