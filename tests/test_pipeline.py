"""End to end: what an editor checks on the sample and on a built quote corpus.

Tests on ``*_fake`` runs check mechanics any encoder gives (dates, offsets, caching, the story stage's
choice of paragraphs) and run in the fast tier; tests on ``*_result`` runs need the real model's
semantics (translations, stories) and are slow (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from cluster.config import Config
from cluster.documents import Article, SegmentKind
from cluster.report.terminal import render_text, to_json
from cluster.segment.stage import segment_articles
from cluster.stories.bodies import article_bodies
from tests.conftest import QUOTES
from tests.fake_encoder import FakeEncoder

WITKOFF_AR = "رغم الجهود الكبيرة التي بذلها الوسطاء، لا يبدو أن حماس حسنة النية"
WITKOFF_EN = "Hamas does not appear to be acting in good faith"


def _group_with(result, needle):
    return [g for g in result.groups if any(needle in p.text for p in g.passages)]


# --- Mechanics (fake encoder) ------------------------------------------------------------------------

def test_seeds_are_five_dated_articles(seeds_fake):
    dates = {a.id: a.date for a in seeds_fake.articles}
    assert dates == {
        "000_ea44e2c584543728.txt": dt.date(2023, 11, 28),
        "001_e7c0e6484bedda40.txt": dt.date(2024, 9, 13),
        "002_fd5af0361ac50746.txt": None,
        "003_f43ac9fcd8114102.txt": dt.date(2025, 11, 5),
        "004_d816d484b0658707.txt": dt.date(2026, 3, 23),
    }


def test_json_offsets_point_into_article_text(quotes_fake, seeds_fake):
    # The two Arabic outlets carry the Witkoff paragraph word for word: a group any encoder finds.
    assert any({"ar_outlet_a.txt", "ar_outlet_b.txt"} <= set(g.articles) for g in quotes_fake.groups)
    for result in (quotes_fake, seeds_fake):
        data = to_json(result)
        texts = {a["id"]: a for a in data["articles"]}
        source = {a.id: a.text for a in result.articles}
        for article in data["articles"]:
            for seg in article["segments"]:
                assert seg["kind"] in {"body", "boilerplate", "related"}
                assert source[article["id"]][seg["start"] : seg["end"]] == seg["text"]
        for group in data["duplicate_groups"]:
            for p in group["passages"]:
                assert p["article"] in texts
                assert source[p["article"]][p["start"] : p["end"]] == p["text"]
            for pair in group["pairs"]:
                assert 0 <= pair["a"] < len(group["passages"]) and 0 <= pair["b"] < len(group["passages"])
                assert pair["match_type"] in {"verbatim", "edited", "paraphrase", "translation"}
        members = sorted(a for s in data["stories"] for a in s["articles"])
        assert members == sorted(texts)


def test_second_run_embeds_nothing(run_fake, tmp_path):
    first_encoder, second_encoder = FakeEncoder(), FakeEncoder()
    first = run_fake(QUOTES, encoder=first_encoder, cache_dir=str(tmp_path))
    second = run_fake(QUOTES, encoder=second_encoder, cache_dir=str(tmp_path))
    assert sum(first_encoder.calls) > 0 and sum(second_encoder.calls) == 0
    assert [g.articles for g in first.groups] == [g.articles for g in second.groups]


def test_second_run_never_loads_the_model(run_fake, tmp_path, monkeypatch):
    """A re-run over a corpus whose passages are all cached starts without loading torch's model."""
    import models
    from cluster.pipeline import run_pipeline

    first = run_fake(QUOTES, cache_dir=str(tmp_path))

    def no_model(name):
        raise AssertionError(f"model {name} loaded although every passage was cached")

    monkeypatch.setattr(models, "load_encoder", no_model)
    second = run_pipeline(QUOTES, Config(cache_dir=tmp_path))
    assert [g.articles for g in second.groups] == [g.articles for g in first.groups]
    assert [s.articles for s in second.stories.stories] == [s.articles for s in first.stories.stories]


def test_json_report_serialises_a_run_with_a_cache_directory(quotes_fake):
    import json

    assert quotes_fake.config.cache_dir is not None  # a Path: must come out as a string
    data = json.loads(json.dumps(to_json(quotes_fake), ensure_ascii=False))
    assert data["config"]["cache_dir"] == str(quotes_fake.config.cache_dir)


HOST_TEXT = (Path(__file__).resolve().parent / "data" / "segment" / "arabic_read_also_host.txt").read_text("utf-8")
HOST = HOST_TEXT.split("\n", 1)[0]


