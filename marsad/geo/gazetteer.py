"""The shipped gazetteer: places with Arabic names, countries, demonyms.

Built offline by ``training/geo/build_gazetteer.py`` into
``marsad/resources/geo/gazetteer.tsv.gz`` (GeoNames cities with Arabic names,
CLDR country names, checked world-cities-translations names, hand-made regions,
airports and landmarks, directional parts of countries).  Names are stored as
lookup keys: the folded tokens of the name (:func:`marsad.text.normalize`)
joined by single spaces.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..model import Location


_MIN_SKELETON = 4
_FUZZY_MIN_WEIGHT = 20_000


def skeleton(key: str) -> str:
    """A folded name without its article, a leading alef, long vowels, hamza and a final ه:
    the consonants transliterations agree on."""
    out = []
    for word in key.split(" "):
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        word = word.lstrip("ا")
        word = word[:1] + "".join(ch for ch in word[1:] if ch not in "اويىء")
        if word.endswith("ه") and len(word) > 2:
            word = word[:-1]
        out.append(word)
    return " ".join(out)


@dataclass(slots=True)
class Place:
    """One gazetteer entry."""

    idx: int
    geonameid: int | None
    name: str  # English name
    country: str | None  # ISO alpha-3; None for seas and cross-border regions
    lat: float
    lon: float
    kind: str  # country, capital, city, admin1, region, airport, landmark, sea, direction
    weight: int  # population or a population-like prior for hand-made entries
    capital: int | None = None  # geonameid of a country's capital
    main_names: frozenset[str] = frozenset()  # curated / CLDR names (win ties)

    def location(self, text: str | None = None) -> Location:
        return Location(name=self.name, country=self.country, lat=self.lat, lon=self.lon,
                        geonameid=self.geonameid, text=text)


MAX_CACHED_WORDS = 500_000  # per-word memo entries kept before starting afresh (as the name-start memo does)


@dataclass
class Gazetteer:
    places: list[Place] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)  # key -> place indices
    first_words: dict[str, int] = field(default_factory=dict)  # first word of a key -> longest key (tokens)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded nisba form -> ISO alpha-3
    former_capitals: dict[str, int] = field(default_factory=dict)  # ISO alpha-3 -> place index
    common_words: dict[str, str] = field(default_factory=dict)  # key -> "strong" | "word"
    whole_words: set[str] = field(default_factory=set)  # ولاية: its و is not a proclitic
    by_geonameid: dict[int, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # ISO alpha-3 -> country place index
    directions: dict[tuple[str, str], int] = field(default_factory=dict)  # (iso3, side) -> index
    _demonym_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    _start_cache: dict[tuple[str, str], tuple] = field(default_factory=dict, repr=False)
    _skeletons: dict[str, list[tuple[str, int]]] | None = field(default=None, repr=False)

    def by_skeleton(self, key: str) -> list[tuple[str, Place]]:
        """(name, place) pairs whose consonant skeleton equals the key's: a fallback for
        transliterations the gazetteer spells otherwise (قاراغاندا / قراغندا, استوكهولم /
        ستوكهولم).  Only places of some size take part, and only skeletons of four letters or
        more, so that the fallback stays rare and safe."""
        if self._skeletons is None:
            index: dict[str, list[tuple[str, int]]] = {}
            for k, idxs in self.index.items():
                sk = skeleton(k)
                if len(sk.replace(" ", "")) < _MIN_SKELETON:
                    continue
                for i in idxs:
                    if self.places[i].weight >= _FUZZY_MIN_WEIGHT:
                        index.setdefault(sk, []).append((k, i))
            self._skeletons = index
        sk = skeleton(key)
        if len(sk.replace(" ", "")) < _MIN_SKELETON:
            return []
        return [(k, self.places[i]) for k, i in self._skeletons.get(sk, ())]

    def candidates(self, key: str) -> list[Place]:
        return [self.places[i] for i in self.index.get(key, ())]

    def country(self, iso3: str | None) -> Place | None:
        i = self.countries.get(iso3 or "")
        return self.places[i] if i is not None else None

    def capital_of(self, iso3: str | None) -> Place | None:
        c = self.country(iso3)
        if c is None or c.capital is None or c.capital not in self.by_geonameid:
            return None
        return self.places[self.by_geonameid[c.capital]]

    def former_capital_of(self, iso3: str | None) -> Place | None:
        i = self.former_capitals.get(iso3 or "")
        return self.places[i] if i is not None else None

    def direction_of(self, iso3: str | None, side: str) -> Place | None:
        i = self.directions.get((iso3 or "", side))
        return self.places[i] if i is not None else None

    def demonym_of(self, norm: str, variants) -> str | None:
        """The country a folded word names as a nisba (اللبنانية -> LBN), memoised per word."""
        cache = self._demonym_cache
        if norm not in cache:
            if len(cache) > MAX_CACHED_WORDS:  # a server reading the web for months meets new words forever
                cache.clear()
            cache[norm] = next((self.demonyms[v] for v in variants(norm) if v in self.demonyms), None)
        return cache[norm]

    def country_of_key(self, key: str) -> str | None:
        """The country a name names when it names a country (كازاخستان -> KAZ)."""
        for p in self.candidates(key):
            if p.kind == "country":
                return p.country
        return None


def gazetteer_path() -> Path:
    return Path(str(resources.files("marsad.resources").joinpath("geo", "gazetteer.tsv.gz")))


def country_shapes_path() -> Path:
    """Simplified Natural Earth country outlines (GeoJSON, properties iso3/name/name_ar)."""
    return Path(str(resources.files("marsad.resources").joinpath("geo", "countries.geojson")))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return read_gazetteer(gazetteer_path())


def read_gazetteer(path: Path) -> Gazetteer:
    gz = Gazetteer()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = fh.read()
    places, index, first_words = gz.places, gz.index, gz.first_words
    for line in data.split("\n"):
        tag = line[:1]
        if tag == "E":
            _, gid, name, cc3, lat, lon, kind, weight, capital, names = line.split("\t")
            idx = len(places)
            keys = names.split("|")
            main = frozenset(k for k in keys if k[:1] != "~")
            place = Place(idx, int(gid) if gid else None, name, cc3 or None, float(lat), float(lon), kind,
                          int(weight), int(capital) if capital else None, main)
            places.append(place)
            for k in keys:
                k = k.lstrip("~")
                lst = index.get(k)
                if lst is None:
                    index[k] = [idx]
                    words = k.split(" ")
                    if len(words) > first_words.get(words[0], 0):
                        first_words[words[0]] = len(words)
                else:
                    lst.append(idx)
            if place.geonameid:
                gz.by_geonameid.setdefault(place.geonameid, idx)
            if kind == "country":
                gz.countries[cc3] = idx
        elif tag == "D":
            _, form, iso3 = line.split("\t")
            gz.demonyms[form] = iso3
        elif tag == "F":
            _, iso3, gid = line.split("\t")
            gz.former_capitals[iso3] = gz.by_geonameid[int(gid)]
        elif tag == "C":
            _, key, level = line.split("\t")
            gz.common_words[key] = level
        elif tag == "W":
            gz.whole_words.add(line[2:])
    for p in places:
        if p.kind == "direction":
            gz.directions[(p.country or "", p.name.split("ern ", 1)[0])] = p.idx
    return gz
