"""Pictures for the report: a finding's actors as a network, their events on a time line.

Both are drawn with matplotlib (Agg) and returned as SVG text to be inlined in the HTML;
networkx helps lay the network out. They are read by people who do not know the PLOVER
codes, so every word on them is plain (``in_words``) and colour says only cooperation or
conflict.

The network draws at most two lines between two actors, one for cooperation and one for
conflict, whichever way the acts went (an arrow head only where all went one way): a line's
width counts its events and its label says what they were. The time line has one row per
pair of actors (or per actor with no other side named), so that a mark never reaches across
rows it has nothing to do with. Only the events behind one finding are drawn, at most
``MAX_ACTORS`` actors and the ``MAX_ROWS`` busiest rows, so a picture stays small however big
the case is. A label goes where it covers no other text (along or beside its line, above or
below its mark), or is left out. Text is kept as SVG text (not outlines), so that the
reader's fonts draw it, right-to-left names included.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

import networkx as nx  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from ..nlp.plover import in_words  # noqa: E402
from ..records import actor_list  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

MAX_ACTORS = 20
MAX_ROWS = 20
SIDE_COLOURS = {"cooperation": "#1b7837", "conflict": "#b2182b"}
# how an event stands: done, only ordered or intended, said not to have happened
STATUS_WORDS = {
    "done": "done",
    "ordered or intended": "only ordered or intended",
    "denied": "said not to have happened",
}
STATUS_STYLES = {"done": "solid", "ordered or intended": "dashed", "denied": "dotted"}
NO_ACTOR = "(no named actor)"
NO_OTHER_SIDE = "(no other side named)"
LABEL_ITEMS = 3
LABEL_WIDTH = 28
_GREY = "#444444"
_IDS = re.compile(r'(\bid="|href="#|url\(#)')
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "text.parse_math": False,  # a "$" in a name is a dollar, not mathematics
}
Point = tuple[float, float]
# two actors' ids in sorted order, and the side of the quad: cooperation or conflict
BundleKey = tuple[str, str, str]


def status(event: Mapping[str, Any]) -> str:
    """How an event stands: done, only ordered or intended, or said not to have happened."""
    if event["negated"]:
        return "denied"
    return "ordered or intended" if event["hypothetical"] else "done"


def side(event: Mapping[str, Any]) -> str:
    """Which side of the quad an event is on: cooperation or conflict."""
    return "conflict" if event["quad"].endswith("conflict") else "cooperation"


def _named(value: Any) -> list[dict[str, Any]]:
    return [a for a in actor_list(value) if a.get("id")]


def pairs(event: Mapping[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(source, target) pairs of named actors; joint sources face each other without a target."""
    sources, targets = _named(event["source"]), _named(event["target"])
    if not targets and len(sources) > 1:
        sources, targets = sources[:1], sources[1:]
    return [(a, b) for a in sources for b in targets if a["id"] != b["id"]]


