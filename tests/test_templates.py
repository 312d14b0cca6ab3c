"""Site templates on pages pasted from outlets (tests/data/outlets, built by scripts/make_outlets.py):
the outlet's furniture is never a title, a duplicate, or a story signal; a copied wire paragraph is."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from cluster.config import Config
from cluster.documents import SegmentKind
from cluster.ingest.readers import load_corpus
from cluster.segment.boilerplate import line_key
from cluster.segment.stage import segment_pages

OUTLETS = Path(__file__).resolve().parent / "data" / "outlets"
DEV = OUTLETS / "dev"


def _gold(folder: Path = DEV) -> dict:
    return json.loads((folder / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_pages():
    articles = load_corpus(DEV / "docs.jsonl").articles
    return articles, segment_pages(articles, Config())


def _kind_of(segments, line: str) -> SegmentKind:
    return next(s.kind for s in segments if line in s.text)


def test_outlet_name_is_not_the_title(dev_pages) -> None:
    articles, pages = dev_pages
    assert {a.title for a in articles} >= {"The Daily Meridian", "شبكة الأخبار العربية"}  # what ingest reads
    titles = {a.id: a.title for a in pages.retitled(articles)}
    assert titles == _gold()["headlines"]


def test_footer_teasers_and_newsletter_are_boilerplate(dev_pages) -> None:
    _, pages = dev_pages
    for aid in ("e1-01", "e2-03", "a1-02", "a2-05"):
        for line in _gold()["furniture"][aid]:
            assert _kind_of(pages.segments[aid], line) is not SegmentKind.BODY, (aid, line)
    footer = "© 2024 The Daily Meridian. All rights reserved."
    newsletter = "Get the day's top stories delivered to your inbox every morning."
    for aid in ("e1-01", "e1-04"):
        assert _kind_of(pages.segments[aid], footer) is SegmentKind.BOILERPLATE
        assert _kind_of(pages.segments[aid], newsletter) is SegmentKind.BOILERPLATE
        assert not any(u.text == newsletter for u in pages.units if u.article_id == aid)


def test_wire_paragraph_copied_across_sites_stays_body(dev_pages) -> None:
    _, pages = dev_pages
    pair = _gold()["duplicates"][0]
    for side in (pair["a"], pair["b"]):
        assert _kind_of(pages.segments[side["doc"]], side["text"]) is SegmentKind.BODY
    assert pages.templates.site_of[pair["a"]["doc"]] != pages.templates.site_of[pair["b"]["doc"]]


def test_sites_are_the_outlets(dev_pages) -> None:
    articles, pages = dev_pages
    outlets: dict[str, set[int]] = {}
    for a in articles:
        outlets.setdefault(a.id.split("-")[0], set()).add(pages.templates.site_of[a.id])
    assert all(len(sites) == 1 for sites in outlets.values())
    assert len({next(iter(s)) for s in outlets.values()}) == len(outlets)


def test_declared_source_groups_pages_and_copies_are_not_a_site() -> None:
    articles = load_corpus(DEV / "docs.jsonl").articles
    e1 = [replace(a, source="meridian.example") for a in articles if a.id.startswith("e1-")]
    pages = segment_pages(e1, Config())
    assert len(set(pages.templates.site_of.values())) == 1 and pages.headlines
    # Three copies of one story with its headline and byline are one story copied, not a site.
    one = next(a for a in articles if a.id == "e2-02")
    copies = [replace(one, id=f"copy-{k}", source=None) for k in range(3)]
    pages = segment_pages(copies, Config())
    assert not pages.templates.template
    assert all(s.kind is SegmentKind.BODY for s in pages.segments["copy-0"] if len(s.text.split()) > 25)


def test_few_pages_teach_no_template() -> None:
    articles = [a for a in load_corpus(DEV / "docs.jsonl").articles if a.id in ("e1-01", "e1-02")]
    pages = segment_pages(articles, Config())
    assert not pages.templates.template and not pages.headlines


@pytest.mark.slow
@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_pipeline_on_outlet_pages(run_corpus, part: str) -> None:
    from cluster.evaluation.templates_eval import score_templates

    folder = OUTLETS / part
    result = run_corpus(load_corpus(folder / "docs.jsonl").articles)
    scores = score_templates(result, folder)
    assert scores.furniture_groups == 0
    assert scores.wire_found == scores.wire_gold == 1
    assert scores.headline_accuracy == 1.0
    assert scores.furniture_body <= 0.05
    story_of = {aid: s.id for s in result.stories.stories for aid in s.articles}
    gold = _gold(folder)
    singles = [s[0] for s in gold["stories"] if len(s) == 1]
    by_outlet: dict[str, list[str]] = {}
    for aid in singles:
        by_outlet.setdefault(aid.split("-")[0], []).append(aid)
    for ids in by_outlet.values():  # unrelated articles of one outlet are stories of their own
        assert len({story_of[i] for i in ids}) == len(ids)
    wire = next(s for s in gold["stories"] if len(s) == 2)
    assert story_of[wire[0]] == story_of[wire[1]]
    assert not any(line_key(a.title) in {"the daily meridian", "northgate herald"} for a in result.articles)


def test_pages_segmented_beside_context_are_segmented_as_with_it(dev_pages) -> None:
    """The store segments a batch beside its latest stored articles (``segment_pages(only=...)``): the context
    teaches the site templates and repeated lines, and the batch's segments, passages and headlines are those
    of segmenting everything, with no work spent on the context's own."""
    articles, pages = dev_pages
    batch = {a.id for a in articles[-6:]}
    alone = segment_pages(articles, Config(), only=batch)
    assert set(alone.segments) == batch
    assert alone.segments == {aid: pages.segments[aid] for aid in batch}
    assert alone.units == [u for u in pages.units if u.article_id in batch]
    assert alone.headlines == {aid: h for aid, h in pages.headlines.items() if aid in batch} and alone.headlines
    assert any(s.kind is SegmentKind.BOILERPLATE for aid in batch for s in alone.segments[aid])
