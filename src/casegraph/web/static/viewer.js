// The viewer: an address ending in #span-START-END marks those characters of the page text
// (offsets into the stored page text, as every piece of evidence gives them) and scrolls to them.
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

function markEvidence() {
  const container = document.getElementById("page-text");
  const found = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
  if (!container || !found || !window.CSS || !CSS.highlights) return;
  const start = Number(found[1]);
  const end = Number(found[2]);
  const range = end > start ? textRange(container, start, end) : null;
  if (!range) {
    CSS.highlights.delete("evidence");
    return;
  }
  CSS.highlights.set("evidence", new Highlight(range));
  const box = range.getBoundingClientRect();
  window.scrollTo({ top: window.scrollY + box.top - window.innerHeight / 3 });
}

window.addEventListener("hashchange", markEvidence);
markEvidence();
