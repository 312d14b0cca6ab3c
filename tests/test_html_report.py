"""The HTML report: self-contained, rendered from the JSON contract, safe with hostile article text, and
working in a real headless browser (Debian's chromium, driven by playwright or its own command line)."""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from cluster.evaluation.report_bench import CHROMIUM, CHROMIUM_FLAGS
from cluster.report.contract import Report
from cluster.report.html.page import render_html
from cluster.report.saved import outlet
from cluster.report.terminal import to_json
from tests.test_schema import AGREED_QUOTE

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
NO_CHROMIUM = "chromium not found: install it (apt-get install chromium; scripts/test.sh does) to run browser tests"
INJECTED = "img, [onerror], [onload], [onclick], [onmouseover], a[href^='javascript' i], style:not(head > style)"


@pytest.fixture(scope="module")
def hostile_result(run_corpus):
    return run_corpus(HOSTILE)


def dom(page: str, tmp_path: Path) -> str:
    """The page's DOM after its script drew the items (chromium --dump-dom), for the markup checks."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


def saved(result) -> dict[str, Any]:
    """The report as `cluster run --format json` writes it and `cluster report` reads it back."""
    return json.loads(json.dumps(to_json(result), ensure_ascii=False))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>, as a browser would parse them."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        def has(a: dict[str, str | None], key: str, value: str) -> bool:
            if key == "class":  # every class named, in any order, among others
                return set(value.split()) <= set((a.get("class") or "").split())
            return a.get(key) == value

        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [a for t, a in self.tags if t == tag and all(has(a, k, v) for k, v in wanted.items())]


def test_page_is_self_contained(seeds_result):
    page = render_html(saved(seeds_result))
    tags = Tags(page)
    assert not tags.find("link") and not tags.find("img") and not tags.find("iframe")
    assert not [a for _, a in tags.tags if "src" in a], "nothing may be loaded from elsewhere"
    assert "@import" not in page and "url(" not in page
    policy = tags.find("meta", http_equiv="Content-Security-Policy")[0]["content"]
    assert "default-src 'none'" in policy
    inline = [text for attrs, text in tags.scripts if attrs.get("type") != "application/json"]
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    for source in inline + styles:  # the policy allows exactly the inlined assets, by hash
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_sample_page_shows_overview_stories_and_storylines(seeds_result, tmp_path):
    data = saved(seeds_result)
    page = dom(render_html(data), tmp_path)
    tags = Tags(page)
    assert len(tags.find("article", class_="story item")) == len(data["stories"]) == 5
    for story in data["stories"]:
        assert f">{html.escape(story['label'], quote=False)}</h3>" in page  # a DOM dump leaves quotes as is
    assert "Storylines (1)" in page and data["storylines"][0]["id"] in page
    assert f"{data['summary']['first_date']} – {data['summary']['last_date']}" in page
    dates = {a["id"]: a["date"] for a in data["articles"]}
    dated_stories = [s for s in data["stories"] if any(dates[a] for a in s["articles"])]
    assert len(re.findall(r'<svg class="timeline"', page)) == len(dated_stories) > 0
    assert page.count('<circle ') == sum(1 for d in dates.values() if d)
    assert "No passage is repeated across articles." in page


def test_hostile_text_is_escaped_everywhere(hostile_result, tmp_path):
    data = saved(hostile_result)
    page = dom(render_html(data), tmp_path)
    tags = Tags(page)
    assert [a.get("type") for a, _ in tags.scripts] == ["application/json", None]
    assert not tags.find("img") and len(tags.find("style")) == 1
    handlers = [(t, k) for t, a in tags.tags for k in a if k.startswith("on")]
    assert handlers == []
    hrefs = [a["href"] for t, a in tags.tags if t == "a"]
    assert hrefs and all(h.startswith("#") or h.startswith("https://") for h in hrefs)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "javascript:window.__pwned=11" in page  # shown as text, never as a link
    data_json = Tags(render_html(data)).scripts[0][1]
    assert not set("<>&") & set(data_json)
    assert '<i onclick="window.__pwned=12">City Wire</i>' in json.loads(data_json)["o"]


@pytest.mark.parametrize("fixture", ["quotes_result", "hostile_result"])
def test_arabic_passages_are_laid_out_right_to_left(request, fixture, tmp_path):
    data = saved(request.getfixturevalue(fixture))
    tags = Tags(dom(render_html(data), tmp_path))
    arabic = [p for g in data["duplicate_groups"] for p in g["passages"] if p["lang"] == "ar"]
    rendered = [a for a in tags.find("blockquote", class_="passage-text") if a.get("lang") == "ar"]
    assert len(rendered) == len(arabic) > 0
    assert all(a.get("dir") == "rtl" for a in rendered)
    assert all(a.get("dir") == "ltr" for a in tags.find("blockquote", class_="passage-text") if a.get("lang") == "en")


def test_quotes_section_only_when_the_report_has_quotes(quotes_result, tmp_path):
    data = saved(quotes_result)
    if not data.get("quotes"):  # before issue 6 lands: the agreed shape
        data["quotes"] = [copy.deepcopy(AGREED_QUOTE)]
    page = dom(render_html(data), tmp_path)
    tags = Tags(page)
    assert tags.find("section", id="quotes")
    assert len(tags.find("article", class_="quote item")) == len(data["quotes"])
    named = {q["speaker"] for q in data["quotes"] if q["speaker"]}
    options = re.search(r'<select id="filter-speaker">(.*?)</select>', page, flags=re.S).group(1)
    offered = {html.unescape(value) for value in re.findall(r'<option value="([^"]*)">', options)}
    assert named and named <= offered  # as the browser serialises them: an apostrophe is left unescaped
    without = {k: v for k, v in data.items() if k != "quotes"}
    assert not Tags(render_html(without)).find("section", id="quotes")


@pytest.mark.slow  # `cluster run` loads the real model itself
def test_run_and_report_write_the_same_page(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    result = runner.invoke(app, ["run", str(HOSTILE), "-f", "json", "--html", str(tmp_path / "run.html")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["articles"] == 7  # stdout stays the normal report
    assert f"wrote {tmp_path / 'run.html'}" in result.stderr
    (tmp_path / "run.json").write_text(result.stdout, encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "run.json"), "--html", str(tmp_path / "again.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "run.html").read_bytes() == (tmp_path / "again.html").read_bytes()
    result = runner.invoke(app, ["run", "--quiet", "--html", str(tmp_path / "sample.html")])
    assert result.exit_code == 0 and result.stdout.startswith("Corpus: 5 articles") and result.stderr == ""


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "no such file"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b"[1, 2]", "not a cluster report"),
        (b'{"articles": []}', "(schema_version: field required; 9 more problems)"),
        (b'{"schema_version": "2.0", "summary": {}, "articles": [], "duplicate_groups": [], "stories": [], "storylines": []}',
         "unsupported schema_version"),
        (b'{"schema_version": "1.0", "summary": {}, "articles": [{"title": "x"}], "duplicate_groups": [], "stories": [], "storylines": []}',
         "(model: field required; "),
    ],
)
def test_report_command_rejects_bad_files_in_one_line(tmp_path, content, reason):
    """The first problem the contract's model finds, named by where it is and why, on one line."""
    path = tmp_path / "run.json"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(app, ["report", str(path), "--html", str(tmp_path / "out.html")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: ") and reason in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists()


def test_report_command_names_the_field_of_a_broken_saved_report(tmp_path, hostile_result):
    data = saved(hostile_result)
    del data["articles"][0]["id"]
    data["duplicate_groups"][0]["pairs"][0]["match_type"] = "copied"
    path = tmp_path / "run.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(path), "--csv", str(tmp_path / "csv")])
    assert result.exit_code == 2
    assert "not a cluster report (articles[0].id: field required; 1 more problem)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "csv").exists()


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'")
    with sync_api.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
            headless=True, viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(30_000)
        yield context
        context.close()


def open_report(browser, data: dict[str, Any], path: Path):
    """Write the page, open it from disk as a user would, and collect script errors and CSP reports."""
    path.write_text(render_html(data), encoding="utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(path.as_uri())
    return page, problems


def visible_ids(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => !e.hidden).map(e => e.id)")


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_hostile_report_runs_no_injected_code(browser, hostile_result, tmp_path):
    data = saved(hostile_result)
    page, problems = open_report(browser, data, tmp_path / "hostile.html")
    screenshot(page, "hostile-report.png")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(f"document.querySelectorAll({json.dumps(INJECTED)}).length") == 0
    assert page.evaluate("document.scripts.length") == 2
    assert problems == []
    assert len(visible_ids(page, "article.story")) == len(data["stories"])
    assert len(visible_ids(page, "article.group")) == len(data["duplicate_groups"])
    directions = page.eval_on_selector_all(
        "blockquote.passage-text[lang=ar]", "els => els.map(e => [e.getAttribute('dir'), getComputedStyle(e).direction])")
    assert directions and all(d == ["rtl", "rtl"] for d in directions)
    page.close()


def test_search_and_outlet_filter_hide_what_does_not_match(browser, hostile_result, tmp_path):
    data = saved(hostile_result)
    page, problems = open_report(browser, data, tmp_path / "hostile.html")
    anchors = {s["id"]: f"story-{k + 1}" for k, s in enumerate(data["stories"])}
    titles = {a["id"]: a["title"] for a in data["articles"]}
    page.fill("#filter-text", "الخرطوم")
    expected = [anchors[s["id"]] for s in data["stories"] if any("الخرطوم" in titles[a] for a in s["articles"])]
    assert 0 < len(expected) < len(data["stories"])
    assert visible_ids(page, "article.story") == expected
    page.click("#filter-clear")
    page.select_option("#filter-outlet", "example.org")
    outlets = {a.id: outlet(a) for a in Report.model_validate(data).articles}
    expected = [anchors[s["id"]] for s in data["stories"] if any(outlets[a] == "example.org" for a in s["articles"])]
    assert 0 < len(expected) < len(data["stories"])
    assert visible_ids(page, "article.story") == expected
    groups = [f"group-{k + 1}" for k, g in enumerate(data["duplicate_groups"])
              if any(outlets[p["article"]] == "example.org" for p in g["passages"])]
    assert visible_ids(page, "article.group") == groups
    page.fill("#filter-text", "no article says this")
    assert visible_ids(page, "article.story") == [] and page.is_visible("#stories .no-match")
    page.click("#filter-clear")
    assert len(visible_ids(page, "article.story")) == len(data["stories"])
    assert problems == []
    page.close()


def test_sample_report_in_the_browser(browser, seeds_result, tmp_path):
    data = saved(seeds_result)
    page, problems = open_report(browser, data, tmp_path / "sample.html")
    screenshot(page, "sample-report.png")
    assert problems == []
    assert len(visible_ids(page, "article.story")) == 5
    labels = page.eval_on_selector_all("article.story h3", "els => els.map(e => getComputedStyle(e).direction)")
    assert labels == ["rtl"] * 5  # all five sample articles are Arabic
    page.check("#filter-several")
    several = [f"story-{k + 1}" for k, s in enumerate(data["stories"]) if len(s["articles"]) > 1]
    assert visible_ids(page, "article.story") == several
    assert page.is_visible("#stories .no-match") == (not several)
    page.close()


def test_speaker_filter_on_the_quotes_corpus(browser, quotes_result, tmp_path):
    data = saved(quotes_result)
    if not data.get("quotes"):
        data["quotes"] = [copy.deepcopy(AGREED_QUOTE)]
    page, problems = open_report(browser, data, tmp_path / "quotes.html")
    speaker = next(q["speaker"] for q in data["quotes"] if q["speaker"])
    page.select_option("#filter-speaker", speaker)
    shown = visible_ids(page, "article.quote")
    assert shown == [f"quote-{k + 1}" for k, q in enumerate(data["quotes"]) if q["speaker"] == speaker]
    quoted_in = {i["article"] for q in data["quotes"] if q["speaker"] == speaker for i in q["instances"]}
    expected = [f"story-{k + 1}" for k, s in enumerate(data["stories"]) if set(s["articles"]) & quoted_in]
    assert visible_ids(page, "article.story") == expected
    assert problems == []
    page.close()


def test_a_part_of_a_quote_shows_the_clause_it_carries(browser, quotes_result, tmp_path):
    # one outlet quotes the envoy's two statements as one quote, another the first alone: the reader sees which
    # clause of the source the part was matched to, as the text report prints it
    data = saved(quotes_result)
    quote = copy.deepcopy(AGREED_QUOTE)
    source = "While the mediators have made a great effort, and that Hamas does not appear to be coordinated"
    quote["instances"][0].update(text=source, end=327 + len(source))
    clause = (0, source.index(", and that"))
    quote["instances"][1].update(part=True, part_of=list(clause))
    data["quotes"] = [quote]
    page, problems = open_report(browser, data, tmp_path / "parts.html")
    rows = page.eval_on_selector_all("article.quote table.instances tr", "els => els.map(e => e.innerText)")
    part = next(r for r in rows if "رغم الجهود" in r)
    assert "part of the quote: While the mediators have made a great effort" in " ".join(part.split())
    assert page.eval_on_selector("q.clause", "e => e.dir") == "ltr"
    assert problems == []
    page.close()


def test_chromium_command_line_dom_has_no_injected_elements(hostile_result, tmp_path):
    """The same check with chromium alone (no playwright): the DOM after scripts ran, as --dump-dom prints it."""
    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    page = tmp_path / "hostile.html"
    page.write_text(render_html(saved(hostile_result)), encoding="utf-8")
    profile = tmp_path / "profile"
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    tags = Tags(dom)
    stories, groups = len(hostile_result.stories.stories), len(hostile_result.groups)  # one item each, no more
    assert len(tags.find("article", class_="story item")) == stories
    assert len(tags.find("article", class_="group item")) == groups == 3
    assert not tags.find("img") and [t for t, a in tags.tags if any(k.startswith("on") for k in a)] == []
    assert len(tags.scripts) == 2


def test_highlights_after_an_emoji_land_on_the_shared_words(browser, hostile_result, tmp_path):
    """The page finds and slices words in UTF-16 units (JavaScript): an emoji or a flag before a shared word
    must not shift its highlight; an Arabic copy written without the hamza still shares its words. (The marks
    the page drew before it computed them itself, from the same texts.)"""
    data = saved(hostile_result)
    group = data["duplicate_groups"][0]
    english = "🇺🇸 Witkoff said 🎉 the ceasefire in Gaza holds"
    arabic = ["قال المبعوث إن وقف إطلاق النار في غزة صامد", "قال المبعوث ان وقفُ اطلاق النار بغزة صامد"]
    group["passages"] = [{**group["passages"][0], "text": english, "lang": "en"},
                         {**group["passages"][1], "text": "Gaza: the ceasefire holds, Witkoff said", "lang": "en"},
                         {**group["passages"][0], "text": arabic[0], "lang": "ar"},
                         {**group["passages"][1], "text": arabic[1], "lang": "ar"}]
    data["duplicate_groups"] = [group]
    page, problems = open_report(browser, data, tmp_path / "emoji.html")
    marks = page.eval_on_selector_all("article.group blockquote.passage-text", "els => els.map("
                                      "e => [...e.querySelectorAll('mark')].map(m => m.textContent))")
    assert problems == []
    assert marks[:2] == [["Witkoff", "ceasefire", "Gaza holds"], ["Gaza", "ceasefire holds, Witkoff"]]  # no stop words
    assert marks[2:] == [["المبعوث", "إطلاق النار", "صامد"], ["المبعوث", "اطلاق النار", "صامد"]]  # hamza folded
    page.close()


def test_a_copy_front_coded_after_an_emoji_decodes_to_its_text():
    """The page rebuilds a copy as the earlier text's first N UTF-16 units plus the rest (JavaScript slicing)."""
    from cluster.report.html.data import Texts

    first = "🇺🇸🎉 US envoy Steve Witkoff said on Saturday that the Hamas response to the proposal was unacceptable."
    copy = first.replace("unacceptable.", "unacceptable and set the talks back.")
    texts = Texts()
    texts(first), texts(copy)
    earlier, units, rest = texts.table()[1]
    prefix = texts.items[earlier].encode("utf-16-le")[: 2 * units].decode("utf-16-le")
    assert prefix + rest == copy
