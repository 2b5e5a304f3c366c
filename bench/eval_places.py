"""Places on public geoparsing corpora (LGL, GeoWebNews, TR-News): found, and placed within 161 km.

    .venv/bin/python bench/eval_places.py [--corpus lgl --corpus gwn ...] [--work .bench/places]
        [--limit N] [--errors dev] [--out FILE]

Each corpus's articles become one case (one text file an article), run through casegraph
itself (ingest, then ``casegraph extract``: spaCy as the case runs it, propagation, resolution
with the gazetteer), so the figures are what a user gets. The extraction is kept under --work
and reused; the resolution is run again on every call.

The split is by article order in the corpus file: even positions (0, 2, ...) are the dev part,
odd positions the held-out part. Tune on dev only.

Reported for each part:
- acc@161: of the gold toponyms that have coordinates, the share that overlaps a place mention
  whose entity lies within 161 km of the gold point (end to end: found and placed);
- detection: precision and recall of place mentions against gold toponym spans (overlap);
- geocoding only: the gold spans themselves resolved by the gazetteer in their document's
  context, placed within 161 km (the resolver alone, whatever the recogniser found).

Corpora (from milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation, GPL-3.0, kept out of git):
LGL (lgl.xml) and TR-News (TR-News.xml): ``<article>`` with ``<text>`` and ``<toponym>``
(start, end, phrase, ``<gaztag>`` with lat/lon when geocoded); GeoWebNews (GWN.xml):
``<toponym>`` with start, end, type and latitude/longitude when it is a place with a point.
GeoVirus is an acceptance set of the project: never read here.
"""

from __future__ import annotations

import argparse
import math
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from casegraph.case.store import Case
from casegraph.ingest.pipeline import ingest
from casegraph.nlp.extract import extract, place_context, resolve_case
from casegraph.nlp.places import gazetteer
from casegraph.settings import Settings

DATA = Path("/work/data/public/geo")
CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml", "trnews": "TR-News.xml"}
KM = 161.0
# GeoWebNews annotates expressions that are not toponyms ("the church", "citizens") as well
GWN_NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}


@dataclass
class Toponym:
    """A gold toponym span, with its point when it has one."""

    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass
class Article:
    """One article of a corpus: its position, text and gold toponyms."""

    index: int
    text: str
    toponyms: list[Toponym] = field(default_factory=list)

    @property
    def part(self) -> str:
        """dev for even positions, heldout for odd ones."""
        return "dev" if self.index % 2 == 0 else "heldout"


def read_corpus(path: Path, kind: str) -> list[Article]:
    """The articles of an LGL-style or GeoWebNews-style XML file."""
    root = ET.parse(path).getroot()
    articles = []
    for index, node in enumerate(root.iter("article")):
        article = Article(index, node.findtext("text") or "")
        for top in node.iter("toponym"):
            if kind == "gwn":
                if top.findtext("type") in GWN_NOT_TOPONYMS:
                    continue
                name, lat, lon = (
                    top.findtext(f) for f in ("extractedName", "latitude", "longitude")
                )
            else:
                name, lat, lon = (top.findtext(f) for f in ("phrase", "gaztag/lat", "gaztag/lon"))
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            point = (float(lat), float(lon)) if lat and lon else (None, None)
            article.toponyms.append(Toponym(start, end, name or "", *point))
        articles.append(article)
    return articles


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def build_case(articles: list[Article], folder: Path) -> Case:
    """The corpus as a case (made once), extracted and resolved with the current code."""
    if (folder / "case").exists():
        case = Case.open(folder / "case")
        if not extract(case, progress=False)["pages"]:
            # an idle extract leaves the resolution as it was; the resolver may have changed
            resolve_case(case)
        return case
    texts = folder / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (texts / f"a{article.index:04d}.txt").write_text(article.text, encoding="utf-8")
    case = Case.create(folder / "case", Settings(workers=1, ocr=False))
    ingest(case, [texts], progress=False)
    extract(case, progress=False)
    return case