def involved(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The named actors of an event, sources first, each once."""
    seen: dict[str, dict[str, Any]] = {}
    for actor in _named(event["source"]) + _named(event["target"]):
        seen.setdefault(actor["id"], actor)
    return list(seen.values())


def _top_actors(events: Sequence[Mapping[str, Any]], places: set[str]) -> dict[str, str]:
    """Id -> name of the actors, places left out, in most of these events, at most MAX_ACTORS."""
    counts = Counter(a["id"] for e in events for a in involved(e) if a["id"] not in places)
    names = {a["id"]: a["name"] for e in events for a in involved(e)}
    return {i: names[i] for i, _ in counts.most_common(MAX_ACTORS)}


def _words(event: Mapping[str, Any]) -> str:
    """What an event did, in a reader's words."""
    return in_words(event["category"], event["mode"] or "")


def tally(events: Iterable[Mapping[str, Any]], counted_from: int = 1) -> list[str]:
    """What these events did, commonest first, at most LABEL_ITEMS items: "attacked 3", ...,
    "+2 more"; a count is given from ``counted_from`` events up."""
    counts = Counter(_words(e) for e in events).most_common()
    rest = counts[LABEL_ITEMS - 1 :] if len(counts) > LABEL_ITEMS else []
    items = [w if n < counted_from else f"{w} {n}" for w, n in counts[: len(counts) - len(rest)]]
    return items + ([f"+{sum(n for _, n in rest)} more"] if rest else [])


def _wrap(items: list[str], width: int = LABEL_WIDTH) -> str:
    """Items joined by " · " into lines of at most ``width`` characters, breaking between items."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += f" · {item}"
        else:
            lines.extend(textwrap.wrap(item, width))
    return "\n".join(lines)


def _name(name: str, width: int = 18) -> str:
    return textwrap.fill(textwrap.shorten(name, 2 * width, placeholder="…"), width)


def _legend(ax: Axes, sides: set[str], statuses: set[str], marks: bool) -> None:
    """Colours and how an event stands, in words, above the picture."""
    handles = [
        Line2D([], [], color=SIDE_COLOURS[s], lw=2, label=s) for s in SIDE_COLOURS if s in sides
    ]
    handles += [
        Line2D([], [], label=STATUS_WORDS[s], **(_mark(s, _GREY) if marks else _stroke(s)))
        for s in STATUS_WORDS
        if s in statuses
    ]
    ax.legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(1, 1.01),
        ncol=len(handles),
        frameon=False,
        fontsize=7,
        handlelength=2,
        columnspacing=1.2,
    )


def _stroke(state: str) -> dict[str, Any]:
    return {"color": _GREY, "lw": 1.5, "ls": STATUS_STYLES[state]}


def _place(text: Artist, spots: list[dict[str, Any]], taken: list[Bbox], inside: Bbox) -> None:
    """Put ``text`` at the first spot (its properties) where it stays ``inside`` and covers
    nothing ``taken``; leave it out if there is none."""
    for spot in spots:
        text.set(**spot)
        box = text.get_window_extent().padded(4)
        within = inside.containsx(box.x0) and inside.containsx(box.x1)
        if within and not any(box.overlaps(other) for other in taken):
            taken.append(box)
            return
    text.remove()


@dataclass
class _Bundle:
    """The events on one side of the quad between two actors, and the ways they went."""

    events: list[Mapping[str, Any]] = field(default_factory=list)
    ways: set[tuple[str, str] | None] = field(default_factory=set)  # None: no target named

    def standing(self) -> str:
        """Done if any event was, else only ordered or intended if any was, else denied."""
        states = {status(e) for e in self.events}
        return next(s for s in STATUS_WORDS if s in states)


def _bundles(
    events: Sequence[Mapping[str, Any]], actors: dict[str, str]
) -> dict[BundleKey, _Bundle]:
    """(actor, actor, side) -> bundle, the two actors' ids in sorted order."""
    bundles: dict[BundleKey, _Bundle] = defaultdict(_Bundle)
    for event in events:
        for a, b in pairs(event):
            if a["id"] in actors and b["id"] in actors:
                bundle = bundles[(*sorted((a["id"], b["id"])), side(event))]
                bundle.events.append(event)
                bundle.ways.add((a["id"], b["id"]) if _named(event["target"]) else None)
    return bundles


def _layout(graph: nx.Graph[str]) -> dict[str, Point]:
    """Actors on an ellipse, linked ones next to each other; an actor linked to most of the
    others in the middle, so that its lines spread out like spokes. Many actors make the
    ellipse taller and stand in and out by turns, so that neighbours' names do not meet."""
    hub = max(graph, key=graph.degree)
    centre = [hub] if len(graph) > 3 and graph.degree(hub) >= (len(graph) - 1) / 2 else []
    ring = graph.subgraph(set(graph) - set(centre))
    order = [
        n for part in nx.connected_components(ring) for n in nx.dfs_preorder_nodes(ring, min(part))
    ]
    crowded = len(order) > 10
    slots = len(order) + (crowded and len(order) % 2)  # an even number, to stand in and out
    height = max(1.1, 0.12 * slots)
    layout = {n: (0.0, 0.0) for n in centre}
    for k, node in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * (k + 0.5) / slots
        reach = 0.78 if crowded and k % 2 else 1.0
        layout[node] = (2 * reach * math.cos(angle), height * reach * math.sin(angle))
    return layout


def _curve(start: Point, end: Point, rad: float) -> tuple[Point, Point, Point]:
    """Start, control point and end of matplotlib's "arc3" curve between two points."""
    (x1, y1), (x2, y2) = start, end
    return start, ((x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)), end


def _along(curve: tuple[Point, Point, Point], t: float) -> Point:
    (x0, y0), (x1, y1), (x2, y2) = curve
    return (
        (1 - t) ** 2 * x0 + 2 * t * (1 - t) * x1 + t**2 * x2,
        (1 - t) ** 2 * y0 + 2 * t * (1 - t) * y1 + t**2 * y2,
    )


def _beside(label: Artist, curve: tuple[Point, Point, Point]) -> list[Point]:
    """Two spots for ``label`` just off the middle of a curve, one on either side of it."""
    (x0, y0), _, (x2, y2) = curve
    middle = _along(curve, 0.5)
    length = math.hypot(x2 - x0, y2 - y0) or 1.0
    normal = ((y0 - y2) / length, (x2 - x0) / length)
    axes = label.axes
    assert axes is not None  # labels are drawn on the picture's axes
    box = label.get_window_extent().transformed(axes.transData.inverted())
    gap = abs(normal[0]) * box.width / 2 + abs(normal[1]) * box.height / 2 + 0.06
    return [(middle[0] + s * gap * normal[0], middle[1] + s * gap * normal[1]) for s in (1, -1)]


def _reach(half: Point, towards: Point) -> float:
    """How far (points) from a box's middle to its edge, going ``towards``; half: its half sizes."""
    dx, dy = abs(towards[0]), abs(towards[1])
    length = math.hypot(dx, dy) or 1.0
    return min(half[0] * length / dx if dx else math.inf, half[1] * length / dy if dy else math.inf)


@matplotlib.rc_context(_RC)
def network_svg(
    events: Sequence[Mapping[str, Any]], prefix: str, highlight: set[str], places: set[str]
) -> str | None:
    """The named actors of these events and what passed between them; None if nothing did.
    Places (these entity ids) are where acts happen, not who does them: they are left out."""
    actors = _top_actors(events, places)
    bundles = _bundles(events, actors)
    if not bundles:
        return None
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(actors)
    graph.add_edges_from((a, b) for a, b, _ in bundles)
    layout = _layout(graph)
    top = max(abs(y) for _, y in layout.values()) + 0.45
    fig = Figure(figsize=(7.5, 7.5 * top / 2.65))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(-2.65, 2.65)
    ax.set_ylim(-top, top)
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()
    taken: list[Bbox] = []
    halves = {n: _draw_actor(ax, at, actors[n], n in highlight, taken) for n, at in layout.items()}
    busiest = sorted(bundles, key=lambda k: -len(bundles[k].events))
    curves = {key: _draw_line(ax, key, bundles, layout, halves, taken) for key in busiest}
    for key in busiest:
        _label_line(ax, bundles[key], SIDE_COLOURS[key[2]], curves[key], taken)
    _legend(ax, {k[2] for k in bundles}, {b.standing() for b in bundles.values()}, marks=False)
    return _svg(fig, prefix)


def _draw_actor(ax: Axes, at: Point, name: str, highlighted: bool, taken: list[Bbox]) -> Point:
    """An actor's name in a box; returns the box's half width and height in points."""
    fill = "#fdd49e" if highlighted else "#deebf7"
    box = {"boxstyle": "round,pad=0.4", "facecolor": fill, "edgecolor": "#999999"}
    text = ax.text(*at, _name(name), ha="center", va="center", bbox=box, zorder=3)
    extent = text.get_window_extent()
    taken.append(extent.padded(7))
    points = 72 / ax.figure.dpi
    return extent.width * points / 2 + 5, extent.height * points / 2 + 5


def _draw_line(
    ax: Axes,
    key: BundleKey,
    bundles: dict[BundleKey, _Bundle],
    layout: dict[str, Point],
    halves: dict[str, Point],
    taken: list[Bbox],
) -> tuple[Point, Point, Point]:
    """One line between two actors, curved away from their other side's line, with an arrow
    head (kept clear of labels) only if all its acts went one way; returns its curve."""
    a, b, quad_side = key
    bundle = bundles[key]
    other = (a, b, "conflict" if quad_side == "cooperation" else "cooperation")
    rad = (0.2 if quad_side == "cooperation" else -0.2) if other in bundles else 0.0
    one_way = len(bundle.ways) == 1 and None not in bundle.ways
    if one_way and bundle.ways == {(b, a)}:
        a, b, rad = b, a, -rad
    curve = _curve(layout[a], layout[b], rad)
    start, control, end = curve
    reach_b = _reach(halves[b], (control[0] - end[0], control[1] - end[1]))
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>" if one_way else "-",
            connectionstyle=f"arc3,rad={rad}",
            mutation_scale=12,
            color=SIDE_COLOURS[quad_side],
            linestyle=STATUS_STYLES[bundle.standing()],
            linewidth=1 + math.log2(len(bundle.events)),
            shrinkA=_reach(halves[a], (control[0] - start[0], control[1] - start[1])),
            shrinkB=reach_b,
            zorder=1,
            gid=f"line-{quad_side}-{a}-{b}",
        )
    )
    if one_way:
        taken.append(_tip(ax, end, control, reach_b))
    return curve


