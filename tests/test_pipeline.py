"""End to end with the real model: what an editor checks on the sample and on a built quote corpus."""

from __future__ import annotations

import datetime as dt

import numpy as np

from cluster.documents import SegmentKind
from cluster.report.terminal import render_text, to_json

WITKOFF_AR = "رغم الجهود الكبيرة التي بذلها الوسطاء، لا يبدو أن حماس حسنة النية"
WITKOFF_EN = "Hamas does not appear to be acting in good faith"


def _group_with(result, needle):
    return [g for g in result.groups if any(needle in p.text for p in g.passages)]


def test_seeds_are_five_dated_articles(seeds_result):
    dates = {a.id: a.date for a in seeds_result.articles}
    assert dates == {
        "000_ea44e2c584543728.txt": dt.date(2023, 11, 28),
        "001_e7c0e6484bedda40.txt": dt.date(2024, 9, 13),
        "002_fd5af0361ac50746.txt": None,
        "003_f43ac9fcd8114102.txt": dt.date(2025, 11, 5),
        "004_d816d484b0658707.txt": dt.date(2026, 3, 23),
    }


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
    kinds = [s.kind for s in seeds_result.segments["000_ea44e2c584543728.txt"]]
    assert kinds.count(SegmentKind.RELATED) >= 5


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


def test_json_offsets_point_into_article_text(quotes_result, seeds_result):
    for result in (quotes_result, seeds_result):
        data = to_json(result)
        texts = {a["id"]: a for a in data["articles"]}
        for article in data["articles"]:
            for seg in article["segments"]:
                assert seg["kind"] in {"body", "boilerplate", "related"}
        source = {a.id: a.text for a in result.articles}
        for article in data["articles"]:
            for seg in article["segments"]:
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


def test_text_report_names_the_evidence(quotes_result):
    text = render_text(quotes_result)
    assert text.index("Duplicate passages") < text.index("Stories")
    assert "translation" in text and "en_outlet_c.txt" in text
    assert "shared passages: D1" in text


def test_second_run_embeds_nothing(run_corpus, use_encoder, tmp_path):
    calls = []

    class Counting:
        def encode(self, sentences, **kwargs):
            calls.append(len(sentences))
            return use_encoder.encode(sentences, **kwargs)

    from tests.conftest import QUOTES

    first = run_corpus(QUOTES, encoder=Counting(), cache_dir=str(tmp_path))
    embedded_first = sum(calls)
    calls.clear()
    second = run_corpus(QUOTES, encoder=Counting(), cache_dir=str(tmp_path))
    assert embedded_first > 0 and sum(calls) == 0
    assert [g.articles for g in first.groups] == [g.articles for g in second.groups]


def test_second_run_never_loads_the_model(run_corpus, tmp_path, monkeypatch):
    """A re-run over a corpus whose passages are all cached starts without loading torch's model."""
    import models
    from cluster.config import Config
    from cluster.pipeline import run_pipeline
    from tests.conftest import QUOTES

    first = run_corpus(QUOTES, cache_dir=str(tmp_path))

    def no_model(name):
        raise AssertionError(f"model {name} loaded although every passage was cached")

    monkeypatch.setattr(models, "load_encoder", no_model)
    second = run_pipeline(QUOTES, Config(cache_dir=tmp_path))
    assert [g.articles for g in second.groups] == [g.articles for g in first.groups]
    assert [s.articles for s in second.stories.stories] == [s.articles for s in first.stories.stories]


def test_json_report_serialises_a_run_with_a_cache_directory(quotes_result):
    import json

    assert quotes_result.config.cache_dir is not None  # a Path: must come out as a string
    data = json.loads(json.dumps(to_json(quotes_result), ensure_ascii=False))
    assert data["config"]["cache_dir"] == str(quotes_result.config.cache_dir)


def test_article_vectors_ignore_boilerplate(seeds_result):
    # Sanity: the sample's boilerplate is never part of a duplicate or a story body.
    for group in seeds_result.groups:
        assert all(p.kind is not SegmentKind.BOILERPLATE for p in group.passages)
    assert np.isfinite(sum(seeds_result.timings.values()))


def test_edited_reuse_inside_unrelated_articles_is_found_as_edited(edited_result):
    groups = {frozenset(g.articles): g for g in edited_result.groups}
    # Clauses reordered (lira_economy) and synonyms substituted (charity_convoy) from seed 002.
    shuffled = groups[frozenset({"002_fd5af0361ac50746.txt", "lira_economy.txt", "charity_convoy.txt"})]
    assert {p.match_type.value for p in shuffled.pairs} == {"edited"}
    # Seed 001's lead rewritten with its sentences merged and reordered, inside a forum report.
    rewritten = groups[frozenset({"001_e7c0e6484bedda40.txt", "ankara_forum.txt"})]
    assert [p.match_type.value for p in rewritten.pairs] == ["edited"]
    assert len(edited_result.groups) == 2


def test_one_reused_passage_does_not_make_hosts_the_same_story(edited_result):
    assert all(s.size == 1 for s in edited_result.stories.stories)
