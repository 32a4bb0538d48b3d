"""Arabic temporal expressions: find them, resolve them against the
publication date, and date events from them.

- :func:`find_dates` / :func:`contract_dates`: expressions of a text;
- :func:`find_pub_date`: the publication date from an article's dateline;
- :data:`date_stage`: the pipeline component that fills ``doc.dates``;
- :func:`governing_date`: the date an event's evidence falls under.
"""
from .dateline import find_pub_date
from .recognize import contract_dates, find_dates
from .stage import date_stage, event_value, governing_date

__all__ = ["find_dates", "contract_dates", "find_pub_date", "date_stage", "governing_date", "event_value"]
