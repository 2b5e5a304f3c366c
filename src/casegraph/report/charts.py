"""Pictures for the report: a finding's actors as a network, their events on a time line.

Both are drawn with matplotlib (Agg) and returned as SVG text to be inlined in the HTML;
networkx lays the network out. Only the events behind one finding are drawn, and at most
``MAX_ACTORS`` actors, so a picture stays small however big the case is. Text is kept as
SVG text (not outlines), so that the reader's fonts draw it, right-to-left names included.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections import Counter
from datetime import date, timedelta
from typing import Any

import matplotlib

matplotlib.use("Agg")

import networkx as nx  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from ..records import actor_list  # noqa: E402

MAX_ACTORS = 20
QUAD_COLOURS = {
    "verbal_cooperation": "#5aae61",
    "material_cooperation": "#1b7837",
    "verbal_conflict": "#f1a340",
    "material_conflict": "#b2182b",
}
# how an event stands, as a line style: done, only ordered or intended, said not to have happened
STATUS_STYLES = {"done": "solid", "ordered or intended": "dashed", "denied": "dotted"}
NO_ACTOR = "(no named actor)"
_IDS = re.compile(r'(\bid="|href="#|url\(#)')
_RC = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "text.parse_math": False,  # a "$" in a name is a dollar, not mathematics
}


def status(event: dict[str, Any]) -> str:
    """How an event stands: done, only ordered or intended, or said not to have happened."""
    if event["negated"]:
        return "denied"
    return "ordered or intended" if event["hypothetical"] else "done"


def _named(value: Any) -> list[dict[str, Any]]:
    return [a for a in actor_list(value) if a.get("id")]


def pairs(event: dict[str, Any]) -> list[tuple[dict, dict]]:
    """(source, target) pairs of named actors; joint sources face each other without a target."""
    sources, targets = _named(event["source"]), _named(event["target"])
    if not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    return [(a, b) for a in sources for b in targets if a["id"] != b["id"]]


def involved(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The named actors of an event, sources first, each once."""
    seen: dict[str, dict[str, Any]] = {}
    for actor in _named(event["source"]) + _named(event["target"]):
        seen.setdefault(actor["id"], actor)
    return list(seen.values())


def _top_actors(events: list[dict[str, Any]], places: set[str]) -> dict[str, str]:
    """Id -> name of the actors, places left out, in most of these events, at most MAX_ACTORS."""
    counts = Counter(a["id"] for e in events for a in involved(e) if a["id"] not in places)
    names = {a["id"]: a["name"] for e in events for a in involved(e)}
    return {i: names[i] for i, _ in counts.most_common(MAX_ACTORS)}


def _label(name: str) -> str:
    return textwrap.fill(name, 18)


