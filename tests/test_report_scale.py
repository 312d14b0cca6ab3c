"""Reports at scale and output hygiene: the summary first, carriers instead of pairs (--pairs, --top), the
HTML drawn on demand with every input text bidi-isolated, control characters shown not obeyed, CSV cells
a spreadsheet will not run. Fast tier: the fake encoder, on small corpora shaped like wire copies."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from cluster.report.contract import Report
from cluster.report.html.page import render_html
from cluster.report.hygiene import csv_safe, visible
from cluster.report.tables import write_tables
from cluster.report.terminal import render_report_text, render_text
from tests.test_html_report import CHROMIUM, CHROMIUM_FLAGS, NO_CHROMIUM, dom


@contextmanager
def opened_page(path: Path) -> Iterator[tuple[Any, list[str]]]:
    """The page loaded in headless Chromium, and the script errors it raised (checked by the caller)."""
    from playwright import sync_api

    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.as_uri())
        try:
            yield page, errors
        finally:
            browser.close()

RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
WIRE = [
    "The port authority said on Monday that container traffic fell by a fifth in March after the strike "
    "closed two terminals for nine days.",
    "Officials expect the backlog of ships waiting outside the harbour to clear by the end of the month, "
    "a spokesman for the authority told reporters.",
]
OUTLETS = ["harbour-news.example", "coast-daily.example", "wire.example", "city-times.example"]
SPOOFED = "x6\u202egpj.exe"


def wire_corpus(directory: Path) -> Path:
    """Four outlets carrying the same two wire paragraphs, each with a paragraph of its own; one record
    has a bidi-spoofed id, control bytes in its title and text, and a title a spreadsheet would run."""
    own = [
        "Local traders in the old town said their shops had seen fewer visitors since the start of spring.",
        "The regional football final drew a record crowd of forty thousand fans to the new stadium.",
        "Farmers in the valley reported an early harvest of apricots after a warm and dry April.",
        "A new exhibition of maritime paintings opens at the city museum next week, the curators said.",
    ]
    records = []
    for k, outlet in enumerate(OUTLETS):
        records.append({
            "id": SPOOFED if k == 3 else f"art-{k}",
            "title": "=HYPERLINK(\"http://evil.example\")\x1b[31m red \x07" if k == 3
            else f"Port traffic falls ({outlet})",
            "text": "\n\n".join([own[k] + (" Bell\x07 and NUL\x00 here." if k == 3 else ""), *WIRE]),
            "date": f"2026-03-0{k + 2}", "source": outlet, "lang": "en",
        })
    path = directory / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def wire_result(run_fake, tmp_path_factory):
    result = run_fake(wire_corpus(tmp_path_factory.mktemp("wire")))
    assert result.groups and max(len(g.passages) for g in result.groups) == 4, "the wire paragraphs are one group"
    return result


def test_visible_shows_controls_and_bidi_overrides_as_text():
    assert visible("a\x00b\x07c\x1b[31md\x7f\x85") == "a\\x00b\\x07c\\x1b[31md\\x7f\\x85"
    assert visible(SPOOFED) == "x6\\u202egpj.exe"
    assert visible("سطر\tأول\nسطر ثان \u200f") == "سطر\tأول\nسطر ثان \u200f"  # tab, newline, RLM are kept


def test_csv_cells_are_neutralised_by_the_owasp_rule():
    for formula in ("=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert csv_safe(formula) == "'" + formula
    assert csv_safe("plain") == "plain" and csv_safe(-0.5) == -0.5 and csv_safe("") == ""


def test_text_report_starts_with_a_summary_and_lists_carriers_not_pairs(wire_result):
    text = render_text(wire_result)
    assert text.index("Summary") < text.index("Top passages by reach") < text.index("Duplicate passages:")
    assert "4 articles from 4 outlet(s)" in text
    group = next(g for g in wire_result.groups if len(g.passages) == 4)
    assert "]~[" not in text  # no pair lines by default
    carriers = [line for line in text.splitlines() if re.match(r"\s+\[\d\] ", line)]
    assert len(carriers) >= 4 and sum("earliest" in line for line in carriers) >= 1
    assert any("verbatim · similarity" in line and "coast-daily.example" in line for line in carriers)
    with_pairs = render_text(wire_result, pairs=True)
    assert with_pairs.count("]~[") == sum(len(g.pairs) for g in wire_result.groups) >= len(group.pairs) == 6


def test_top_cuts_listings_and_says_how_to_see_the_rest(wire_result):
    text = render_text(wire_result, top=1)
    assert len(wire_result.groups) == 2 and len(re.findall(r"^D\d+  ", text, flags=re.M)) == 1
    assert "… 1 more groups (see them with --top 2, or --format json / --html)" in text
    stories = len(wire_result.stories.stories)
    if stories > 1:
        assert f"… {stories - 1} more stories (see them with --top {stories}" in text
    assert "more carriers (--top 4 shows all)" in text


def test_large_corpus_gets_a_default_top(run_fake, tmp_path):
    result = run_fake(wire_corpus(tmp_path), **{"report.large_corpus_articles": 2, "report.default_top": 1})
    assert "more carriers (--top 4 shows all)" in render_text(result)
    small = run_fake(wire_corpus(tmp_path))
    assert "more carriers" not in render_text(small)


def test_no_raw_control_character_reaches_the_text_report(wire_result):
    text = render_text(wire_result, pairs=True)
    assert not RAW_CONTROLS.search(text.replace("\n", ""))
    assert "x6\\u202egpj.exe" in text and SPOOFED not in text


def test_csv_neutralised_by_default_and_raw_on_request(wire_result, tmp_path):
    report = Report.from_result(wire_result)
    write_tables(report, tmp_path / "safe")
    write_tables(report, tmp_path / "raw", raw=True)
    rows = {r["id"]: r for r in csv.DictReader((tmp_path / "safe" / "articles.csv").open(encoding="utf-8"))}
    assert rows[SPOOFED]["title"].startswith("'=HYPERLINK(")
    raw = {r["id"]: r for r in csv.DictReader((tmp_path / "raw" / "articles.csv").open(encoding="utf-8"))}
    assert raw[SPOOFED]["title"].startswith("=HYPERLINK(")
    cells = [c for path in (tmp_path / "safe").glob("*.csv") for row in csv.reader(path.open(encoding="utf-8"))
             for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_html_shows_controls_and_isolates_every_input_text(wire_result, tmp_path):
    page = render_html(Report.from_result(wire_result))
    assert not RAW_CONTROLS.search(page.replace("\n", "").replace("\t", ""))
    html_dom = dom(page, tmp_path)
    own_isolates = html_dom.replace("\u2068", "").replace("\u2069", "")  # the page's FSI/PDI around tooltips
    assert not RAW_CONTROLS.search(own_isolates.replace("\n", "").replace("\t", ""))
    assert "x6\\u202egpj.exe" in html_dom


def test_html_summary_first_and_bidi_isolation_in_the_browser(wire_result, tmp_path):
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api")
    path = tmp_path / "wire.html"
    path.write_text(render_html(Report.from_result(wire_result)), encoding="utf-8")
    inputs = [visible(a.id) for a in wire_result.articles] + [visible(a.title) for a in wire_result.articles]
    with opened_page(path) as (page, errors):
        order = page.evaluate("['overview', 'glance', 'filters', 'stories', 'groups'].map("
                              "id => document.getElementById(id).getBoundingClientRect().top)")
        assert order == sorted(order)
        assert page.locator("#glance li").count() >= 2
        # every text node holding an id or a title sits in an element with unicode-bidi: isolate
        loose = page.evaluate(
            """inputs => { const out = []; const walk = document.createTreeWalker(document.querySelector('main'),
                 NodeFilter.SHOW_TEXT); let node;
               while ((node = walk.nextNode())) {
                 if (!inputs.some(s => s && node.data.includes(s))) continue;
                 if (node.parentElement.closest('svg') && inputs.some(s => node.data.includes('\u2068' + s + '\u2069')))
                   continue;  // a tooltip: isolated by FSI/PDI, as plain text must be
                 const style = getComputedStyle(node.parentElement).unicodeBidi;
                 if (!['isolate', 'isolate-override', 'plaintext'].includes(style)) out.push(node.data); }
               return out; }""", inputs)
        assert loose == []
        page.click("#glance a[data-open^='groups:']")
        assert page.locator("article.group").first.is_visible()
        assert errors == []


def test_cli_run_flags(fake_model, tmp_path):
    corpus = wire_corpus(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(corpus), "--quiet", "--top", "1", "--pairs", "--csv", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "]~[" in result.stdout and "more carriers (--top 4 shows all)" in result.stdout
    assert (tmp_path / "c" / "articles.csv").read_text(encoding="utf-8").count("'=HYPERLINK") == 1
    result = runner.invoke(app, ["run", str(corpus), "--quiet", "--csv-raw", "--csv", str(tmp_path / "r")])
    assert result.exit_code == 0 and "'=HYPERLINK" not in (tmp_path / "r" / "articles.csv").read_text(encoding="utf-8")


def test_summary_counts_quotes_as_the_html_card_and_the_json_do(quotes_fake):
    """The text summary and the HTML card count the same thing: distinct quotes (one per group of copies),
    with the places they were found beside; "1 outlet", never "1 outlets"."""
    report = Report.from_result(quotes_fake)
    distinct, places = len(report.quotes), sum(len(q.instances) for q in report.quotes)
    assert distinct < places  # the corpus carries Witkoff's statement in several articles
    text = render_text(quotes_fake)
    assert f"{distinct} distinct quotes ({places} places found)" in text
    assert "1 outlets" not in text and "1 outlet ·" in text


def test_saved_run_prints_the_text_report_of_the_live_run(fake_model, tmp_path):
    """`cluster report RUN.json` prints what `cluster run` printed, with the same --top and --pairs."""
    corpus = wire_corpus(tmp_path)
    runner = CliRunner()
    saved = tmp_path / "run.json"
    assert runner.invoke(app, ["run", str(corpus), "--quiet", "-f", "json", "-o", str(saved)]).exit_code == 0
    report = Report.model_validate_json(saved.read_text(encoding="utf-8"))
    live = runner.invoke(app, ["run", str(corpus), "--quiet", "--top", "1", "--pairs"]).stdout
    again = runner.invoke(app, ["report", str(saved), "--top", "1", "--pairs"])
    assert again.exit_code == 0, again.output
    # line 1 holds each run's own seconds
    assert again.stdout.splitlines()[1:] == live.splitlines()[1:] and "]~[" in again.stdout
    assert "more carriers (--top 4 shows all)" in again.stdout
    full = runner.invoke(app, ["report", str(saved)]).stdout
    assert "]~[" not in full and "more carriers" not in full and f"{len(report.duplicate_groups)} groups" in full
    written = runner.invoke(app, ["report", str(saved), "--html", str(tmp_path / "r.html")])
    assert written.exit_code == 0 and written.stdout == "" and (tmp_path / "r.html").exists()


def edited_corpus(directory: Path) -> Path:
    """The wire paragraph in three outlets, one of which edited a few words of a long passage."""
    long = " ".join([WIRE[0], WIRE[1], WIRE[0].replace("port", "harbour")])
    edited = long.replace("fell by a fifth", "dropped by twenty per cent").replace("nine days", "9 days")
    records = [{"id": f"ed-{k}", "title": f"Traffic ({outlet})", "text": text, "date": f"2026-03-0{k + 1}",
                "source": outlet, "lang": "en"}
               for k, (outlet, text) in enumerate(zip(OUTLETS, [long, long, edited]))]
    path = directory / "edited.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_html_draws_each_carriers_word_diff_and_highlights_when_the_group_is_drawn(run_fake, tmp_path):
    """The page holds each passage's text once and no diff or highlight: drawing a group, it diffs an edited
    carrier against the earliest copy (the same words removed and added that the contract's diff names, long
    unchanged runs cut) and marks the words the copies share, the changed ones left unmarked."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api")
    report = Report.from_result(run_fake(edited_corpus(tmp_path)))
    edited = [p for g in report.duplicate_groups for p in g.pairs if p.diff]
    assert edited, "the edited copy carries a diff against the earliest copy"
    ops = edited[0].diff
    path = tmp_path / "edited.html"
    html = render_html(report)
    path.write_text(html, encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.DOTALL)[1])
    assert all(len(row) == 5 for group in data["g"] for row in group["r"])  # figures only, no diff
    assert all(len(passage) == 6 for group in data["g"] for passage in group["p"])  # no highlight runs
    with opened_page(path) as (page, errors):
        page.wait_for_selector("article.group details.diff p", state="attached")
        drawn = page.evaluate("""() => { const p = document.querySelector('article.group details.diff p');
            return {del: [...p.querySelectorAll('del')].map(e => e.textContent),
                    ins: [...p.querySelectorAll('ins')].map(e => e.textContent), text: p.textContent}; }""")
        shown = page.evaluate("[...document.querySelectorAll('article.group .passage-text')].map(e => e.textContent)")
        marked = page.evaluate("[...document.querySelectorAll('article.group .passage-text')].map("
                               "e => [...e.querySelectorAll('mark')].map(m => m.textContent).join(' '))")
    assert errors == []
    # the edited copy's text is sent as the earlier copy's start plus its own rest, and drawn whole
    assert any(isinstance(entry, list) for entry in data["t"])
    assert {p.text for g in report.duplicate_groups for p in g.passages} <= set(shown)
    assert drawn["del"] == [op.a for op in ops if op.op != "equal" and op.a]
    assert drawn["ins"] == [op.b for op in ops if op.op != "equal" and op.b]
    assert "twenty per cent" in drawn["ins"] and "nine days" not in drawn["text"]
    assert "…" in drawn["text"]  # the long unchanged run between the two edits is cut
    copy = shown.index(next(p.text for p in report.duplicate_groups[0].passages if "twenty per cent" in p.text))
    assert "container traffic" in marked[copy] and "harbour" in marked[copy]  # shared words marked
    assert "twenty" not in marked[copy] and "dropped" not in marked[copy]  # words only this copy has are not


