// actorgraph's page script: pan and zoom over the inline SVG, and a side
// panel with the evidence of what is clicked. Builds the panel with DOM
// methods only; no text is ever parsed as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const picture = document.getElementById("picture");
  const svg = picture.querySelector("svg");
  const details = document.getElementById("details");
  const edgesById = new Map(data.edges.map((e) => [e.id, e]));
  const nodeBySvg = new Map();
  const edgeBySvg = new Map();
  for (const [id, node] of Object.entries(data.nodes)) if (node.svg) nodeBySvg.set(node.svg, id);
  for (const edge of data.edges) if (edge.svg) edgeBySvg.set(edge.svg, edge.id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function label(id) {
    return data.nodes[id] ? data.nodes[id].label : id;
  }

  function actorLink(id) {
    const a = el("a", { class: "actor-link", role: "button", tabindex: "0" }, label(id));
    a.addEventListener("click", (event) => { event.preventDefault(); showActor(id); });
    return a;
  }

  // A sentence with its trigger words marked, as text nodes and <mark>s.
  function sentence(text, trigger) {
    const span = el("span", { class: "sentence" });
    const words = (trigger || "").split(/\s+/).filter((w) => w.length > 1);
    let rest = text;
    for (const word of words) {
      const at = rest.indexOf(word);
      if (at < 0) continue;
      span.append(rest.slice(0, at), el("mark", {}, word));
      rest = rest.slice(at + word.length);
    }
    span.append(rest);
    return span;
  }

  function evidenceList(edge) {
    const list = el("ol", { class: "evidence" });
    for (const piece of edge.evidence) {
      const where = "[" + piece.document + (piece.date ? ", " + piece.date : "") + "]";
      const extra = (piece.hedged ? " (hedged)" : "") +
        (piece.attributed_to ? " (according to " + label(piece.attributed_to) + ")" : "");
      list.append(el("li", {}, sentence(piece.sentence, piece.trigger), " ",
        el("span", { class: "source" }, where + extra)));
    }
    return list;
  }

  function relationBlock(edge, from) {
    const kind = edge.kind;
    const head = el("div", { class: "head" });
    const other = edge.source === from ? edge.target : edge.source;
    if (edge.symmetric) {
      head.append(el("span", { class: "kind-" + kind }, edge.relation), " ", actorLink(other));
    } else if (edge.source === from) {
      head.append(el("span", { class: "kind-" + kind }, edge.relation + " →"), " ", actorLink(other));
    } else {
      head.append(actorLink(other), " ", el("span", { class: "kind-" + kind }, "→ " + edge.relation));
    }
    head.append(" ", el("span", { class: "meta" }, "×" + edge.weight));
    return el("div", { class: "relation", "data-edge": edge.id }, head, evidenceList(edge));
  }

  function select(svgId) {
    for (const g of svg ? svg.querySelectorAll(".selected") : []) g.classList.remove("selected");
    const target = svgId ? document.getElementById(svgId) : null;
    if (target) target.classList.add("selected");
  }

  function showActor(id) {
    const node = data.nodes[id];
    if (!node) return;
    details.replaceChildren();
    details.dataset.actor = id;
    details.append(el("h2", {}, node.label),
      el("p", { class: "meta" }, node.type + " · " + node.mentions + " mentions in " +
        node.documents.length + " documents"));
    if (node.roles.length) details.append(el("p", { class: "meta" }, node.roles.join("; ")));
    if (node.aliases.length) details.append(el("p", { class: "meta" }, "also: " + node.aliases.join(", ")));
    const mine = data.edges.filter((e) => e.source === id || e.target === id);
    details.append(el("h3", {}, mine.length ? mine.length + " relations" : "No relations read"));
    for (const edge of mine) details.append(relationBlock(edge, id));
    select(node.svg);
    details.scrollIntoView({ block: "nearest" });
  }

  function showEdge(edgeId) {
    const edge = edgesById.get(edgeId);
    if (!edge) return;
    details.replaceChildren();
    delete details.dataset.actor;
    const kind = edge.kind;
    details.append(el("h2", {}, actorLink(edge.source), " ",
      el("span", { class: "kind-" + kind }, edge.relation), " ", actorLink(edge.target)),
      el("p", { class: "meta" }, "read " + edge.weight + (edge.weight === 1 ? " time" : " times") +
        (edge.symmetric ? " · symmetric" : "")),
      evidenceList(edge));
    select(edge.svg);
  }

  // The actor list, most important first, with a filter.
  const list = document.getElementById("actors");
  for (const id of data.ranking) {
    const node = data.nodes[id];
    const item = el("li", { "data-actor": id, class: node.svg ? "" : "offpicture" }, node.label,
      el("span", { class: "meta" }, " (" + node.type + ")"));
    item.addEventListener("click", () => showActor(id));
    list.append(item);
  }
  document.getElementById("filter").addEventListener("input", (event) => {
    const q = event.target.value.toLowerCase();
    for (const item of list.children) {
      const node = data.nodes[item.dataset.actor];
      const hit = !q || node.label.toLowerCase().includes(q) ||
        node.aliases.some((a) => a.toLowerCase().includes(q));
      item.hidden = !hit;
    }
  });

  if (!svg) return;

  // Clicks in the picture: the nearest node or edge group.
  let moved = false;
  svg.addEventListener("click", (event) => {
    if (moved) return;
    const g = event.target.closest("g.node, g.edge");
    if (!g) return;
    event.preventDefault();
    if (nodeBySvg.has(g.id)) showActor(nodeBySvg.get(g.id));
    else if (edgeBySvg.has(g.id)) showEdge(edgeBySvg.get(g.id));
  });

  // Pan and zoom by rewriting the viewBox.
  const parts = (svg.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
  const home = parts.length === 4 && parts.every(Number.isFinite) ? parts
    : [0, 0, svg.width.baseVal.value || 800, svg.height.baseVal.value || 600];
  let view = home.slice();
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  const apply = () => svg.setAttribute("viewBox", view.join(" "));
  apply();

  function toSvg(clientX, clientY) {
    const box = svg.getBoundingClientRect();
    const scale = Math.max(view[2] / box.width, view[3] / box.height);
    const cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2;
    return [cx + (clientX - box.left - box.width / 2) * scale,
            cy + (clientY - box.top - box.height / 2) * scale, scale];
  }

  function zoom(factor, clientX, clientY) {
    const box = svg.getBoundingClientRect();
    const [x, y] = toSvg(clientX ?? box.left + box.width / 2, clientY ?? box.top + box.height / 2);
    const w = Math.min(Math.max(view[2] * factor, home[2] / 50), home[2] * 20);
    const f = w / view[2];
    view = [x - (x - view[0]) * f, y - (y - view[1]) * f, view[2] * f, view[3] * f];
    apply();
  }

  picture.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoom(Math.exp(event.deltaY * 0.0015), event.clientX, event.clientY);
  }, { passive: false });

  let drag = null;
  picture.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.target.closest("#controls")) return;
    drag = { x: event.clientX, y: event.clientY, start: view.slice() };
    moved = false;
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!moved && Math.hypot(dx, dy) < 4) return;
    moved = true;
    picture.classList.add("dragging");
    const scale = toSvg(0, 0)[2];
    view = [drag.start[0] - dx * scale, drag.start[1] - dy * scale, view[2], view[3]];
    apply();
  });
  window.addEventListener("pointerup", () => {
    drag = null;
    picture.classList.remove("dragging");
    setTimeout(() => { moved = false; }, 0);
  });
  document.getElementById("zoom-in").addEventListener("click", () => zoom(1 / 1.4));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(1.4));
  document.getElementById("zoom-reset").addEventListener("click", () => { view = home.slice(); apply(); });
})();
