"""`marsad run --pub-date`: a date for the articles that carry none."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from marsad.cli import cli
from marsad.store import open_store

ARTICLE = ("قالت الحكومة أمس إنها سترفع أسعار الوقود اعتبارا من الشهر المقبل.\n\n"
           "وتظاهر مئات الطلاب يوم الخميس الماضي أمام وزارة التعليم احتجاجا على القرار.\n")
DATELINED = "الخرطوم في 3 آذار/مارس 2023\n\nوتظاهر مئات الطلاب يوم الخميس الماضي أمام وزارة التعليم.\n"


def test_pub_date_dates_undated_text_and_relative_expressions(tmp_path: Path):
    (tmp_path / "undated.txt").write_text(ARTICLE, "utf-8")
    db = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "undated.txt"), "--db", str(db), "-q",
                                      "--pub-date", "2024-05-20"])
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        (doc,) = store.documents()
    assert doc["pub_date"] == "2024-05-20"
    with open_store(str(db)) as store:
        events = store.events()
    # Monday 20 May 2024: "last Thursday" is the 16th
    assert {e["date"] for e in events if e["type"] == "PROTEST"} == {"2024-05-16"}


def test_a_dateline_wins_over_the_batch_default(tmp_path: Path):
    (tmp_path / "datelined.txt").write_text(DATELINED, "utf-8")
    db = tmp_path / "m.db"
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(db), "-q", "--pub-date", "2024-05-20"])
    assert result.exit_code == 0, result.output
    # re-running over the folder that now holds the store: the store's files are not articles
    again = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(db), "-q", "--pub-date", "2024-05-20"])
    assert again.exit_code == 0 and "skipped" in again.output and "0 skipped" in again.output, again.output
    with open_store(str(db)) as store:
        (doc,) = store.documents()
    assert doc["pub_date"] == "2023-03-03"


def test_a_malformed_pub_date_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--db", str(tmp_path / "m.db"), "--pub-date", "20/5/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