def test_story_vector_is_the_mean_of_the_body_paragraphs_only():
    """A "read also" block about football must not pull a wheat-farming article towards a football story:
    the vector the story stage compares is the mean of the article's own (BODY) paragraphs."""
    article = Article(id="host", title=HOST, text=HOST_TEXT, lang="ar")
    segments, units = segment_articles([article], Config())
    kinds = {s.text: s.kind for s in segments["host"]}
    assert kinds["منتخب مصر يتأهل إلى نهائي كأس الأمم الأفريقية"] is SegmentKind.RELATED  # the data tests the filter
    encoder = FakeEncoder()
    vectors = encoder.encode([u.text for u in units])
    bodies = article_bodies([article], segments, units, vectors)

    body = [s.text for s in segments["host"] if s.kind is SegmentKind.BODY]
    assert body[0] == HOST and [s.split()[0] for s in body[1:]] == ["أعلن", "وقال", "وأضاف"]
    own = encoder.encode(body).mean(axis=0)
    np.testing.assert_allclose(bodies.vectors[0], own / np.linalg.norm(own), atol=1e-6)
    np.testing.assert_allclose(bodies.leads[0], encoder.encode([HOST])[0], atol=1e-6)
    assert bodies.counts == [4]
    assert "منتخب" not in bodies.texts[0] and bodies.texts[0].startswith(HOST)


# --- Semantics (the real model) ------------------------------------------------------------------------

def test_seeds_list_no_duplicate_a_reader_would_reject(seeds_result):
    # Five reports of five different meetings: similar headlines and background, no copied passage.
    assert seeds_result.groups == []


def test_seeds_are_five_meetings_in_one_storyline(seeds_result):
    stories = seeds_result.stories.stories
    assert sorted(len(s.articles) for s in stories) == [1, 1, 1, 1, 1]
    lines = seeds_result.stories.storylines
    assert len(lines) == 1
    by_id = {s.id: s for s in stories}
    ordered = [by_id[sid].articles[0] for sid in lines[0].stories]
    assert ordered[:4] == [
        "000_ea44e2c584543728.txt",
        "001_e7c0e6484bedda40.txt",
        "003_f43ac9fcd8114102.txt",
        "004_d816d484b0658707.txt",
    ]
    assert set(ordered) == {a.id for a in seeds_result.articles}


def test_read_also_story_does_not_label_its_host(seeds_result):
    host = next(s for s in seeds_result.stories.stories if "000_ea44e2c584543728.txt" in s.articles)
    assert "ترامب" not in " ".join(host.keywords)
    # ... although the page names him: in its "إقرأ أيضاً" block, which is another story.
    related = [s.text for s in seeds_result.segments["000_ea44e2c584543728.txt"] if s.kind is SegmentKind.RELATED]
    assert related[0].startswith("ترامب: لا أعلم") and sum("ترامب" in t for t in related) >= 2


def test_quote_found_verbatim_and_in_translation(quotes_result):
    groups = _group_with(quotes_result, WITKOFF_AR)
    assert len(groups) == 1
    group = groups[0]
    assert set(group.articles) == {"ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"}
    english = next(p for p in group.passages if p.article_id == "en_outlet_c.txt")
    assert WITKOFF_EN in english.text
    types = {
        frozenset((group.passages[p.a].article_id, group.passages[p.b].article_id)): p.match_type.value
        for p in group.pairs
    }
    assert types[frozenset(("ar_outlet_a.txt", "en_outlet_c.txt"))] == "translation"
    assert types[frozenset(("ar_outlet_a.txt", "ar_outlet_b.txt"))] in {"verbatim", "edited"}


def test_unrelated_articles_share_nothing(quotes_result):
    in_groups = {a for g in quotes_result.groups for a in g.articles}
    assert "ar_unrelated_football.txt" not in in_groups
    assert "en_unrelated_quake.txt" not in in_groups


def test_same_event_across_outlets_and_languages_is_one_story(quotes_result):
    stories = {frozenset(s.articles) for s in quotes_result.stories.stories}
    assert frozenset({"ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"}) in stories
    assert frozenset({"ar_unrelated_football.txt"}) in stories
    assert frozenset({"en_unrelated_quake.txt"}) in stories


def test_text_report_names_the_evidence(quotes_result):
    text = render_text(quotes_result)
    assert text.index("Duplicate passages") < text.index("Stories")
    assert "translation" in text and "en_outlet_c.txt" in text
    assert "shared passages: D1" in text


def test_edited_reuse_inside_unrelated_articles_is_found_as_edited(edited_result):
    groups = {frozenset(g.articles): g for g in edited_result.groups}
    # Each added article reuses one seed passage, and the seeds share none (test above): two groups only.
    assert set(groups) == {frozenset({"002_fd5af0361ac50746.txt", "lira_economy.txt", "charity_convoy.txt"}),
                           frozenset({"001_e7c0e6484bedda40.txt", "ankara_forum.txt"})}
    # Clauses reordered (lira_economy) and synonyms substituted (charity_convoy) from seed 002.
    shuffled = groups[frozenset({"002_fd5af0361ac50746.txt", "lira_economy.txt", "charity_convoy.txt"})]
    assert {p.match_type.value for p in shuffled.pairs} == {"edited"}
    # Seed 001's lead rewritten with its sentences merged and reordered, inside a forum report.
    rewritten = groups[frozenset({"001_e7c0e6484bedda40.txt", "ankara_forum.txt"})]
    assert [p.match_type.value for p in rewritten.pairs] == ["edited"]


def test_one_reused_passage_does_not_make_hosts_the_same_story(edited_result):
    assert all(s.size == 1 for s in edited_result.stories.stories)
