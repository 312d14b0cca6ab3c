"""Evaluation metrics, gold loading, duplicate matching and the model-free baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cluster.evaluation.baselines import as_result, minhash_duplicates, read_docs, split_paragraphs, tfidf_stories
from cluster.evaluation.data import eval_set, missing_reason
from cluster.evaluation.scores import (
    Gold,
    GoldPair,
    GoldPassage,
    PredPair,
    check_ids,
    evaluate,
    load_gold,
    locate,
    pairs_from_result,
    score_duplicates,
    score_stories,
)

ECB, NTREX = eval_set("ecbplus-dev"), eval_set("ntrex-ar-en-dev")
needs_ecb = pytest.mark.skipif(ECB is None, reason=missing_reason("ecbplus-dev"))
needs_ntrex = pytest.mark.skipif(NTREX is None, reason=missing_reason("ntrex-ar-en-dev"))


# ----------------------------------------------------------------------------------- dev sets
def test_dev_sets_are_found_where_the_environment_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cluster.evaluation.bench import source_files

    monkeypatch.setenv("NEWS_CLUSTER_EVAL", str(tmp_path))
    assert eval_set("ecbplus-dev") is None
    assert str(tmp_path) in missing_reason("ecbplus-dev") and "NEWS_CLUSTER_EVAL" in missing_reason("ecbplus-dev")
    (tmp_path / "ecbplus-dev").mkdir()
    (tmp_path / "ecbplus-dev" / "docs.jsonl").write_text("", encoding="utf-8")
    assert eval_set("ecbplus-dev") == tmp_path / "ecbplus-dev"
    with pytest.raises(FileNotFoundError, match="'ntrex-ar-en-dev' not found under"):
        source_files()  # the benchmark names the set it lacks, not a path of some machine


# ------------------------------------------------------------------------------------- stories
def test_bcubed_hand_computed() -> None:
    # precision per doc: a 1, b 1, c 1/2, d 1/2 -> 3/4; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    s = score_stories([["a", "b"], ["c", "d"]], [["a", "b", "c"], ["d"]])
    assert s.precision == pytest.approx(3 / 4)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(12 / 17)
    assert (s.n_docs, s.n_predicted, s.n_gold) == (4, 2, 2)


def test_perfect_and_degenerate_partitions() -> None:
    gold = [["a", "b", "c"], ["d"]]
    perfect = score_stories([["d"], ["c", "b", "a"]], gold)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    assert perfect.ari == pytest.approx(1.0) and perfect.nmi == pytest.approx(1.0)
    singletons = score_stories([["a"], ["b"], ["c"], ["d"]], gold)
    assert singletons.precision == 1.0 and singletons.recall == pytest.approx(0.5)
    one = score_stories([["a", "b", "c", "d"]], gold)
    assert one.precision == pytest.approx(10 / 16) and one.recall == 1.0


def test_missing_docs_are_singletons_and_extra_docs_ignored() -> None:
    s = score_stories([["a", "b", "x"]], [["a", "b", "c"], ["d"]])
    assert (s.n_missing, s.n_ignored) == (2, 1)
    assert s.precision == 1.0  # x is not in the gold, so it does not dilute {a, b}
    assert s.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert s.to_dict()["bcubed_f1"] == pytest.approx(s.f1)


def test_prediction_must_be_a_partition() -> None:
    with pytest.raises(ValueError, match="'a' is in clusters 0 and 1"):
        score_stories([["a"], ["a", "b"]], [["a", "b"]])


# ---------------------------------------------------------------------------------- duplicates
TEXTS = {
    "d1": "Intro line.\n\nThe minister resigned on Monday after the vote.\n\nOther news.",
    "d2": "Elsewhere.\n\nThe  minister resigned on Monday after the vote.",
    "d3": "Unrelated text about weather and rain all week long.",
}
LANGS = {"d1": "en", "d2": "en", "d3": "en"}
SENT = "The minister resigned on Monday after the vote."
S1 = TEXTS["d1"].index(SENT)


def _gold(with_offsets: bool, kind: str = "verbatim") -> GoldPair:
    s2 = TEXTS["d2"].index("The  minister")
    if with_offsets:
        a = GoldPassage("d1", SENT, S1, S1 + len(SENT))
        return GoldPair(a, GoldPassage("d2", "", s2, len(TEXTS["d2"])), kind)
    return GoldPair(GoldPassage("d1", SENT), GoldPassage("d2", SENT), kind)  # d2 differs by a double space


def _pred(shift: int = 0, kind: str = "verbatim", swap: bool = False) -> PredPair:
    s2 = TEXTS["d2"].index("The  minister")
    a, b = ("d1", S1 + shift, S1 + len(SENT) + shift), ("d2", s2, len(TEXTS["d2"]))
    return PredPair(*(b + a if swap else a + b), kind, 0.9)


@pytest.mark.parametrize("with_offsets", [True, False])
def test_match_with_and_without_offsets(with_offsets: bool) -> None:
    scores = score_duplicates([_pred()], [_gold(with_offsets)], TEXTS, LANGS)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert scores.unlocated_gold == 0
    swapped = score_duplicates([_pred(swap=True)], [_gold(with_offsets)], TEXTS, LANGS)
    assert swapped.recall == 1.0


def test_overlap_boundary_is_half_of_the_shorter() -> None:
    gold = [GoldPair(GoldPassage("d1", "", 0, 10), GoldPassage("d2", "", 0, 10), "edited")]
    at_half = PredPair("d1", 5, 15, "d2", 0, 10, "edited", 1.0)  # 5 of 10 characters
    below = PredPair("d1", 6, 16, "d2", 0, 10, "edited", 1.0)  # 4 of 10
    inside = PredPair("d1", 2, 6, "d2", 0, 40, "edited", 1.0)  # short span fully inside: 4 of 4
    assert score_duplicates([at_half], gold, TEXTS, LANGS).recall == 1.0
    assert score_duplicates([below], gold, TEXTS, LANGS).recall == 0.0
    assert score_duplicates([inside], gold, TEXTS, LANGS).recall == 1.0
    wrong_docs = PredPair("d1", 0, 10, "d3", 0, 10, "edited", 1.0)
    assert score_duplicates([wrong_docs], gold, TEXTS, LANGS).precision == 0.0


def test_gold_pair_matched_once() -> None:
    scores = score_duplicates([_pred(), _pred(shift=1, swap=True)], [_gold(False)], TEXTS, LANGS)
    assert scores.overall.matched_gold == 1 and scores.overall.matched_predicted == 1
    assert scores.precision == 0.5 and scores.recall == 1.0


def test_assignment_prefers_more_matches_over_greedy_overlap() -> None:
    # p0 fits g0 (0.9) and g1 (0.6); p1 only g0 (0.6). Greedy best-first takes p0-g0 and stops at 1.
    gold = [GoldPair(GoldPassage("d1", "", 10, 20), GoldPassage("d2", "", 0, 10), "edited"),
            GoldPair(GoldPassage("d1", "", 15, 25), GoldPassage("d2", "", 0, 10), "edited")]
    preds = [PredPair("d1", 11, 21, "d2", 0, 10, "edited", 1.0), PredPair("d1", 4, 16, "d2", 0, 10, "edited", 1.0)]
    assert score_duplicates(preds, gold, TEXTS, LANGS).overall.matched_gold == 2


def test_types_and_language_pairs_are_attributed() -> None:
    texts = {**TEXTS, "ar1": "قال الوزير إنه استقال يوم الاثنين."}
    translation = GoldPair(GoldPassage("d1", SENT), GoldPassage("ar1", texts["ar1"]), "translation")
    gold = [_gold(False, "verbatim"), translation]
    preds = [_pred(kind="edited"), PredPair("d3", 0, 10, "ar1", 0, 10, "translation", 0.8)]
    scores = score_duplicates(preds, gold, texts, LANGS)  # ar1 has no entry in langs: script decides
    assert scores.by_type["verbatim"].recall == 1.0 and scores.by_type["verbatim"].precision == 0.0
    assert scores.by_type["edited"].precision == 1.0 and scores.by_type["edited"].recall is None
    assert scores.by_type["translation"].precision == 0.0 and scores.by_type["translation"].recall == 0.0
    assert scores.type_confusion == {"verbatim": {"edited": 1}}
    assert scores.by_language_pair["en-en"].f1 == 1.0
    assert scores.by_language_pair["ar-en"].recall == 0.0


def test_locate_falls_back_to_normalised_then_fuzzy() -> None:
    text = "Header\n\nThe  Minister   resigned\non Monday.\n\nالوزير استقال"
    (span,) = locate(text, "the minister resigned on monday.")
    assert text[span[0]:span[1]] == "The  Minister   resigned\non Monday."
    (span,) = locate(text, "الوَزِير اسْتقال")  # diacritics folded by textnorm.normalize
    assert text[span[0]:span[1]] == "الوزير استقال"
    (span,) = locate(text, "The Minister resigned on Mondey.")  # typo: fuzzy alignment
    assert "resigned" in text[span[0]:span[1]]
    assert locate(text, "something else entirely, nowhere in the text") == ()
    assert locate("a b. a b.", "a b.") == ((0, 4), (5, 9))  # every occurrence


# ---------------------------------------------------------------------------------- gold & ids
def _write(tmp_path: Path, payload: object) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return path


def test_load_gold_reads_a_valid_file(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path, {"name": "t", "stories": [["d1", "d2"], ["d3"]], "duplicates": [
        {"a": {"doc": "d1", "text": SENT}, "b": {"doc": "d2", "text": "x", "start": 0, "end": 5},
         "type": "edited", "extra": 1}]}))
    assert gold.name == "t" and gold.stories == [["d1", "d2"], ["d3"]]
    assert gold.duplicates[0].b == GoldPassage("d2", "x", 0, 5) and gold.doc_ids == {"d1", "d2", "d3"}
    assert load_gold(tmp_path).name == "t"  # the set folder works too


@pytest.mark.parametrize(("payload", "message"), [
    ("{not json", r"not valid JSON \(line 1"),
    ([], "top level must be an object"),
    ({"stories": [["a"], ["a", "b"]]}, "'a' is in clusters 0 and 1"),
    ({"stories": [[]]}, r"stories\[0\]: expected a non-empty list"),
    ({"duplicates": [{"a": {"doc": "a", "text": "t"}, "b": {"doc": "b", "text": "t"}, "type": "copy"}]},
     r"duplicates\[0\]: expected 'a', 'b' and a 'type'"),
    ({"duplicates": [{"a": {"text": "t"}, "b": {"doc": "b", "text": "t"}, "type": "edited"}]},
     r"duplicates\[0\]\.a\.doc: expected a non-empty string"),
    ({"duplicates": [{"a": {"doc": "a", "text": "t", "start": 3}, "b": {"doc": "b", "text": "t"},
                      "type": "edited"}]}, r"duplicates\[0\]\.a: give both 'start' and 'end'"),
    ({"duplicates": [{"a": {"doc": "a", "text": "t", "start": 5, "end": 2}, "b": {"doc": "b", "text": "t"},
                      "type": "edited"}]}, "0 <= start < end"),
    ({"duplicates": [{"a": {"doc": "a", "text": ""}, "b": {"doc": "b", "text": "t"}, "type": "edited"}]},
     "needs a non-empty 'text'"),
    ({"duplicates": [{"a": {"doc": "a", "text": "t"}, "b": {"doc": "a", "text": "u"}, "type": "edited"}]},
     "must span two documents"),
])
def test_load_gold_rejects_malformed_files(tmp_path: Path, payload: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_gold(_write(tmp_path, payload))


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read gold file"):
        load_gold(tmp_path / "nope.json")


def test_unknown_ids_are_named_and_counted() -> None:
    gold = Gold("g", [[f"x{i}"] for i in range(7)] + [["d1"]], [])
    expected = r"names 7 article id\(s\) not in the run: x0, x1, x2, x3, x4 \(and 2 more\)"
    with pytest.raises(ValueError, match=expected):
        check_ids(gold, ["d1", "d2"])
    check_ids(Gold("g", [["d1"]], [_gold(False)]), ["d1", "d2", "d9"])  # extra run articles are fine
    with pytest.raises(ValueError, match="1 article id"):
        evaluate({"articles": [{"id": "d1"}], "stories": [], "duplicate_groups": []},
                 Gold("g", [["d1", "d2"]], []), TEXTS, LANGS)


# ------------------------------------------------------------------------------- run contract
def _result() -> dict:
    s2 = TEXTS["d2"].index("The  minister")
    passages = [{"article": "d1", "text": SENT, "start": S1, "end": S1 + len(SENT), "lang": "en"},
                {"article": "d2", "text": "", "start": s2, "end": len(TEXTS["d2"]), "lang": "en"}]
    pair = {"a": 0, "b": 1, "similarity": 0.97, "lexical_overlap": 1.0, "match_type": "verbatim"}
    return {"articles": [{"id": d} for d in TEXTS],
            "stories": [{"id": "s1", "label": "x", "articles": ["d1", "d2"]},
                        {"id": "s2", "label": "y", "articles": ["d3"]}],
            "duplicate_groups": [{"id": "D1", "passages": passages, "pairs": [pair, {**pair, "a": 1, "b": 0}]}],
            "storylines": []}


def test_pairs_from_result_expands_and_deduplicates() -> None:
    pairs = pairs_from_result(_result())
    assert len(pairs) == 1 and pairs[0].doc_a == "d1" and pairs[0].match_type == "verbatim"
    bad = _result()
    bad["duplicate_groups"][0]["pairs"][0]["b"] = 7
    with pytest.raises(ValueError, match=r"duplicate_groups\[0\] \(id 'D1'\)\.pairs\[0\]\.b: 7"):
        pairs_from_result(bad)


def test_evaluate_end_to_end_is_json_ready() -> None:
    gold = Gold("toy", [["d1", "d2"], ["d3"]], [_gold(False)])
    report = evaluate(_result(), gold, TEXTS, LANGS)
    assert report.stories is not None and report.stories.f1 == 1.0
    assert report.duplicates is not None and report.duplicates.f1 == 1.0
    data = json.loads(json.dumps(report.to_dict()))
    assert data["counts"]["predicted_pairs"] == 1 and data["duplicates"]["by_language_pair"]["en-en"]["f1"] == 1.0
    no_dups = evaluate(_result(), Gold("toy", [["d1", "d2"], ["d3"]], []), TEXTS, LANGS)
    assert no_dups.duplicates is None and no_dups.to_dict()["duplicates"] is None


# ---------------------------------------------------------------------------------- baselines
def test_split_paragraphs_keeps_exact_offsets() -> None:
    text = "  One.\n\nTwo two.\n\n\n\nThree "
    paras = split_paragraphs("d", text)
    assert [p[3] for p in paras] == ["One.", "Two two.", "Three"]
    assert all(text[s:e] == t for _, s, e, t in paras)


def test_minhash_pairs_cross_documents_only() -> None:
    long = "the committee approved the new budget for schools and hospitals on tuesday evening"
    paras = [("a", 0, len(long), long), ("a", 100, 100 + len(long), long),
             ("b", 0, len(long), long.upper() + "!"), ("c", 0, 10, long.replace("tuesday", "friday")),
             ("d", 0, 5, "too short")]
    pairs = minhash_duplicates(paras)
    kinds = {(p.doc_a, p.doc_b): p.match_type for p in pairs}
    assert ("a", "a") not in kinds and kinds[("a", "b")] == "verbatim" and kinds[("a", "c")] == "edited"
    assert not any("d" in (p.doc_a, p.doc_b) for p in pairs)


def _ecb_topics(topics: set[str]) -> tuple[list[dict], Gold]:
    raw = json.loads((ECB / "gold.json").read_text(encoding="utf-8"))
    keep = {doc for doc, f in raw["doc_files"].items() if f.split("_")[0] in topics}
    docs = [d for d in read_docs(ECB) if d["id"] in keep]
    gold = load_gold(ECB)
    stories = [s for s in (gold.stories or []) if s[0] in keep]
    pairs = [g for g in gold.duplicates if g.a.doc in keep]
    return docs, Gold("ecb-slice", stories, pairs)


@needs_ecb
def test_baselines_on_two_ecb_topics() -> None:
    docs, gold = _ecb_topics({"1", "2"})
    assert len(gold.stories or []) == 4 and len(docs) > 40
    texts, langs = {d["id"]: d["text"] for d in docs}, {d["id"]: d["lang"] for d in docs}
    stories = tfidf_stories([(d["id"], d["text"]) for d in docs])
    pairs = minhash_duplicates([p for d in docs for p in split_paragraphs(d["id"], d["text"])])
    report = evaluate(as_result(docs, stories, pairs), gold, texts, langs)
    # two topics alone give other IDF weights than the full set (F1 0.871 there): pure but split
    assert report.stories is not None and report.stories.precision > 0.95 and report.stories.f1 > 0.7
    assert report.duplicates is not None and report.duplicates.recall == 1.0  # gold = verbatim paragraphs
    assert report.duplicates.unlocated_gold == 0 and report.duplicates.by_type["verbatim"].precision > 0.5


@needs_ntrex
def test_tfidf_cannot_pair_translations_on_ntrex_slice() -> None:
    docs = read_docs(NTREX)[:20]
    stories = tfidf_stories([(d["id"], d["text"]) for d in docs])
    assert sorted(d for s in stories for d in s) == sorted(d["id"] for d in docs)
    assert all(len({next(x["lang"] for x in docs if x["id"] == d) for d in s}) == 1 for s in stories)
    assert minhash_duplicates([p for d in docs for p in split_paragraphs(d["id"], d["text"])]) == []


def test_quote_groups_that_join_two_gold_stories_are_counted_and_shown() -> None:
    from cluster.evaluation.assess import Assessment, render_assessment

    gold = Gold("two-visits", [["feb-ar", "feb-en"], ["mar-ar", "mar-en"]], [])
    texts = {k: "" for k in ("feb-ar", "feb-en", "mar-ar", "mar-en")}

    def instance(article: str, lang: str, text: str) -> dict:
        return {"article": article, "lang": lang, "text": text}

    result = {"stories": [], "quotes": [
        {"instances": [instance("feb-ar", "ar", "الرئيس يريد هدنة تبدأ خلال أسبوعين"),
                       instance("feb-en", "en", "the President wants a truce within two weeks"),
                       instance("mar-en", "en", "the President wants the second crossing open within two weeks")]},
        {"instances": [instance("mar-ar", "ar", "المحادثات كانت بناءة"),
                       instance("mar-en", "en", "the talks had been constructive"),
                       instance("mar-en", "en", "constructive")]},
    ]}
    report = evaluate(result, gold, texts, {})
    assert report.quotes is not None
    assert (report.quotes.pairs, report.quotes.translations) == (5, 4)
    assert (report.quotes.crossing, report.quotes.crossing_translations) == (2, 1)
    assert report.to_dict()["quotes"]["crossing_examples"][0]["b"] == "mar-en"
    text = render_assessment(Assessment(report, report, {"tool_pipeline": 0.0, "baseline_tfidf_stories": 0.0,
                                                         "baseline_minhash_duplicates": 0.0}), "two-visits")
    assert "2 join two gold stories (1 across languages)" in text
    assert "the second crossing open" in text
    assert evaluate({"stories": []}, gold, texts, {}).quotes is None  # a run without quotes says nothing