def predicted(case: Case) -> dict[int, list[tuple[int, int, str, dict]]]:
    """Article index -> its place mentions: (start, end, text, entity)."""
    entities = {e["id"]: e for e in case.entities.select(type_name="place")}
    names = {doc["doc_id"]: doc["path"] for doc in case.documents.select()}
    found: dict[int, list] = {}
    for m in case.mentions.resolved():
        entity = entities.get(m["entity_id"])
        if entity is not None:
            index = int(Path(names[m["doc_id"]]).stem[1:])
            found.setdefault(index, []).append((m["start"], m["end"], m["text"], entity))
    return found


def page_texts_match(case: Case, articles: list[Article]) -> int:
    """How many articles' stored text differs from the corpus text (offsets would not hold)."""
    names = {doc["doc_id"]: doc["path"] for doc in case.documents.select()}
    pages = case.pages.texts_of(names)
    texts = {int(Path(names[d]).stem[1:]): t for (d, _), t in pages.items()}
    return sum(1 for a in articles if texts.get(a.index) != a.text)


def score(articles: list[Article], found: dict[int, list], errors: list[str] | None) -> dict:
    """acc@161, detection precision/recall and geocoding-only accuracy over these articles."""
    places = gazetteer()
    gold = placed = geo_ok = 0
    detected = 0
    annotated = 0
    predicted_n = predicted_ok = 0
    for article in articles:
        mentions = found.get(article.index, [])
        spans = [(t.start, t.end) for t in article.toponyms]
        annotated += len(spans)
        predicted_n += len(mentions)
        predicted_ok += sum(1 for s, e, *_ in mentions if any(s < b and a < e for a, b in spans))
        context = place_context(
            [text for *_, text, _ in mentions] + [t.name for t in article.toponyms]
        )
        for top in article.toponyms:
            hits = [m for m in mentions if m[0] < top.end and top.start < m[1]]
            detected += bool(hits)
            if top.lat is None:
                continue
            gold += 1
            where = (top.lat, top.lon)
            near = [
                m
                for m in hits
                if m[3]["lat"] is not None and km((m[3]["lat"], m[3]["lon"]), where) <= KM
            ]
            placed += bool(near)
            resolved = places.resolve(top.name, context)
            ok = (
                resolved is not None
                and resolved.lat is not None
                and km((resolved.lat, resolved.lon), where) <= KM
            )
            geo_ok += ok
            if errors is not None and not (near and ok):
                got = hits[0][3] if hits else None
                errors.append(
                    f"{article.index}\t{top.name!r}\tgold={top.lat:.2f},{top.lon:.2f}\t"
                    f"found={[m[2] for m in hits]}\t"
                    f"e2e={(got['name'], got['lat'], got['lon'], got['kind']) if got else None}\t"
                    f"geo={resolved}"
                )
    return {
        "articles": len(articles),
        "gold": gold,
        "acc161": placed / gold if gold else 0.0,
        "geocoding": geo_ok / gold if gold else 0.0,
        "recall": detected / annotated if annotated else 0.0,
        "precision": predicted_ok / predicted_n if predicted_n else 0.0,
    }


def main() -> None:
    """Build or reuse each corpus's case, resolve, score, print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA))
    parser.add_argument("--work", type=Path, default=Path(".bench/places"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each")
    parser.add_argument("--errors", type=Path, default=None, help="write dev errors here")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    lines = [
        "| corpus | part | articles | gold toponyms | acc@161 | detection P | detection R |"
        " geocoding only acc@161 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    errors: list[str] = []
    for kind in args.corpus or ["lgl", "gwn"]:
        articles = read_corpus(args.data / CORPORA[kind], kind)[: args.limit]
        suffix = f"-{args.limit}" if args.limit else ""
        case = build_case(articles, args.work / f"{kind}{suffix}")
        if bad := page_texts_match(case, articles):
            print(f"{kind}: {bad} articles' stored text differs from the corpus", file=sys.stderr)
        found = predicted(case)
        for part in ("dev", "heldout"):
            chosen = [a for a in articles if a.part == part]
            s = score(chosen, found, errors if part == "dev" else None)
            lines.append(
                f"| {kind} | {part} | {s['articles']} | {s['gold']} | {s['acc161']:.3f} "
                f"| {s['precision']:.3f} | {s['recall']:.3f} | {s['geocoding']:.3f} |"
            )
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n")
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n")


if __name__ == "__main__":
    sys.exit(main())
