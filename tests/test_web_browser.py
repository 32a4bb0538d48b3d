"""The dashboard in a real browser: Playwright driving Debian's Chromium.

Needs `apt-get install -y chromium` and `pip install playwright` (Playwright's
own browser download is not used). Screenshots go to test-output/.
"""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, chromium_missing, watch_page  # noqa: E402

if chromium_missing():
    pytest.skip(chromium_missing(), allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from marsad.api import create_app  # noqa: E402

from test_api import N_EVENTS, SCRIPT_TEXT, fill_store, realistic_articles  # noqa: E402

SHOTS = Path(__file__).resolve().parents[1] / "test-output"
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = fill_store(tmp_path_factory.mktemp("web") / "marsad.db")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    else:
        pytest.fail("uvicorn did not start")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport=LAPTOP, locale="en-US")
    pg = watch_page(context.new_page())
    yield pg
    context.close()
    assert pg.dialogs == [], f"a script ran: {pg.dialogs}"
    assert pg.errors == [], f"JavaScript errors: {pg.errors}"


def ready(pg: object) -> None:
    pg.wait_for_selector("main[data-ready=true]")


def shot(pg: object, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / name), full_page=False)


def test_dashboard_filter_then_article_with_highlighted_evidence(page: object, base_url: str) -> None:
    page.goto(f"{base_url}/?lang=ar#/")
    ready(page)
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.locator("table.events tbody tr").count() == N_EVENTS
    assert page.locator("svg.timeline rect[data-type]").count() > 0
    assert page.locator("svg.network .edge").count() > 0
    assert page.locator("svg.map circle.place").count() == 3  # Almaty, Astana, Brussels
    # every evidence snippet in the table is right-to-left
    assert page.locator(".evidence-cell span[dir=rtl]").count() == N_EVENTS
    shot(page, "dashboard-ar.png")

    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_function("location.hash.includes('type=CONSULT')")
    ready(page)
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    assert set(page.locator("table.events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.doc)")) == {"tr-ots"}

    page.locator('table.events tbody tr[data-idx="2"] a.open-doc').click()
    page.wait_for_selector("main[data-view=doc][data-ready=true]")
    body = page.locator(".article-text")
    assert body.get_attribute("dir") == "rtl"
    active = page.locator(".article-text mark.active")
    expected = next(d for d in realistic_articles() if d.id == "tr-ots").events[2].evidence[0].text
    assert "".join(active.all_text_contents()) == expected
    # every event's evidence is marked, each with its codes beside the text
    assert page.locator(".event-card").count() == 4
    assert page.locator(".event-card.active .badge").inner_text() == "تشاور"  # CONSULT in the Arabic interface
    card = page.locator(".event-card.active")
    assert "Jeyhun Bayramov" in card.inner_text() and "AZE" in card.inner_text()
    shot(page, "article-ar.png")

    # clicking another highlight selects its event card
    page.locator(".article-text mark[data-events='1']").first.click()
    assert page.locator(".event-card.active").get_attribute("data-idx") == "1"
    assert page.evaluate("location.hash").endswith("event=1")


def test_language_toggle_keeps_arabic_text_right_to_left(page: object, base_url: str) -> None:
    page.goto(f"{base_url}/?lang=ar#/doc/kz-csto?event=0")
    page.wait_for_selector("main[data-view=doc][data-ready=true]")
    assert page.get_attribute("html", "dir") == "rtl"
    page.click("button.lang-toggle")
    page.wait_for_selector("main[data-view=doc][data-ready=true]")
    assert page.get_attribute("html", "dir") == "ltr" and page.get_attribute("html", "lang") == "en"
    assert page.locator("header nav a").first.inner_text() == "Dashboard"
    assert page.locator(".article-text").get_attribute("dir") == "rtl"
    assert page.locator(".article-title").get_attribute("dir") == "rtl"
    assert page.locator(".event-card .evidence-quote").first.get_attribute("dir") == "rtl"
    direction = page.locator(".article-text").evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"
    shot(page, "article-en.png")
    page.click("header nav a >> nth=0")
    ready(page)
    assert page.locator("table.events th").first.inner_text() == "Date"


def test_script_in_an_article_is_shown_as_text(page: object, base_url: str) -> None:
    page.goto(f"{base_url}/#/doc/xss-post?event=0")
    page.wait_for_selector("main[data-view=doc][data-ready=true]")
    text = page.locator(".article-text").inner_text()
    assert SCRIPT_TEXT in text
    assert SCRIPT_TEXT in "".join(page.locator(".article-text mark.active").all_text_contents())
    assert page.locator("main script, main img").count() == 0
    assert '<img src=x onerror="alert(2)">' in page.locator(".article-title").inner_text()
    # a javascript: address from the metadata is not made a link
    assert page.locator("a[href^='javascript']").count() == 0
    page.goto(f"{base_url}/#/")
    ready(page)
    assert page.locator("main script, main img").count() == 0


@pytest.mark.parametrize("value", ['"><img src=x onerror=alert(1)>', "' OR 1=1 --", "<script>alert(1)</script>"])
def test_injection_strings_in_filters_are_harmless(page: object, base_url: str, value: str) -> None:
    page.goto(f"{base_url}/#/")
    ready(page)
    page.fill("input[name=actor]", value)
    page.click("form.filters button[type=submit]")
    page.wait_for_function("location.hash.includes('actor=')")
    ready(page)
    assert page.locator("table.events").count() == 0 and page.locator(".table-card .empty").count() == 1
    assert page.locator("input[name=actor]").input_value() == value
    page.goto(f"{base_url}/#/docs?q={value}")
    ready(page)
    assert page.locator("main img, main script").count() == 0
    # typed into the date field of the address: the API refuses it, the page says so
    page.goto(f"{base_url}/#/?from={value}")
    page.wait_for_selector("main .error")


def test_article_search_view(page: object, base_url: str) -> None:
    page.goto(f"{base_url}/?lang=ar#/docs")
    ready(page)
    page.fill("input[name=q]", "كازخستان")
    page.press("input[name=q]", "Enter")
    page.wait_for_function("location.hash.includes('q=')")
    ready(page)
    assert page.locator(".hit").count() == 3  # kz-csto matches by its title only: no mark in its body snippet
    marks = page.locator(".hit .snippet mark").all_text_contents()
    assert marks == ["كازاخستان"] * 2
    assert page.locator(".hit .snippet").first.get_attribute("dir") == "rtl"
