"""Dates written in documents: full dates in English and Arabic, and date phrases read
against a document's own date with dateparser. Reads text; writes nothing."""

from __future__ import annotations

import calendar
import re
from contextlib import suppress
from datetime import datetime, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "14 October 2015", "October 14, 2015", "2015-10-14": a date that needs nothing else
FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{MONTHS},?\s+\d{{4}}|{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)\b"
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# Arabic months by their Levantine names ("تشرين الأول") and their loan names ("أكتوبر"):
# dateparser knows only the latter, and Arabic datelines often write both, "16 تشرين الأول/أكتوبر"
ARABIC_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "كانون الثاني يناير",
            "شباط فبراير",
            "آذار مارس",
            "نيسان أبريل إبريل",
            "أيار مايو",
            "حزيران يونيو",
            "تموز يوليو",
            "آب أغسطس",
            "أيلول سبتمبر",
            "تشرين الأول أكتوبر",
            "تشرين الثاني نوفمبر",
            "كانون الأول ديسمبر",
        ),
        1,
    )
    for name in re.findall(r"(?:كانون|تشرين) \S+|\S+", names)
}
_ARABIC_MONTH = "|".join(sorted(ARABIC_MONTHS, key=len, reverse=True))
ARABIC_DATE = re.compile(
    rf"(\d{{1,2}})\s+({_ARABIC_MONTH})(?:\s*/\s*(?:{_ARABIC_MONTH}))?\s+(\d{{4}})"
)
# "between 1 and 3 August", "1-3 August": read as its first day
DAY_RANGE = re.compile(r"^(?:between|from)?\s*(\d{1,2})\s*(?:-|–|and|to|until)\s*\d{1,2}\b", re.I)
# the years a date may name: four digits outside them are times of day ("by 0350")
YEARS = (1000, 2100)
# the lines of a document's opening that may hold its dateline
DATELINE_LINES = 6


def opening_date(text: str) -> str | None:
    """The first full date written in a document's opening lines (a dateline), as YYYY-MM-DD.

    Rows of a table (cells split by tabs or commas) are records, not a dateline; a line of
    prose with commas ("Press briefing, Velmora, 21 June 2019 - remarks") is no row.
    """
    lines = [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        found = FULL_DATE.search(line) or ARABIC_DATE.search(line)
        if found and "\t" not in line and not _date_cell(line, found):
            return parse_date(found.group(), None)
    return None


def _date_cell(line: str, found: re.Match[str]) -> bool:
    """Whether a date is a whole cell of a comma-separated row ("2019-03-05,diesel,400")."""
    before, after = line[: found.start()].rstrip(), line[found.end() :].lstrip()
    whole = (not before or before.endswith(",")) and (not after or after.startswith(","))
    return whole and line.count(",") >= 2


def _arabic_date(found: re.Match[str]) -> str | None:
    """ "20 أيلول/سبتمبر 2015" as YYYY-MM-DD (None if no such day)."""
    day, month, year = int(found[1]), ARABIC_MONTHS[found[2]], int(found[3])
    if day > calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=65_536)  # the same phrases come back across a case's pages
def parse_date(text: str, relative_to: str | None) -> str | None:
    """A date phrase as YYYY, YYYY-MM or YYYY-MM-DD, read against the document's date.

    A day and month without a year take the document's year; a weekday and "this week"
    fall in the week up to the document's date, which is kept as its month, or its year
    when that week spans two months.
    """
    if arabic := ARABIC_DATE.fullmatch(text.strip()):
        return _arabic_date(arabic)
    if FULL_DATE.fullmatch(text.strip()) and (plain := full_date(text.strip())):
        return plain
    return read_by_dateparser(text, relative_to)


def full_date(text: str) -> str | None:
    """ "14 October 2015", "Oct. 14, 2015" or "2015-10-14" as YYYY-MM-DD, as dateparser reads
    them, without its 1-2 ms a phrase; None if no such day (dateparser may still guess one:
    "2015-13-01" is 13 January to it)."""
    if iso := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    else:
        month_word = re.search(r"[A-Za-z]+", text)
        year_digits = re.search(r"\d{4}", text)
        day_digits = re.search(r"\b\d{1,2}\b", text)
        if not (month_word and year_digits and day_digits):
            return None
        month = _MONTH_NUMBERS[month_word[0][:3].lower()]
        year, day = int(year_digits[0]), int(day_digits[0])
    if not (1 <= month <= 12 and YEARS[0] <= year <= YEARS[1]):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_by_dateparser(text: str, relative_to: str | None) -> str | None:
    """A date phrase read by dateparser against the document's date (see parse_date)."""
    if relative_to is None and not re.search(r"\b\d{4}\b", text):
        return None  # no year written and none to read it against: no date rather than a guess
    text = DAY_RANGE.sub(r"\1", text.strip())
    data = _date_parser(relative_to[:19] if relative_to else None).get_date_data(text)
    if data.date_obj is None:
        return None
    when, period = data.date_obj, data.period or "day"
    if not YEARS[0] <= when.year <= YEARS[1]:
        return None  # "by 0350", "before 0400": a time of day in an order, not a year
    if relative_to and re.search(MONTHS, text) and not re.search(r"\b\d{4}\b", text):
        if not calendar.isleap(int(relative_to[:4])) and (when.month, when.day) == (2, 29):
            return None  # "29 February" in a year without one: no such day
        when = when.replace(year=int(relative_to[:4]))
    if period == "week":
        period = "month" if (when - timedelta(days=6)).month == when.month else "year"
    if period == "year":
        return f"{when:%Y}"
    if period == "month":
        return f"{when:%Y-%m}"
    return f"{when:%Y-%m-%d}"


@cache
def _date_parser(relative_to: str | None) -> DateDataParser:
    """dateparser's reader, set to read relative dates against a document's date."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if relative_to:
        with suppress(ValueError):
            settings["RELATIVE_BASE"] = datetime.fromisoformat(relative_to).replace(tzinfo=None)
    return DateDataParser(languages=["en"], settings=settings)