def _legend(ax: Any, quads: set[str], statuses: set[str]) -> None:
    handles = [
        Line2D([], [], color=QUAD_COLOURS[q], lw=2, label=q.replace("_", " "))
        for q in QUAD_COLOURS
        if q in quads
    ] + [
        Line2D([], [], color="#444444", lw=1.5, linestyle=STATUS_STYLES[s], label=s)
        for s in STATUS_STYLES
        if s in statuses
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


@matplotlib.rc_context(_RC)
def network_svg(
    events: list[dict[str, Any]], prefix: str, highlight: set[str], places: set[str]
) -> str | None:
    """The named actors of these events and what passed between them; None if nothing did.
    Places (these entity ids) are where acts happen, not who does them: they are left out."""
    actors = _top_actors(events, places)
    edges: Counter = Counter()
    for event in events:
        for a, b in pairs(event):
            if a["id"] in actors and b["id"] in actors:
                edges[(a["id"], b["id"], event["quad"], status(event))] += 1
    if not edges:
        return None
    graph = nx.DiGraph()
    graph.add_nodes_from(actors)
    graph.add_edges_from((a, b) for a, b, *_ in edges)
    layout = nx.circular_layout(graph)
    fig = Figure(figsize=(7.5, 4.6))
    ax = fig.add_subplot()
    ax.set_axis_off()
    for fill, nodes in (("#fdd49e", highlight), ("#deebf7", set(graph) - highlight)):
        labels = {n: _label(actors[n]) for n in graph if n in nodes}
        box = {"boxstyle": "round,pad=0.4", "facecolor": fill, "edgecolor": "#999999"}
        nx.draw_networkx_labels(graph, layout, labels, ax=ax, font_size=8, bbox=box)
    parallel: Counter = Counter()
    for (a, b, quad, state), count in edges.items():
        rad = 0.1 + 0.15 * parallel[(a, b)]
        parallel[(a, b)] += 1
        nx.draw_networkx_edges(
            graph,
            layout,
            edgelist=[(a, b)],
            ax=ax,
            edge_color=QUAD_COLOURS[quad],
            style=STATUS_STYLES[state],
            width=1 + math.log2(count),
            node_size=2500,
            arrowsize=12,
            connectionstyle=f"arc3,rad={rad}",
        )
    _legend(ax, {k[2] for k in edges}, {k[3] for k in edges})
    ax.margins(0.25)
    return _svg(fig, prefix)


def period(when: str) -> tuple[date, date]:
    """The first and last day a date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""
    parts = [int(p) for p in when.split("-")[:3]]
    start = date(parts[0], *(parts[1:] + [1, 1])[:2])
    if len(parts) == 3:
        return start, start
    if len(parts) == 2:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    return start, date(start.year, 12, 31)


@matplotlib.rc_context(_RC)
def timeline_svg(events: list[dict[str, Any]], prefix: str, places: set[str]) -> str | None:
    """Dated events by actor (places, these entity ids, left out): a mark per actor, a line
    between the two sides; None if undated."""
    dated = [e for e in events if e["date"]]
    if not dated:
        return None
    actors = _top_actors(dated, places)
    rows = {name: n for n, name in enumerate(dict.fromkeys([*actors.values(), NO_ACTOR]))}
    fig = Figure(figsize=(7.5, 1.2 + 0.32 * len(rows)))
    ax = fig.add_subplot()
    used = set()
    for event in dated:
        start, end = period(event["date"])
        ys = [rows[actors[a["id"]]] for a in involved(event) if a["id"] in actors]
        ys = ys or [rows[NO_ACTOR]]
        used.update(ys)
        colour, style = QUAD_COLOURS[event["quad"]], STATUS_STYLES[status(event)]
        if end > start:  # a month or a year: the whole stretch it may fall in
            ax.hlines(ys, start, end, colors=colour, linewidth=4, alpha=0.35)
        ax.vlines(start, min(ys), max(ys), colors=colour, linestyles=style, linewidth=1.5)
        filled = colour if status(event) == "done" else "white"
        ax.scatter([start] * len(ys), ys, s=28, color=filled, edgecolors=colour, zorder=3)
        if len(dated) <= 30:
            ax.annotate(event["category"], (start, max(ys)), xytext=(3, 4), **_small(colour))
    names = [name for name, row in rows.items() if row in used]
    ax.set_yticks([rows[name] for name in names], [_label(name) for name in names])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    first, last = min(period(e["date"])[0] for e in dated), max(period(e["date"])[1] for e in dated)
    pad = max(timedelta(days=15), (last - first) / 20)
    ax.set_xlim(first - pad, last + pad)
    ax.grid(axis="x", color="#dddddd")
    ax.spines[["top", "right", "left"]].set_visible(False)
    _legend(ax, {e["quad"] for e in dated}, {status(e) for e in dated})
    return _svg(fig, prefix)


def _small(colour: str) -> dict[str, Any]:
    return {"textcoords": "offset points", "fontsize": 6, "color": colour, "rotation": 30}


def _svg(fig: Figure, prefix: str) -> str:
    """The figure as an <svg> element, without XML prolog or metadata, its ids made unique."""
    buffer = io.StringIO()
    fig.savefig(
        buffer,
        format="svg",
        bbox_inches="tight",
        metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
    )
    text = buffer.getvalue()
    # several pictures share one HTML page: their ids ("figure_1", clip paths) must not clash
    return _IDS.sub(lambda m: f"{m.group(1)}{prefix}-", text[text.index("<svg") :])
