"""The ``marsad`` command line.

Every command reports bad input by name and goes on; no Python traceback
reaches the user (``--debug`` shows one for bug reports).
"""
from __future__ import annotations

import datetime
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DB_OPTION = click.option("--db", default="marsad.db", show_default=True, envvar="MARSAD_DB",
                         help="Store: a SQLite file (created if missing) or a postgresql:// URL. Also $MARSAD_DB.")


class UserError(click.ClickException):
    """An error whose message is the whole story; shown without a traceback."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="marsad")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """marsad (مرصد): Arabic news in, structured political event data out.

    \b
    Typical session:
      marsad run examples/            read, code and store articles (default store: marsad.db)
      marsad search كازاخستان          full-text search, variant-aware
      marsad events --type CONSULT     coded PLOVER events
      marsad export --format csv -o events.csv

    Contract entry points (stable, used for evaluation): code, tag, dates, cluster.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# -- running the pipeline ------------------------------------------------------
def _run(paths: tuple[str, ...], db: str, pipeline_name: str, quiet: bool, pub_date: str | None = None) -> None:
    from .batch import process_paths, update_stories
    from .pipeline import default_pipeline, reading_pipeline
    from .store import open_store

    pipeline = default_pipeline() if pipeline_name == "full" else reading_pipeline()
    started = time.perf_counter()
    with open_store(db) as store, _progress(quiet) as progress:
        task = progress.add_task("processing", total=None)

        def on_document(doc: Any, outcome: str) -> None:
            progress.update(task, advance=1, description=f"{outcome:9} {doc.id[:40]}")

        def on_problem(p: Any) -> None:
            progress.console.print(Text(f"skipped {p.where}: {p.reason}", style="yellow"), soft_wrap=True)

        summary = process_paths(paths, pipeline, store, on_document, on_problem, default_pub_date=pub_date)
        if summary.outcomes["added"] or summary.outcomes["updated"]:
            progress.update(task, description="grouping stories")
            update_stories(store)
        stats = store.stats()
    elapsed = time.perf_counter() - started
    if not quiet:
        _print_summary(summary, stats, db, elapsed, pipeline.names)
    out.print(summary.line())
    if summary.skipped:
        raise SystemExit(1)


def _progress(quiet: bool) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=quiet or not err.is_terminal)


