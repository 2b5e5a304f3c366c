// The viewer: an address ending in #span-START-END marks those characters of the page text
// (offsets into the stored page text, as every piece of evidence gives them) and scrolls to
// them; on the picture of an OCR'd page, boxes show where the query's words and the passage
// stand. Selecting words on the page fills the note form with their span.
"use strict";

function unitsFor(data, points) {
  // offsets count characters (code points), as Python does; a string here counts UTF-16 units
  let units = 0;
  for (const character of data) {
    if (points-- <= 0) break;
    units += character.length;
  }
  return units;
}

function textRange(container, start, end) {
  // the page text is the container's text content, character for character
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = [...node.data].length;
    if (!started && start <= seen + length) {
      range.setStart(node, unitsFor(node.data, start - seen));
      started = true;
    }
    if (started && end <= seen + length) {
      range.setEnd(node, unitsFor(node.data, end - seen));
      return range;
    }
    seen += length;
  }
  return null;
}

function drawBoxes(kind, spans) {
  // boxes over the page's picture for the words OCR read in these spans of the page text
  const figure = document.getElementById("page-picture");
  if (!figure) return;
  figure.querySelectorAll(".box." + kind).forEach((box) => box.remove());
  const width = Number(figure.dataset.width);
  const height = Number(figure.dataset.height);
  if (!width || !height) return;
  const words = JSON.parse(figure.dataset.boxes || "[]");
  for (const [start, end] of spans) {
    for (const [from, to, x0, y0, x1, y1] of words) {
      if (from >= end || to <= start) continue;
      const box = document.createElement("span");
      box.className = "box " + kind;
      box.style.left = (100 * x0) / width + "%";
      box.style.top = (100 * y0) / height + "%";
      box.style.width = (100 * (x1 - x0)) / width + "%";
      box.style.height = (100 * (y1 - y0)) / height + "%";
      figure.appendChild(box);
    }
  }
}

function markEvidence() {
  const container = document.getElementById("page-text");
  const found = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
  if (!container || !found || !window.CSS || !CSS.highlights) return;
  const start = Number(found[1]);
  const end = Number(found[2]);
  const range = end > start ? textRange(container, start, end) : null;
  drawBoxes("evidence", range ? [[start, end]] : []);
  if (!range) {
    CSS.highlights.delete("evidence");
    return;
  }
  CSS.highlights.set("evidence", new Highlight(range));
  // the passage on the page's picture, where there is one, else in the text
  const boxed = document.querySelector("#page-picture .box.evidence");
  const box = (boxed || range).getBoundingClientRect();
  window.scrollTo({ top: window.scrollY + box.top - window.innerHeight / 3 });
}

function pointsBefore(container, node, units) {
  // how many characters (code points) of the page text come before this place in it
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text === node) return seen + [...text.data.slice(0, units)].length;
    seen += [...text.data].length;
  }
  return null;
}

function markNotes() {
  // the spans people wrote notes on, underlined in the text and boxed on the picture
  const container = document.getElementById("page-text");
  if (!container || !window.CSS || !CSS.highlights) return;
  const spans = JSON.parse(container.dataset.notes || "[]");
  const ranges = spans.map(([start, end]) => textRange(container, start, end)).filter(Boolean);
  if (ranges.length) CSS.highlights.set("note", new Highlight(...ranges));
  drawBoxes("note", spans);
}

function followSelection() {
  // the words a person selects on the page become the span of the note form
  const container = document.getElementById("page-text");
  const form = document.getElementById("note-form");
  const selection = document.getSelection();
  if (!container || !form || !selection || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  if (range.collapsed || !container.contains(range.commonAncestorContainer)) return;
  const start = pointsBefore(container, range.startContainer, range.startOffset);
  const end = pointsBefore(container, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return;
  form.elements.start.value = start;
  form.elements.end.value = end;
  document.getElementById("note-quote").textContent = "“" + selection.toString() + "”";
}

window.addEventListener("hashchange", markEvidence);
document.addEventListener("selectionchange", followSelection);
markNotes();
const picture = document.getElementById("page-picture");
if (picture) drawBoxes("hit", JSON.parse(picture.dataset.marks || "[]"));
markEvidence();