def test_a_passage_saying_constructor_is_drawn_and_highlighted(run_fake, tmp_path):
    """The page looks words up in tables of its own: "constructor" (a property of every JavaScript object) is a
    shared word to highlight like any other, not a reason for the group to fail to draw."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    pytest.importorskip("playwright.sync_api")
    shared = ("The constructor of the new bridge said on Tuesday that the steel deck will be lifted into place "
              "next month, weeks ahead of the schedule agreed with the city council.")
    records = [{"id": f"c-{k}", "title": f"Bridge ({outlet})", "text": shared, "date": f"2026-03-0{k + 1}",
                "source": outlet, "lang": "en"} for k, outlet in enumerate(OUTLETS[:2])]
    corpus = tmp_path / "constructor.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = Report.from_result(run_fake(corpus))
    assert report.duplicate_groups, "the two copies are one group"
    path = tmp_path / "constructor.html"
    path.write_text(render_html(report), encoding="utf-8")
    with opened_page(path) as (page, errors):
        marked = page.evaluate("[...document.querySelectorAll('article.group .passage-text mark')].map(m => m.textContent)")
    assert errors == []
    assert marked[:2] == ["constructor", "bridge"] and "constructor" in marked[len(marked) // 2:]  # in both copies


def test_fresh_run_writes_the_page_and_tables_of_its_saved_json(fake_model, tmp_path, monkeypatch):
    """`cluster run --html --csv` renders them from the contract it just built, without reading its own JSON
    back (1.7 s on the 30k bench corpus), and writes the bytes `cluster report` writes from the saved JSON."""
    runner = CliRunner()
    out = {name: tmp_path / name for name in ("run.json", "run.html", "run-csv", "again.html", "again-csv")}
    with monkeypatch.context() as patched:
        patched.setattr(Report, "model_validate_json", lambda *a, **k: pytest.fail("the fresh run read its JSON back"))
        run = runner.invoke(app, ["run", str(edited_corpus(tmp_path)), "--quiet", "-f", "json", "-o", str(out["run.json"]),
                                  "--html", str(out["run.html"]), "--csv", str(out["run-csv"])])
    assert run.exit_code == 0, run.output
    again = runner.invoke(app, ["report", str(out["run.json"]), "--html", str(out["again.html"]),
                                "--csv", str(out["again-csv"])])
    assert again.exit_code == 0, again.output
    assert out["run.html"].read_bytes() == out["again.html"].read_bytes()
    tables = sorted(path.name for path in out["run-csv"].iterdir())
    assert tables and tables == sorted(path.name for path in out["again-csv"].iterdir())
    assert all((out["run-csv"] / name).read_bytes() == (out["again-csv"] / name).read_bytes() for name in tables)


def test_saved_run_from_another_version_still_prints(wire_result):
    """A saved run whose report settings this version does not know prints with the defaults."""
    data = Report.from_result(wire_result).to_json()
    data["config"]["report"] = {"top": "all", "a_later_setting": True}
    text = render_report_text(Report.model_validate(data), top=1)
    assert "Duplicate passages: 2 groups" in text and "more carriers (--top 4 shows all)" in text
