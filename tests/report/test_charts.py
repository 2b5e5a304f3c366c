"""The report's pictures, read back from their SVG: bundled and labelled lines, a time line row
per pair of actors, and plain words only (no PLOVER codes)."""

from __future__ import annotations

import re
from html import unescape

from casegraph.nlp.plover import CATEGORIES, QUADS, quad_of
from casegraph.report.charts import network_svg, tally, timeline_svg

ARMY = {"id": "army", "name": "Zarqani National Army"}
BRIGADES = {"id": "svb", "name": "Southern Valley Brigades"}
FADEL = {"id": "fadel", "name": "Omar Fadel"}
COMMAND = {"id": "command", "name": "Southern Command"}


def _event(category: str, mode: str | None = None, **fields) -> dict:
    return {
        "category": category,
        "mode": mode,
        "quad": quad_of(category),
        "source": ARMY,
        "target": BRIGADES,
        "negated": False,
        "hypothetical": False,
        "date": "2015-08-02",
        **fields,
    }


def _texts(svg: str) -> list[str]:
    """Every line of text in a picture, in order."""
    return [unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]


def _lines(svg: str) -> dict[str, str]:
    """Each drawn line between two actors (its group's id after the prefix) -> its SVG."""
    return dict(re.findall(r'<g id="n-(line-[^"]+)">(.*?)</g>', svg, re.S))


def _has_head(line: str) -> bool:
    # an arrow head is the one filled path of a line's group
    return bool(re.search(r'style="fill: #', line))


def test_ten_acts_between_two_actors_make_one_line_labelled_in_words() -> None:
    events = (
        [_event("RETREAT", "withdraw")] * 5
        + [_event("COOPERATE", source=BRIGADES, target=ARMY)] * 3
        + [_event("AID")] * 2
    )
    svg = network_svg(events, "n", set(), set())
    lines = _lines(svg)
    assert list(lines) == ["line-cooperation-army-svb"]
    assert not _has_head(lines["line-cooperation-army-svb"])  # the acts went both ways
    texts = _texts(svg)
    for item in ("withdrew forces 5", "worked together or traded 3", "gave aid or supplies 2"):
        assert item in texts
    assert all(len(text) <= 28 for text in texts if "·" in text)


def test_both_sides_of_a_pair_get_a_line_each_and_an_arrow_only_one_way() -> None:
    events = [_event("ASSAULT")] * 3 + [
        _event("CONSULT"),
        _event("CONSULT", source=BRIGADES, target=ARMY),
    ]
    lines = _lines(network_svg(events, "n", set(), set()))
    assert sorted(lines) == ["line-conflict-army-svb", "line-cooperation-army-svb"]
    assert _has_head(lines["line-conflict-army-svb"])
    assert not _has_head(lines["line-cooperation-army-svb"])


def test_a_line_says_how_its_acts_stand() -> None:
    events = [
        _event("AID"),
        _event("AID", hypothetical=True),
        _event("AID", target=FADEL, hypothetical=True),
        _event("AID", target=COMMAND, negated=True),
    ]
    svg = network_svg(events, "n", set(), set())
    lines = _lines(svg)
    dashes = {
        target: re.search(r"stroke-dasharray: ([\d.,]+)", lines[f"line-cooperation-army-{target}"])
        for target in ("svb", "fadel", "command")
    }
    assert dashes["svb"] is None  # one of its acts was done
    assert dashes["fadel"] and dashes["command"]
    assert dashes["fadel"].group(1) != dashes["command"].group(1)
    legend = _texts(svg)
    for words in ("cooperation", "done", "only ordered or intended", "said not to have happened"):
        assert words in legend


def test_the_pictures_show_no_plover_code() -> None:
    actors = [ARMY, BRIGADES, FADEL, COMMAND]
    events = [
        _event(
            category,
            source=actors[n % 4],
            target=actors[(n + 1) % 4],
            negated=n % 5 == 0,
            date=f"{2015 + n // 12}-{n % 12 + 1:02}-01",
        )
        for n, category in enumerate(CATEGORIES)
    ]
    network = network_svg(events, "n", set(), set())
    assert "attacked 1" in " ".join(_texts(network))
    for svg in (network, timeline_svg(events, "t", set())):
        texts = " ".join(_texts(svg))
        assert "cooperation" in texts and "conflict" in texts
        for code in CATEGORIES:
            assert code not in svg
        for quad in QUADS:
            assert quad not in svg and quad.replace("_", " ") not in texts
        assert "material" not in texts and "verbal" not in texts and "_" not in texts


def test_the_time_line_has_a_row_per_pair_of_actors() -> None:
    events = [
        _event("RETREAT", "withdraw", date="2015-03-01"),
        _event("ASSAULT", source=BRIGADES, target=ARMY, date="2015-04-01"),
        _event("AID", source=FADEL, target=BRIGADES, date="2015-02-01"),
        _event("COERCE", target=None, date="2015-05"),
        _event("PROTEST", source=None, target=None, date="2015-06-01"),
    ]
    svg = timeline_svg(events, "t", set())
    texts = _texts(svg)
    rows = [t for t in texts if t.endswith(" —") or t.startswith("(no ")]
    # one row per pair, then one per actor alone, in the order of their first dates
    assert rows == [
        "Omar Fadel —",
        "Southern Valley Brigades —",
        "(no other side named)",
        "(no named actor)",
    ]
    assert texts.count("Zarqani National Army") == 2  # under a pair's row and alone
    assert "withdrew forces" in " ".join(texts) and "RETREAT" not in svg


def test_a_label_counts_its_commonest_acts_and_the_rest() -> None:
    events = (
        [_event("RETREAT", "withdraw")] * 5
        + [_event("COOPERATE")] * 3
        + [_event("AID"), _event("ASSAULT")]
    )
    assert tally(events) == ["withdrew forces 5", "worked together or traded 3", "+2 more"]
    assert tally(events[4:7], counted_from=2) == ["worked together or traded 2", "withdrew forces"]