def _tip(ax: Axes, end: Point, control: Point, reach: float) -> Bbox:
    """Room for an arrow head ``reach`` points from ``end``, towards ``control``."""
    (ex, ey), (cx, cy) = ax.transData.transform([end, control])
    pixels = reach * ax.figure.dpi / 72 / (math.hypot(cx - ex, cy - ey) or 1.0)
    x, y = ex + (cx - ex) * pixels, ey + (cy - ey) * pixels
    return Bbox.from_bounds(x - 10, y - 10, 20, 20)


def _label_line(
    ax: Axes, bundle: _Bundle, colour: str, curve: tuple[Point, Point, Point], taken: list[Bbox]
) -> None:
    """What a line's events did, on the line near its middle, or else just beside it."""
    box = {"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": colour, "lw": 0.5}
    text = _wrap(tally(bundle.events))
    label = ax.text(
        0, 0, text, fontsize=6, color=colour, ha="center", va="center", bbox=box, zorder=4
    )
    spots = [{"position": _along(curve, t)} for t in (0.5, 0.4, 0.6, 0.3, 0.7)]
    spots += [{"position": p} for p in _beside(label, curve)]
    _place(label, spots, taken, ax.bbox)


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


def _row_keys(event: Mapping[str, Any], actors: dict[str, str]) -> list[tuple[str, ...]]:
    """The rows an event goes on: each pair of its actors shown, else each of them alone."""
    keys = [
        tuple(sorted((a["id"], b["id"])))
        for a, b in pairs(event)
        if a["id"] in actors and b["id"] in actors
    ]
    keys = keys or [(a["id"],) for a in involved(event) if a["id"] in actors]
    return list(dict.fromkeys(keys)) or [()]


