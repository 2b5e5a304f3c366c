// The relations of one actor, drawn with cytoscape.js from the graph the page lists below it:
// an edge opens its passages in that list, an actor centres the graph on itself.
"use strict";

const COLOURS = {
  verbal_cooperation: "#4a90d9",
  material_cooperation: "#1f7a3a",
  verbal_conflict: "#d99a00",
  material_conflict: "#c0392b",
  co_occurrence: "#aab4bf",
  relation: "#6b4fa0",
};

function drawGraph() {
  const container = document.getElementById("graph");
  if (!container || !window.cytoscape) return;
  const drawn = JSON.parse(container.dataset.graph);
  const nodes = new Map([[drawn.actor.id, drawn.actor.name]]);
  drawn.links.forEach((link) => nodes.set(link.other.id, link.other.name));
  const elements = [...nodes].map(([id, name]) => ({ data: { id, name } }));
  drawn.links.forEach((link, index) => {
    elements.push({
      data: { id: "link-" + index, source: drawn.actor.id, target: link.other.id, kind: link.kind },
    });
  });
  const cy = cytoscape({
    container,
    elements,
    layout: {
      name: "concentric",
      concentric: (node) => (node.id() === drawn.actor.id ? 2 : 1),
      levelWidth: () => 1,
    },
    style: [
      { selector: "node", style: { label: "data(name)", "font-size": 11, "background-color": "#5b6570" } },
      { selector: `node[id = "${drawn.actor.id}"]`, style: { "background-color": "#0b5cad" } },
      {
        selector: "edge",
        style: { width: 2, "curve-style": "bezier", "line-color": (edge) => COLOURS[edge.data("kind")] || "#888" },
      },
    ],
  });
  cy.on("tap", "edge", (event) => {
    const details = document.getElementById(event.target.id());
    details.open = true;
    details.scrollIntoView({ block: "center" });
  });
  cy.on("tap", "node", (event) => {
    if (event.target.id() !== drawn.actor.id) {
      window.location.href = document.body.dataset.base + "/graph?actor=" + encodeURIComponent(event.target.id());
    }
  });
  container.cy = cy; // for a person at the console, and for the tests
}

drawGraph();
