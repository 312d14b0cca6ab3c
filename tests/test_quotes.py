"""Quote extraction, attribution, matching across articles and languages, and the reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cluster.documents import SegmentKind
from cluster.evaluation.quote_eval import evaluate_extraction, evaluate_pairs
from cluster.report.quote_section import quotes_json
from cluster.report.terminal import render_text, to_json

DATA = Path(__file__).resolve().parent / "data"
QUOTE_CORPUS = DATA / "quote_corpus"
FIRST = "000_ea44e2c584543728.txt"


@pytest.fixture(scope="module")
def corpus_result(run_corpus):
    return run_corpus(QUOTE_CORPUS)


def _quotes(result, article: str) -> list:
    return [q for q in result.quotes.quotes if q.article_id == article]


def _find(result, article: str, start_of_text: str):
    hits = [q for q in _quotes(result, article) if q.text.startswith(start_of_text)]
    assert len(hits) == 1, [q.text[:40] for q in _quotes(result, article)]
    return hits[0]


# --- Seeds: extraction and attribution ----------------------------------------------------------

def test_offsets_point_into_the_article_text(seeds_result):
    texts = {a.id: a.text for a in seeds_result.articles}
    assert seeds_result.quotes.quotes
    for q in seeds_result.quotes.quotes:
        assert texts[q.article_id][q.start:q.end] == q.text
        assert q.segment_kind is not SegmentKind.BOILERPLATE


def test_witkoff_quotes_in_the_first_seed(seeds_result):
    full = _find(seeds_result, FIRST, "رغم الجهود الكبيرة التي بذلها الوسطاء")
    assert full.kind == "direct" and full.speaker == "ستيف ويتكوف"
    assert full.text.endswith("تهيئة بيئة أكثر استقرارا لسكان غزة")
    assert full.speaker_as_written == "المبعوث الأميركي ستيف ويتكوف"  # the title is not the name
    part = _find(seeds_result, FIRST, "يُظهر عدم رغبتها")
    assert part.speaker == "ستيف ويتكوف" and part.kind == "direct"


def test_trump_quotes_including_subjectless_verbs(seeds_result):
    trump = [q for q in _quotes(seeds_result, FIRST) if q.speaker and "ترامب" in q.speaker]
    texts = [q.text for q in trump]
    # "قال الرئيس الأميركي، دونالد ترامب، الأحد، إنه ..." (indirect, full name after the title)
    assert any(t.startswith("لا يعلم ماذا سيحدث في غزة") for t in texts)
    # "وأوضح أن حماس "..."، مبرزا "..."" and "وأكمل:" / "وأضاف:" name nobody: they refer back to Trump.
    for start in ("أظهرت فجأة موقفا متشددا", "لا يريدون إعادتهم", "لا أعتقد أن هناك مجاعة", "سنقدم مزيدا من المساعدات"):
        quote = _find(seeds_result, FIRST, start)
        assert quote.speaker == "ترامب" and quote.kind == "direct", start
        assert quote.segment_kind is SegmentKind.RELATED
    said = _find(seeds_result, FIRST, "حركة حماس لا ترغب في إبرام اتفاق")
    assert said.kind == "indirect" and said.speaker == "ترامب"
    assert len(trump) >= 7


def test_newspaper_quote_resolved_through_the_description(seeds_result):
    first = _find(seeds_result, FIRST, "على مدى 6 أسابيع")  # "صحيفة Sabah التركية ... حيث تابعت:"
    second = _find(seeds_result, FIRST, "وقد نقلت أنقرة المعلومات")  # "وتابعت الصحيفة:"
    assert first.speaker == second.speaker == "Sabah"
    assert second.speaker_as_written == "الصحيفة"


def test_turkish_sources_without_a_name_stay_unattributed(seeds_result):
    unnamed = [q for q in seeds_result.quotes.quotes if q.speaker_as_written in {"مصادر أمنية تركية", "المصادر"}]
    assert {q.article_id for q in unnamed} >= {"001_e7c0e6484bedda40.txt", "002_fd5af0361ac50746.txt"}
    assert all(q.speaker is None for q in unnamed)
    media = _find(seeds_result, FIRST, "رئيس الاستخبارات التركية MIT")  # "ذكرت وسائل إعلام تركية أن ..."
    assert media.speaker is None and media.speaker_as_written == "وسائل إعلام تركية"
    sides = _find(seeds_result, "004_d816d484b0658707.txt", "المرحلة الحالية تتطلب")  # "وأكد الجانبان"
    assert sides.speaker is None and sides.speaker_as_written == "الجانبان"


def test_named_turkish_and_hamas_sources(seeds_result):
    kalin = _find(seeds_result, "002_fd5af0361ac50746.txt", "تركيا ستقف دائما")
    assert kalin.speaker == "قالن" and kalin.kind == "indirect"
    hamas = _find(seeds_result, "001_e7c0e6484bedda40.txt", "وفدها المفاوض")
    assert hamas.speaker == "حماس"
    kirby = [q for q in _quotes(seeds_result, "001_e7c0e6484bedda40.txt") if q.speaker == "جون كيربي"]
    assert [q.kind for q in kirby] == ["direct", "direct"]
    fidan = _find(seeds_result, "003_f43ac9fcd8114102.txt", "ستقرر إرسال قوات")
    assert fidan.speaker == "فيدان"  # "وكشف أن ..." has no subject: the last speaker named


def test_seed_quotes_by_the_same_person_share_a_speaker(seeds_result):
    result = seeds_result.quotes
    trump = {result.speaker_of[k] for k, q in enumerate(result.quotes) if q.speaker and "ترامب" in q.speaker}
    assert len(trump) == 1
    assert result.speakers.speakers[trump.pop()].display == "Donald Trump"


# --- The quote corpus: matching, types, provenance ---------------------------------------------

def test_quote_corpus_group_and_types(corpus_result):
    data = quotes_json(corpus_result.quotes, corpus_result.article_index, corpus_result.segments)
    main = next(q for q in data if any(i["text"].startswith("لا يمكن تبرير العقاب") for i in q["instances"]))
    by_article = {i["article"]: i for i in main["instances"]}
    assert set(by_article) == {"ar_wire_first.txt", "ar_copy_verbatim.txt", "ar_copy_cut.txt", "en_translation.txt"}
    assert by_article["ar_wire_first.txt"]["match_type"] == "source"
    assert by_article["ar_copy_verbatim.txt"]["match_type"] == "verbatim"
    assert by_article["ar_copy_cut.txt"]["match_type"] == "edited"
    assert by_article["ar_copy_cut.txt"]["part"] is True
    assert by_article["en_translation.txt"]["match_type"] == "translation"
    assert main["earliest"] == {"article": "ar_wire_first.txt", "date": "2025-03-10", "ties": []}
    assert main["speaker"] == "Antonio Guterres"
    assert {"غوتيريش", "Guterres"} <= set(main["speaker_forms"])
    assert set(main["texts"]) == {"ar", "en"} and main["texts"]["en"].startswith("The collective punishment")
    assert by_article["ar_copy_verbatim.txt"]["agency"] == "Anadolu"
    assert by_article["en_translation.txt"]["agency"] == "Reuters"
    assert by_article["ar_wire_first.txt"]["agency"] is None
    removed = " ".join(op["a"] for op in by_article["ar_copy_cut.txt"]["diff"] if op["op"] != "equal")
    assert "ويجب فتح المعابر فورا" in removed


def test_a_different_quote_by_the_same_speaker_is_not_matched(corpus_result):
    result = corpus_result.quotes
    other = [k for k, q in enumerate(result.quotes) if q.article_id == "ar_other_quote.txt" and q.kind == "direct"]
    assert len(other) == 1
    group = next(g for g in result.groups if other[0] in g.members)
    assert group.members == (other[0],)
    assert result.speaker_of[other[0]] == result.speaker_of[
        next(k for k, q in enumerate(result.quotes) if q.article_id == "ar_wire_first.txt" and q.kind == "direct")]


def test_quote_corpus_pairs_against_gold(corpus_result, use_encoder):
    scores = evaluate_pairs(QUOTE_CORPUS, use_encoder)
    assert scores.precision == 1.0 and scores.recall == 1.0


def test_json_and_text_report_carry_quotes_and_provenance(corpus_result):
    data = json.loads(json.dumps(to_json(corpus_result), ensure_ascii=False))
    assert "quotes" in corpus_result.timings
    texts = {a["id"]: None for a in data["articles"]}
    assert data["quotes"] and all(q["id"].startswith("Q") for q in data["quotes"])
    assert sum(len(q["instances"]) for q in data["quotes"]) == len(corpus_result.quotes.quotes)
    for quote in data["quotes"]:
        assert set(quote) >= {"id", "speaker", "speaker_forms", "texts", "earliest", "instances"}
        for inst in quote["instances"]:
            assert inst["article"] in texts
            assert set(inst) >= {"article", "lang", "text", "start", "end", "speaker_as_written", "kind",
                                 "match_type", "agency"}
    group = data["duplicate_groups"][0]
    assert set(group["provenance"]) >= {"earliest", "dated", "copies", "agency"}
    assert group["provenance"]["earliest"] == ["ar_wire_first.txt"]
    report = render_text(corpus_result)
    assert "Quotes: " in report and "Antonio Guterres" in report
    assert "edited (part)" in report and "[-" in report


def test_quotes_command_filters_by_speaker_in_any_script(monkeypatch, tmp_path):
    from cli.main import app

    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", str(QUOTE_CORPUS), "--speaker", "Guterres", "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert items and all(i["speaker"] == "Antonio Guterres" for i in items)
    arabic = runner.invoke(app, ["quotes", str(QUOTE_CORPUS), "--speaker", "غوتيريش", "-q"])
    assert arabic.exit_code == 0 and "Antonio Guterres" in arabic.stdout
    nobody = runner.invoke(app, ["quotes", str(QUOTE_CORPUS), "--speaker", "Witkoff", "-q"])
    assert nobody.exit_code == 0 and "No quote found." in nobody.stdout


# --- Labelled real quotes ----------------------------------------------------------------------

def test_labelled_set_is_large_enough_and_consistent():
    lines = [json.loads(line) for line in (DATA / "quotes_labelled.jsonl").read_text(encoding="utf-8").splitlines()]
    quotes = [(doc, q) for doc in lines for q in doc["quotes"]]
    assert len(quotes) >= 30
    assert {doc["lang"] for doc in lines} == {"ar", "en"}
    for doc, q in quotes:
        assert doc["text"][q["start"]:q["end"]] == q["text"]


def test_extraction_and_attribution_floors():
    extraction, attribution, (kept_null, null_total) = evaluate_extraction(DATA / "quotes_labelled.jsonl")
    assert extraction.precision >= 0.9 and extraction.recall >= 0.75
    assert attribution.precision >= 0.9 and attribution.recall >= 0.55
    assert kept_null == null_total  # never a guessed name for a quote the text does not attribute


def test_witkoff_quote_across_outlets_and_languages(quotes_result):
    result = quotes_result.quotes
    full = [k for k, q in enumerate(result.quotes) if q.kind == "direct"
            and (q.text.startswith("رغم الجهود الكبيرة") or q.text.startswith("While the mediators"))]
    assert {result.quotes[k].article_id for k in full} == {"ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"}
    group = next(g for g in result.groups if full[0] in g.members)
    assert set(full) <= set(group.members)
    arabic = {k for k in full if result.quotes[k].lang == "ar"}
    assert any({link.a, link.b} == arabic and link.match_type.value == "verbatim" for link in group.links)
    data = next(q for q in quotes_json(result, quotes_result.article_index, quotes_result.segments)
                if any(i["text"].startswith("While the mediators") for i in q["instances"]))
    assert data["speaker"] == "Steve Witkoff"
    assert data["earliest"]["article"] == "en_outlet_c.txt" and data["earliest"]["date"] == "2025-07-24"
    types = {(i["article"], i["kind"]): i["match_type"] for i in data["instances"]}
    assert types[("en_outlet_c.txt", "direct")] == "source"
    assert types[("ar_outlet_a.txt", "direct")] == types[("ar_outlet_b.txt", "direct")] == "translation"
    # Hamas's own statement in the same article is another speaker's quote: not in the group.
    hamas = [k for k, q in enumerate(result.quotes) if q.speaker == "حماس"]
    assert hamas and not set(hamas) & set(group.members)


def test_measuring_command_prints_the_figures(capsys):
    from cluster.evaluation.quote_eval import main

    assert main([str(DATA / "quotes_labelled.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "quote extraction" in out and "speaker attribution" in out and "precision" in out