def _rows(
    dated: Sequence[Mapping[str, Any]], actors: dict[str, str]
) -> dict[tuple[str, ...], list[Mapping[str, Any]]]:
    """Row -> its events, the MAX_ROWS busiest rows, in the order of their first date."""
    rows: dict[tuple[str, ...], list[Mapping[str, Any]]] = defaultdict(list)
    for event in dated:
        for key in _row_keys(event, actors):
            rows[key].append(event)
    busiest = sorted(rows, key=lambda k: -len(rows[k]))[:MAX_ROWS]
    first = {k: min(period(e["date"])[0] for e in rows[k]) for k in busiest}
    return {k: rows[k] for k in sorted(busiest, key=first.__getitem__)}


def _row_label(key: tuple[str, ...], actors: dict[str, str]) -> str:
    names = sorted(_name(actors[i], 30) for i in key)
    if len(names) == 2:
        return f"{names[0]} —\n{names[1]}"
    return f"{names[0]}\n{NO_OTHER_SIDE}" if names else NO_ACTOR


def _mark(state: str, colour: str) -> dict[str, Any]:
    """A time line mark: filled if done, hollow if only ordered or intended, an x if denied."""
    if state == "denied":
        return {"marker": "x", "color": colour, "ls": "none"}
    return {
        "marker": "o",
        "color": colour,
        "markerfacecolor": colour if state == "done" else "white",
        "ls": "none",
    }


