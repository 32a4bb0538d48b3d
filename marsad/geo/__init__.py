"""Offline Arabic geoparsing: place names to gazetteer entries with coordinates.

- :func:`load_gazetteer` — the shipped index (GeoNames cities with Arabic names, countries,
  regions, airports), cached;
- :func:`resolve` — the place a mention's text names, ranked with the document's countries;
- :func:`find_places` — a precise dictionary tagger for place names in running text;
- :func:`locate_spans` — places for given mention spans, read in their text's context;
- :data:`geo_stage` — the pipeline component (focus country, LOC mentions, event locations);
- :func:`country_shapes_path` — simplified country outlines for the offline map.
"""
from .gazetteer import Gazetteer, Place, country_shapes_path, load_gazetteer
from .resolve import resolve
from .stage import geo_stage
from .tagger import find_places, locate_spans

__all__ = ["Gazetteer", "Place", "country_shapes_path", "find_places", "geo_stage", "load_gazetteer",
           "locate_spans", "resolve"]
