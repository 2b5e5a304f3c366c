// The case's page: while a stage is unfinished (an ingest, OCR or extraction running in
// another process), ask the case's JSON twin for its counts every few seconds and move the
// stages' bars.
"use strict";

const SECONDS = 3;

function show(name, done, total) {
  const bar = document.getElementById("progress-" + name);
  const text = document.getElementById("progress-" + name + "-text");
  if (!bar || !text) return;
  bar.max = total;
  bar.value = done;
  text.textContent = done.toLocaleString("en") + " of " + total.toLocaleString("en");
}

function unfinished() {
  return [...document.querySelectorAll("#progress progress")].some((bar) => bar.value < bar.max);
}

async function follow() {
  if (!unfinished()) return;
  const answer = await fetch(document.body.dataset.base + "/api");
  if (answer.ok) {
    const status = await answer.json();
    const waiting = (status.by_state && status.by_state.pending) || 0;
    show("ingest", status.documents - waiting, status.documents);
    show("ocr", status.pages_ocred, status.pages_ocred + status.pages_needing_ocr);
    show("extract", status.pages_extracted, status.pages);
  }
  window.setTimeout(follow, SECONDS * 1000);
}

window.setTimeout(follow, SECONDS * 1000);