def _print_summary(summary: Any, stats: dict[str, Any], db: str, elapsed: float, stages: list[str]) -> None:
    table = Table(title=f"marsad: {db}", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("this run", justify="right")
    table.add_column("in store", justify="right")
    table.add_row("documents", str(summary.outcomes["added"] + summary.outcomes["updated"]), str(stats["documents"]))
    table.add_row("sentences", str(summary.sentences), str(stats["sentences"]))
    table.add_row("entity mentions", str(summary.mentions), str(stats["mentions"]))
    table.add_row("date expressions", str(summary.dates), str(stats["dates"]))
    table.add_row("quotes", str(summary.quotes), str(stats["quotes"]))
    table.add_row("events", str(sum(summary.events.values())), str(stats["events"]))
    for etype, n in sorted(stats["events_by_type"].items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {etype}", str(summary.events.get(etype, 0)), str(n))
    table.add_row("stories", "", str(stats["stories"]))
    table.caption = f"stages: {' → '.join(stages)} · {elapsed:.1f} s"
    out.print(table)


def _iso_day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@click.option("--pub-date", metavar="YYYY-MM-DD", callback=_iso_day,
              help="Publication date for articles that carry none: no date in their metadata (HTML, JSONL, "
                   "feed) and no dateline in the text. Relative dates (أمس، الخميس الماضي) resolve against it.")
def run(paths: tuple[str, ...], db: str, quiet: bool, pub_date: str | None) -> None:
    """Read, code and store articles: the main job.

    PATHS are files or folders (walked recursively): .txt, .html, .jsonl,
    .warc/.warc.gz, RSS/Atom feeds. Every pipeline stage runs; documents
    already stored unchanged are skipped, so re-running is idempotent.
    Unreadable files are reported and skipped. Exit code 0 when every input
    was read, 1 when some were skipped (the rest is stored all the same).
    """
    _run(paths, db, "full", quiet, pub_date)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
def ingest(paths: tuple[str, ...], db: str, quiet: bool) -> None:
    """Read and store articles without coding them (cleaning, sentences only).

    Fast first pass for searching an archive; a later ``marsad run`` on the
    same inputs adds the remaining layers. Exit codes as for ``run``.
    """
    _run(paths, db, "reading", quiet)


# -- looking at the store ------------------------------------------------------
@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("-n", "--limit", default=20, show_default=True, help="Maximum number of documents.")
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over stored articles.

    Matching ignores hamza/alef forms, ى/ي, ة/ه, diacritics and attached
    و/ب/ل/ال, and accepts close spelling variants (كازخستان finds كازاخستان).
    Prints each document's id, source, title and a highlighted snippet.
    """
    store = _open_existing(db)
    hits = store.search(query, limit)
    if not hits:
        out.print(f"no documents match {query!r}")
        return
    for h in hits:
        out.print(Text(h.id, style="bold cyan"), Text(f"  {h.source or ''}", style="dim"))
        if h.title:
            out.print(Text(h.title, style="bold"))
        snippet = Text(h.snippet)
        for s, e in h.highlights:
            snippet.stylize("bold reverse", s, e)
        out.print(snippet)
        out.print()
    out.print(f"{len(hits)} document(s)")


@cli.command()
@DB_OPTION
@click.option("-n", "--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
def docs(db: str, limit: int, offset: int) -> None:
    """List stored documents, newest first."""
    store = _open_existing(db)
    table = Table("id", "date", "outlet", "title", "events", show_header=True, header_style="bold")
    for d in store.documents(limit, offset):
        table.add_row(d["id"][:40], d["pub_date"] or "", d["outlet"] or "", (d["title"] or "")[:70], str(d["n_events"]))
    out.print(table)


@cli.command()
@click.argument("doc_id")
@DB_OPTION
def show(doc_id: str, db: str) -> None:
    """Print one stored document with all its layers as JSON."""
    store = _open_existing(db)
    layers = store.get(doc_id)
    if layers is None:
        raise UserError(f"no document with id {doc_id!r} in {db}")
    click.echo(json.dumps(layers, ensure_ascii=False, indent=1))


@cli.command()
@DB_OPTION
@click.option("--type", "etype", help="PLOVER type, e.g. CONSULT.")
@click.option("--actor", help="Actor name or words (source or target).")
@click.option("--country", help="Source or target country code, e.g. KAZ, OTS.")
@click.option("--from", "date_from", help="Earliest event date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Latest event date (YYYY-MM-DD).")
@click.option("--modality", type=click.Choice(["asserted", "reported", "future", "intended", "negated", "hypothetical"]))
@click.option("--story", help="Story id.")
@click.option("-n", "--limit", default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--merged", is_flag=True, help="One record per real-world event across articles (with article and outlet counts) instead of one per article.")
def events(db: str, etype: str | None, actor: str | None, country: str | None, date_from: str | None,
           date_to: str | None, modality: str | None, story: str | None, limit: int, fmt: str, merged: bool) -> None:
    """Coded events, filtered; as a table, JSON lines or CSV."""
    from .store import EventFilter

    store = _open_existing(db)
    if merged:
        _print_merged(store, etype, country, fmt, limit)
        return
    rows = store.events(EventFilter(etype, actor, country, date_from, date_to, modality, story, None, limit))
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    if fmt == "csv":
        from .export import write_csv
        write_csv(rows, None, fh=sys.stdout)
        return
    table = Table("date", "type", "mode", "source", "target", "modality", "evidence", show_header=True,
                  header_style="bold")
    for r in rows:
        src = r["source_name"] or r["source_text"] or ""
        tgt = r["target_name"] or r["target_text"] or ""
        table.add_row(r["date"] or "", r["type"], r["mode"] or "", f"{src} ({r['source_country'] or '?'})",
                      f"{tgt} ({r['target_country'] or '-'})" if tgt else "", r["modality"],
                      (r["evidence_text"] or "")[:60])
    out.print(table)
    out.print(f"{len(rows)} event(s)")


def _print_merged(store: Any, etype: str | None, country: str | None, fmt: str, limit: int) -> None:
    from .batch import merged_events

    rows = [m for m in merged_events(store)
            if (not etype or m["type"] == etype.upper())
            and (not country or country.upper() in {(m.get("source") or {}).get("country"), (m.get("target") or {}).get("country")})]
    rows.sort(key=lambda m: (-m["num_articles"], m.get("date") or ""))
    rows = rows[:limit]
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    if fmt == "csv":
        from .export import write_csv
        flat = [{"type": r["type"], "mode": r.get("mode"), "date": r.get("date"),
                 "source": _actor_label(r.get("source")), "target": _actor_label(r.get("target")),
                 "modality": r.get("modality"), "num_articles": r["num_articles"], "num_outlets": r["num_outlets"],
                 "doc_ids": " ".join(r["doc_ids"])} for r in rows]
        write_csv(flat, None, fh=sys.stdout)
        return
    table = Table("date", "type", "source", "target", "articles", "outlets", "evidence", show_header=True, header_style="bold")
    for r in rows:
        ev = r["evidence"][0]["text"] if r["evidence"] else ""
        table.add_row(r.get("date") or "", r["type"], _actor_label(r.get("source")), _actor_label(r.get("target")),
                      str(r["num_articles"]), str(r["num_outlets"]), ev[:50])
    out.print(table)
    out.print(f"{len(rows)} merged event(s)")


def _actor_label(a: dict[str, Any] | None) -> str:
    if not a:
        return ""
    return f"{a.get('name') or a.get('text') or ''} ({a.get('country') or '?'})"


@cli.command()
@DB_OPTION
@click.option("-n", "--limit", default=50, show_default=True)
def stories(db: str, limit: int) -> None:
    """Stories: articles about the same developing story across outlets and days."""
    store = _open_existing(db)
    table = Table("story", "from", "to", "articles", "label", show_header=True, header_style="bold")
    for s in store.stories(limit):
        table.add_row(s["id"], s["first_date"] or "", s["last_date"] or "", str(s["n_docs"]),
                      f"{s['label_en']}\n{s['label_ar']}")
    out.print(table)


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "acled"]), required=True,
              help="jsonl, csv, parquet: any table. gdelt, acled: merged events in those layouts.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--table", type=click.Choice(["events", "documents", "mentions", "merged", "stories"]), default=None,
              help="What to export. Default: documents with all layers for jsonl, events for csv/parquet, "
                   "merged for gdelt/acled.")
def export(db: str, fmt: str, output: Path, table: str | None) -> None:
    """Export the store to a file, at article level or across articles.

    \b
    Tables (--table):
      events     one row per event coded in one article
      documents  one row per article (jsonl: the article with all its layers)
      mentions   one row per entity mention
      merged     one row per real-world event, merged across articles and outlets,
                 with article, outlet and mention counts, story id and evidence
      stories    one row per story: Arabic and English labels, dates, top actors,
                 article count and document ids

    \b
    Layouts of merged events (--format):
      gdelt  tab-separated, columns named as in the GDELT 2.0 event table plus
             PLOVER type, mode and modality; country codes are ISO alpha-3 as
             marsad has them, not CAMEO country codes
      acled  CSV, columns named as in ACLED's export; only types ACLED records
             (PROTEST, ASSAULT, COERCE, MOBILIZE, RETREAT withdraw/ceasefire) that
             happened by the text's account; verbal types such as CONSULT, ACCUSE
             or REQUEST are left out; fatalities is left empty (marsad extracts
             no counts)

    Column meanings: marsad/resources/export/gdelt_columns.tsv and acled_columns.tsv.
    """
    from .export import check_choice, default_table
    from .export import export as do_export

    table = table or default_table(fmt)
    try:
        check_choice(fmt, table)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    with _open_existing(db) as store:
        try:
            n = do_export(store, fmt, output, table)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
    out.print(f"wrote {n} {table} records to {output}")


@cli.command()
@DB_OPTION
def stats(db: str) -> None:
    """Counts of what the store holds."""
    store = _open_existing(db)
    click.echo(json.dumps(store.stats(), ensure_ascii=False, indent=1))


# -- contract entry points -------------------------------------------------------
@cli.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL: one {id, text, pub_date?, title?, url?, format?} per line.")
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
def code(input_path: Path, output_path: Path) -> None:
    """Contract entry point: documents in, structured records out (no store).

    One output line per input line, in the same order:
    {id, text, entities, dates, events, quotes}; all offsets index into the
    output text. A line that cannot be parsed gives {id, error} and the
    run goes on.
    """
    from .contract import document_obj
    from .model import Document
    from .pipeline import default_pipeline

    pipeline = default_pipeline()
    n_ok = n_bad = 0
    # backslashreplace: a lone surrogate in an id is written as \udc00, which is
    # valid JSON and reads back as the same id, instead of killing the run
    with input_path.open("r", encoding="utf-8", errors="replace") as fin, \
            output_path.open("w", encoding="utf-8", errors="backslashreplace") as fout:
        for lineno, line in enumerate(fin, 1):
            if not line.strip():
                continue
            record: dict[str, Any]
            item: Any = None
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("text"), str):
                    raise ValueError("a line needs an object with 'id' and 'text'")
                doc = Document(id=str(item["id"]), raw=item["text"], pub_date=item.get("pub_date"),
                               title=item.get("title"), url=item.get("url"), outlet=item.get("outlet"),
                               format="html" if item.get("format") == "html" else "text")
                record = document_obj(pipeline(doc))
                n_ok += 1
            except Exception as exc:  # report and go on: one bad line must not lose the rest
                ident = item.get("id") if isinstance(item, dict) else None
                record = {"id": ident, "error": f"line {lineno}: {type(exc).__name__}: {exc}"}
                err.print(Text(f"{input_path} line {lineno}: {exc}", style="yellow"))
                n_bad += 1
            fout.write(json.dumps(record, ensure_ascii=False) + "\n")
    err.print(f"coded {n_ok} document(s), {n_bad} line(s) with errors")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["conll"]), default="conll", show_default=True)
def tag(fmt: str) -> None:
    """Contract entry point: named entities over given tokens.

    Reads one token per line (a blank line between sentences) from standard
    input and writes token<TAB>TAG (ANERcorp tags: O, B-/I-PERS, LOC, ORG,
    MISC), keeping the blank lines.
    """
    from .ner import tag_conll

    tag_conll(sys.stdin, sys.stdout)


@cli.command()
@click.option("--pub-date", required=True, help="Publication date (YYYY-MM-DD) that relative dates resolve against.")
def dates(pub_date: str) -> None:
    """Contract entry point: temporal expressions, one sentence per input line.

    Reads sentences from standard input and writes, per line, a JSON array of
    {text, value, start, end} (value: YYYY-MM-DD, YYYY-MM, YYYY or START/END).
    """
    from .time import contract_dates

    _check_iso_date(pub_date)
    for line in sys.stdin:
        click.echo(json.dumps(contract_dates(line.rstrip("\n"), pub_date), ensure_ascii=False))


@cli.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL: one {id, text, pub_date?, title?, outlet?, format?} per line.")
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
def cluster(input_path: Path, output_path: Path) -> None:
    """Contract entry point: near-duplicates and stories across articles.

    One output line per input line, same order: {id, story, duplicate_of};
    duplicate_of names an earlier article this one copies or lightly edits.
    A line that cannot be read as such a record is reported (FILE:LINE:
    reason) and left out. Exit code 0 when every line was clustered, 1 when
    some were left out (the rest is written all the same).
    """
    from .stories.jsonl import LineProblem, cluster_jsonl

    problems: list[LineProblem] = []
    n = cluster_jsonl(input_path, output_path, problems)
    for problem in problems:
        err.print(Text(f"skipped {problem}", style="yellow"), soft_wrap=True)
    err.print(f"clustered {n} document(s), {len(problems)} line(s) skipped")
    if problems:
        raise SystemExit(1)


def _check_iso_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--pub-date must be a date like 2022-01-11, not {value!r}") from None


@cli.group(name="eval")
def eval_group() -> None:
    """Accuracy on labelled files: prints the figures BENCHMARKS.md records."""


@eval_group.command(name="dates")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", default=20, show_default=True, help="How many wrong items to list.")
def eval_dates(gold: str, errors: int) -> None:
    """Extraction F1, normalisation accuracy and strict F1 on a dates.jsonl file."""
    from .time.evaluate import evaluate_dates, format_report

    click.echo(format_report(evaluate_dates(gold), show_errors=errors))


@eval_group.command(name="ner")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--predicted", type=click.Path(exists=True, dir_okay=False),
              help="Score this tagged file instead of tagging GOLD's tokens with the shipped model.")
def eval_ner(gold: str, predicted: str | None) -> None:
    """Exact-span micro P/R/F1 (conlleval rules), overall and per type, on a CoNLL file (token TAG per line).

    Note: the shipped model was trained on all of ANERcorp's training split, so
    scoring that file measures memory, not accuracy (training/ner/train.py
    prints the dev-split figures).
    """
    from .ner.evaluate import evaluate_conll, format_report

    click.echo(format_report(evaluate_conll(gold, predicted)))


@eval_group.command(name="events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", default=10, show_default=True, help="How many misses and false alarms to list.")
def eval_events(gold: str, pred: str, errors: int) -> None:
    """Event precision/recall/F1, overall and per type.

    GOLD: a hand-coded file (seed_000_gold.json style, or JSONL of them);
    PRED: `marsad code` output. An event matches when type, source country and
    (where gold has one) target country agree.
    """
    from .events.evaluate import evaluate_events, format_report

    click.echo(format_report(evaluate_events(gold, pred), show_errors=errors))


@eval_group.command(name="classifiers")
@click.option("--gsr", "gsr_dir", type=click.Path(exists=True, file_okay=False), help="arabic_event_gsr folder.")
@click.option("--quadclass", type=click.Path(exists=True, dir_okay=False), help="quadclass_ar train.tsv.")
@click.option("--split", type=click.Choice(["dev", "all"]), default="dev", show_default=True,
              help="dev: only the held-back dev split the shipped models were not trained on.")
def eval_classifiers(gsr_dir: str | None, quadclass: str | None, split: str) -> None:
    """PROTEST/ASSAULT sentence detection F1 and QuadClass accuracy of the shipped classifiers."""
    from .events.evaluate import evaluate_gsr, evaluate_quadclass, format_classifier_report

    if not gsr_dir and not quadclass:
        raise UserError("give --gsr DIR and/or --quadclass FILE")
    click.echo(format_classifier_report(evaluate_gsr(gsr_dir, split) if gsr_dir else None,
                                        evaluate_quadclass(quadclass, split) if quadclass else None))


@eval_group.command(name="stories")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
def eval_stories(gold: str) -> None:
    """Pairwise P/R/F1 of stories and duplicates on a labelled corpus (JSONL with gold story/duplicate fields)."""
    from .stories.evaluate import evaluate_stories

    result = evaluate_stories(gold)
    for what, prf in result.items():
        click.echo(f"{what:11} " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in prf.items()))


@eval_group.command(name="geo")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
def eval_geo(gold: str) -> None:
    """Country and exact-entry accuracy on a labelled place-mention file (JSONL)."""
    from .geo.evaluate import evaluate_geo, format_report

    click.echo(format_report(evaluate_geo(gold)))


@eval_group.command(name="actors")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--seeds", type=click.Path(exists=True, file_okay=False), help="Folder with the article the gold names (default: ../seeds beside the gold's folder).")
def eval_actors(gold: str, seeds: str | None) -> None:
    """Actor linking accuracy against a gold file's "actors" list (seed_000_gold.json style)."""
    from .actors.evaluate import evaluate_actors

    result = evaluate_actors(gold, seeds)
    click.echo(f"gold actors {result['gold_actors']}  occurrences {result['occurrences']}  "
               f"linked right {result['linked']}  not in text {result['not_in_text']}")
    for row in result["rows"]:
        if row["status"] != "linked":
            click.echo(f"  {row['status']:12} {row['text']}  want {row.get('want')}  got {row.get('got')}")
    click.echo(f"actors_accuracy={result['accuracy']:.3f}")


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="MARSAD_API_TOKEN", help="API token that enables writes (POST /api/documents). Also $MARSAD_API_TOKEN.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the dashboard (at /) and the REST API (docs at /docs).

    Read-only unless a token is given; with one, POST /api/documents codes and
    stores an article (send the token as a Bearer header).
    """
    from .api import serve as run_server

    if not token:
        _open_existing(db).close()
    out.print(f"marsad dashboard: http://{host}:{port}/  (API docs: /docs; {'writes enabled' if token else 'read-only'})")
    run_server(db, host, port, token)


# -- Spark ----------------------------------------------------------------------------
@cli.group()
def spark() -> None:
    """The pipeline on Apache Spark, for collections beyond one machine.

    Needs PySpark and Java 17+: pip install 'marsad[spark]'.
    """


@spark.command(name="run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Folder or URI (hdfs://, s3a://) for the Parquet tables.")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master: local[N], spark://HOST:7077, yarn, k8s://...")
@click.option("--partitions", type=click.IntRange(1), default=None, help="Coding tasks (default: 4 per core).")
@click.option("--no-merge", is_flag=True, help="Skip merging events across documents.")
@click.option("--overwrite", is_flag=True, help="Replace the tables in an existing output folder.")
def spark_run(inputs: tuple[str, ...], output: str, master: str, partitions: int | None, no_merge: bool,
              overwrite: bool) -> None:
    """Read, code and write articles as Parquet tables, on Spark.

    INPUTS are files and folders (as for ``marsad run``) or Hadoop URIs
    (hdfs://, s3a://, file://). Writes documents/, mentions/, events/,
    merged_events/ and problems/ under OUTPUT, partitioned by month. Each
    document is coded exactly as ``marsad code`` codes it. Exit code 1 when
    some input was skipped (listed, and in problems/).
    """
    from .spark import run_job

    try:
        summary = run_job(list(inputs), output, master, partitions, not no_merge, overwrite)
    except (FileExistsError, RuntimeError) as exc:  # an existing output; PySpark or Java missing
        raise UserError(str(exc)) from None
    for where, reason in summary.problems:
        err.print(Text(f"skipped {where}: {reason}", style="yellow"), soft_wrap=True)
    out.print(summary.line())
    if summary.problems:
        raise SystemExit(1)


# -- maintenance ------------------------------------------------------------------
@cli.command()
@DB_OPTION
def doctor(db: str) -> None:
    """Check the installation and a store; exit code 1 when anything is wrong.

    \b
    Installation: Python, SQLite (FTS5) and required package versions; every
    shipped resource file readable; every pipeline stage loading and coding a
    built-in sample article, each with its time (the first call loads its
    gazetteers and models) and its offsets checked against the text.
    Store (--db, when it exists): integrity, schema version, orphan and
    dangling rows, search index, contents stored twice.
    """
    from . import doctor as checks

    reports = [checks.versions(), checks.shipped_resources(), checks.stages()]
    if db.startswith(("postgresql://", "postgres://")) or os.path.exists(db):
        reports.append(checks.store(db))
    else:
        reports.append(checks.Report([f"store {db}: not present (nothing to check)"]))
    for report in reports:
        for line in report.lines:
            out.print(Text(line), soft_wrap=True)
    problems = [p for report in reports for p in report.problems]
    for p in problems:
        err.print(Text(p, style="red"), soft_wrap=True)
    if problems:
        raise SystemExit(1)
    out.print("all checks passed")


def _open_existing(db: str) -> Any:
    from .store import open_store

    if not db.startswith(("postgresql://", "postgres://")) and not os.path.exists(db):
        raise UserError(f"no store at {db}: run `marsad run PATH` first, or pass --db")
    return open_store(db)


def main(argv: list[str] | None = None) -> None:
    """Entry point: turn every unexpected error into one readable line."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="marsad", standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        raise SystemExit(130)
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130)
    except Exception as exc:
        if debug:
            raise
        err.print(Text(f"marsad: error: {type(exc).__name__}: {exc}", style="red"))
        err.print("(run with --debug for details)")
        raise SystemExit(3)


if __name__ == "__main__":
    main()