@matplotlib.rc_context(_RC)
def timeline_svg(events: Sequence[Mapping[str, Any]], prefix: str, places: set[str]) -> str | None:
    """Dated events on one row per pair of actors (places, these entity ids, left out), each a
    mark in its own row; None if undated."""
    dated = [e for e in events if e["date"]]
    if not dated:
        return None
    actors = _top_actors(dated, places)
    rows = _rows(dated, actors)
    labels = [_row_label(key, actors) for key in rows]
    lines = max(label.count("\n") + 1 for label in labels)
    fig = Figure(figsize=(7.5, 0.9 + (0.14 + 0.12 * lines) * len(rows)))
    ax = fig.add_subplot()
    for y, row in enumerate(rows.values()):
        for event in row:
            start, end = period(event["date"])
            colour = SIDE_COLOURS[side(event)]
            # matplotlib converts dates by its units registry; its stubs take numbers only
            if end > start:  # a month or a year: the whole stretch it may fall in
                ax.hlines(y, start, end, colors=colour, linewidth=5, alpha=0.3)  # type: ignore[arg-type]
            ax.plot([start], [y], markersize=5.5, zorder=3, **_mark(status(event), colour))  # type: ignore[arg-type]
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    first, last = min(period(e["date"])[0] for e in dated), max(period(e["date"])[1] for e in dated)
    pad = max(timedelta(days=15), (last - first) / 20)
    ax.set_xlim(first - pad, last + pad)  # type: ignore[arg-type]
    ax.grid(axis="x", color="#dddddd")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    _label_marks(ax, list(rows.values()))
    shown = [event for row in rows.values() for event in row]
    _legend(ax, {side(e) for e in shown}, {status(e) for e in shown}, marks=True)
    return _svg(fig, prefix)


def _label_marks(ax: Axes, rows: list[list[Mapping[str, Any]]]) -> None:
    """What happened at each mark, in words, just above or below it, where it covers nothing."""
    taken: list[Bbox] = []
    spots = [
        {"position": (4 * across, 4 * up), "ha": "left" if across > 0 else "right", "va": va}
        for across in (1, -1)
        for up, va in ((1, "bottom"), (-1, "top"))
    ]
    for y, row in enumerate(rows):
        on_day: dict[date, list[Mapping[str, Any]]] = defaultdict(list)
        for event in row:
            on_day[period(event["date"])[0]].append(event)
        for day in sorted(on_day):
            text = " · ".join(tally(on_day[day], counted_from=2))
            label = ax.annotate(
                text,
                (day, y),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=6,
                color="#333333",
            )
            _place(label, spots, taken, ax.bbox)


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
