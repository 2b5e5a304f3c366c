"""What the public saw: news stories, official statements, a monitors' report.

The documents and their ground truth are read from ``data/press_*.yaml`` (see ``render``);
``article`` writes the news pages they name.
"""

from __future__ import annotations

from . import data_writers, render, writers
from .model import Doc, Truth

OUTLETS = {
    "observer": ("The Zarqan Observer", "observer.example.com"),
    "meridian": ("Meridian Daily", "meridian.example.net"),
    "nna": ("National News Agency", "nna.example.com"),
    "mirsad": ("المرصاد", "almirsad.example.org"),
}


def article(
    outlet: str,
    *,
    headline: str,
    byline: str,
    date: str,
    date_text: str,
    paragraphs: list[str],
    lang: str = "en",
    slug: str,
) -> bytes:
    """A news page: site navigation, the article, a footer, as outlets publish them."""
    name, host = OUTLETS[outlet]
    nav = (
        "<nav>"
        f'<a href="https://{host}/">{writers.esc(name)}</a> | '
        + (
            '<a href="/news">Zarqan</a> | <a href="/region">Region</a> | '
            '<a href="/opinion">Opinion</a>'
            if lang == "en"
            else '<a href="/news">أخبار</a> | <a href="/reports">تقارير</a>'
        )
        + "</nav>\n"
    )
    body = "".join(f"    <p>{writers.esc(p)}</p>\n" for p in paragraphs)
    markup = (
        nav
        + "<article>\n"
        + "  <header>\n"
        + f"    <h1>{writers.esc(headline)}</h1>\n"
        + f'    <p class="byline">{writers.esc(byline)}</p>\n'
        + f'    <time datetime="{date}">{writers.esc(date_text)}</time>\n'
        + "  </header>\n"
        + '  <div class="story">\n'
        + body
        + "  </div>\n"
        + "</article>\n"
        + f"<footer>&copy; {date[:4]} {writers.esc(name)}</footer>\n"
    )
    return writers.html_page(
        headline,
        markup,
        lang=lang,
        meta={
            "og:site_name": name,
            "article:published_time": f"{date}T08:00:00Z",
            "og:url": f"https://{host}/{date[:4]}/{date[5:7]}/{slug}",
        },
    )


WRITERS = {**data_writers.WRITERS, "article": article}


def build(t: Truth) -> list[Doc]:
    return [*news(t), *statements(t), *war_news(t), *war_statements(t)]


def news(t: Truth) -> list[Doc]:
    """The public story: news pages from March to October, and the Brigades' press cuttings."""
    return render.render("press_news", t, WRITERS)


def statements(t: Truth) -> list[Doc]:
    """Official statements of March to June, and the monitors' spot report on Wadi Sirr."""
    return render.render("press_statements", t, WRITERS)


# -- the public war, as the press and the monitors saw it -----------------------------------


def war_news(t: Truth) -> list[Doc]:
    """Accusations, threats, protests and sanctions: the war everyone could see."""
    return render.render("press_war_news", t, WRITERS)


def war_statements(t: Truth) -> list[Doc]:
    """The Brigades' English statement on Khirbet Nasr and a statement of the monitors."""
    return render.render("press_war_statements", t, WRITERS)
