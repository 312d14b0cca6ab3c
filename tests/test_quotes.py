"""Quote extraction, attribution, matching across articles and languages, and the reports.

Extraction and attribution read text only, so they are checked on ``seeds_fake`` (fast tier); matching
across languages needs the real model (``*_result`` fixtures, slow tier).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cluster.config import Config
from cluster.documents import SegmentKind
from cluster.duplicates.lexical import MatchType
from cluster.evaluation.quote_eval import evaluate_extraction, evaluate_pairs
from cluster.ingest.readers import load_corpus
from cluster.quotes.extract import Quote, extract_quotes
from cluster.quotes.matching import QuoteSettings, contained, match_quotes, verify
from cluster.report.quote_section import quotes_json
from cluster.report.terminal import render_text, to_json
from cluster.segment.paragraphs import segment_corpus

DATA = Path(__file__).resolve().parent / "data"
QUOTE_CORPUS = DATA / "quote_corpus"
FIRST = "000_ea44e2c584543728.txt"


@pytest.fixture(scope="module")
def corpus_result(run_corpus):
    return run_corpus(QUOTE_CORPUS)


@pytest.fixture(scope="module")
def corpus_fake(run_fake):
    return run_fake(QUOTE_CORPUS)


def _quotes(result, article: str) -> list:
    return [q for q in result.quotes.quotes if q.article_id == article]


def _find(result, article: str, start_of_text: str):
    hits = [q for q in _quotes(result, article) if q.text.startswith(start_of_text)]
    assert len(hits) == 1, [q.text[:40] for q in _quotes(result, article)]
    return hits[0]


# --- Seeds: extraction and attribution ----------------------------------------------------------

def test_offsets_point_into_the_article_text(seeds_fake):
    texts = {a.id: a.text for a in seeds_fake.articles}
    assert seeds_fake.quotes.quotes
    for q in seeds_fake.quotes.quotes:
        assert texts[q.article_id][q.start:q.end] == q.text
        assert q.segment_kind is not SegmentKind.BOILERPLATE


def test_witkoff_quotes_in_the_first_seed(seeds_fake):
    full = _find(seeds_fake, FIRST, "رغم الجهود الكبيرة التي بذلها الوسطاء")
    assert full.kind == "direct" and full.speaker == "ستيف ويتكوف"
    assert full.text.endswith("تهيئة بيئة أكثر استقرارا لسكان غزة")
    assert full.speaker_as_written == "المبعوث الأميركي ستيف ويتكوف"  # the title is not the name
    part = _find(seeds_fake, FIRST, "يُظهر عدم رغبتها")
    assert part.speaker == "ستيف ويتكوف" and part.kind == "direct"


def test_trump_quotes_including_subjectless_verbs(seeds_fake):
    trump = [q for q in _quotes(seeds_fake, FIRST) if q.speaker and "ترامب" in q.speaker]
    texts = [q.text for q in trump]
    # "قال الرئيس الأميركي، دونالد ترامب، الأحد، إنه ..." (indirect, full name after the title)
    assert any(t.startswith("لا يعلم ماذا سيحدث في غزة") for t in texts)
    # "وأوضح أن حماس "..."، مبرزا "..."" and "وأكمل:" / "وأضاف:" name nobody: they refer back to Trump.
    for start in ("أظهرت فجأة موقفا متشددا", "لا يريدون إعادتهم", "لا أعتقد أن هناك مجاعة", "سنقدم مزيدا من المساعدات"):
        quote = _find(seeds_fake, FIRST, start)
        # the surname resolves to the article's full mention ("الرئيس الأميركي، دونالد ترامب")
        assert quote.speaker == "دونالد ترامب" and quote.kind == "direct", start
        assert quote.segment_kind is SegmentKind.RELATED
    said = _find(seeds_fake, FIRST, "حركة حماس لا ترغب في إبرام اتفاق")
    assert said.kind == "indirect" and said.speaker == "دونالد ترامب"
    # "... مشيرا إلا أن ..." and "وتابع ترامب ... أن ...، مضيفا أنه ...": clauses of the same verbs.
    for start in ("إسرائيل يجب أن تتخذ قرارها", "على إسرائيل اتخاذ قرار", "لا يعلم ما سيحدث بعد تحرك"):
        quote = _find(seeds_fake, FIRST, start)
        assert "ترامب" in quote.speaker and quote.kind == "indirect", start


def test_newspaper_quote_resolved_through_the_description(seeds_fake):
    first = _find(seeds_fake, FIRST, "على مدى 6 أسابيع")  # "صحيفة Sabah التركية ... حيث تابعت:"
    second = _find(seeds_fake, FIRST, "وقد نقلت أنقرة المعلومات")  # "وتابعت الصحيفة:"
    assert first.speaker == second.speaker == "Sabah"
    assert second.speaker_as_written == "الصحيفة"


def test_turkish_sources_are_attributed_as_anonymous_sources(seeds_fake):
    """Sources the text does not name are still the speakers it gives: the source, kind ``anonymous``."""
    unnamed = [q for q in seeds_fake.quotes.quotes if q.speaker_as_written in {"مصادر أمنية تركية", "المصادر"}]
    assert {q.article_id for q in unnamed} >= {"001_e7c0e6484bedda40.txt", "002_fd5af0361ac50746.txt"}
    assert all(q.speaker == "مصادر أمنية تركية" and q.speaker_kind == "anonymous" for q in unnamed)
    media = _find(seeds_fake, FIRST, "رئيس الاستخبارات التركية MIT")  # "ذكرت وسائل إعلام تركية أن ..."
    assert media.speaker == "وسائل إعلام تركية" and media.speaker_kind == "anonymous"
    sides = _find(seeds_fake, "004_d816d484b0658707.txt", "المرحلة الحالية تتطلب")  # "وأكد الجانبان"
    assert sides.speaker == "الجانبان" and sides.speaker_kind == "organisation"


def test_named_turkish_and_hamas_sources(seeds_fake):
    kalin = _find(seeds_fake, "002_fd5af0361ac50746.txt", "تركيا ستقف دائما")
    assert kalin.speaker == "إبراهيم قالن" and kalin.kind == "indirect" and kalin.speaker_kind == "person"
    hamas = _find(seeds_fake, "001_e7c0e6484bedda40.txt", "وفدها المفاوض")
    assert hamas.speaker == "حماس"
    kirby = [q for q in _quotes(seeds_fake, "001_e7c0e6484bedda40.txt") if q.speaker == "جون كيربي"]
    assert [(q.kind, q.text.split()[:2]) for q in kirby] == [
        ("direct", ["ما", "زلنا"]), ("direct", ["نواصل", "جهودنا"])]
    fidan = _find(seeds_fake, "003_f43ac9fcd8114102.txt", "ستقرر إرسال قوات")
    assert fidan.speaker.endswith("فيدان")  # "وكشف أن ..." has no subject: the last speaker named


def test_seed_quotes_by_the_same_person_share_a_speaker(seeds_fake):
    result = seeds_fake.quotes
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
    # the surname resolves to each article's full mention ("أنطونيو غوتيريش", "Antonio Guterres")
    forms = main["speaker_forms"]
    assert any(f.endswith("غوتيريش") for f in forms) and any(f.endswith("Guterres") for f in forms)
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


def test_json_and_text_report_carry_quotes_and_provenance(corpus_fake):
    data = json.loads(json.dumps(to_json(corpus_fake), ensure_ascii=False))
    assert "quotes" in corpus_fake.timings
    texts = {a["id"]: None for a in data["articles"]}
    assert data["quotes"] and all(q["id"].startswith("Q") for q in data["quotes"])
    assert sum(len(q["instances"]) for q in data["quotes"]) == len(corpus_fake.quotes.quotes)
    for quote in data["quotes"]:
        assert set(quote) >= {"id", "speaker", "speaker_forms", "texts", "earliest", "instances"}
        for inst in quote["instances"]:
            assert inst["article"] in texts
            assert set(inst) >= {"article", "lang", "text", "start", "end", "speaker_as_written", "kind",
                                 "match_type", "agency"}
    group = data["duplicate_groups"][0]
    assert set(group["provenance"]) >= {"earliest", "dated", "copies", "agency"}
    assert group["provenance"]["earliest"] == ["ar_wire_first.txt"]
    report = render_text(corpus_fake)
    assert "Quotes: " in report and "Antonio Guterres" in report
    assert "edited (part)" in report and "[-" in report


def test_quotes_command_filters_by_speaker_in_any_script(fake_model):
    from cli.main import app

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


def test_labelled_set_has_held_out_split_and_arabic_majority():
    lines = [json.loads(line) for line in (DATA / "quotes_labelled.jsonl").read_text(encoding="utf-8").splitlines()]
    quotes = [(doc, q) for doc in lines for q in doc["quotes"]]
    assert len(quotes) >= 200
    assert sum(doc["lang"] == "ar" for doc, _ in quotes) * 2 >= len(quotes)
    assert sum(doc["split"] == "test" for doc, _ in quotes) * 3 >= len(quotes)
    assert {q["speaker_kind"] for _, q in quotes} >= {"person", "organisation", "anonymous"}


@pytest.mark.parametrize("split, floors", [
    # measured (extraction P/R, attribution P/R): dev 0.977/0.962, 1.000/0.947; dev2 0.986/1.000,
    # 1.000/0.986; dev3 (the blind labeller's development stories) 1.000/1.000, 0.986/0.986
    # and the share of labelled no-name quotes left without a speaker (a guessed name is worse than none)
    ("dev", (0.95, 0.94, 0.97, 0.92, 1.0)),
    ("dev2", (0.96, 0.97, 0.97, 0.95, 1.0)),
    ("dev3", (0.97, 0.96, 0.95, 0.95, 1.0)),
    # the second blind labeller's development stories, after their errors were studied: 1.000 / 1.000,
    # 0.994 / 0.988, no-name 3 of 3 kept (blind at 3d110d9: 0.960 / 0.877, 0.868 / 0.738)
    # wt-q13: two clauses under one verb ("إن ...، وإن ...", "said that ... and that ...") are two quotes, as
    # the dev7/dev8 labellers mark them; dev4's labeller kept them one span (5 extra quotes: 0.970 / 1.000)
    ("dev4", (0.96, 0.98, 0.97, 0.95, 1.0)),
    # the third blind labeller's development stories, after their errors were studied (wt-q7): 0.987 / 0.974,
    # 0.949 / 0.879, no-name 2 of 3 kept (blind at 9d532d3: 0.952 / 0.915, 0.791 / 0.685)
    ("dev5", (0.97, 0.96, 0.91, 0.83, 0.6)),
    # the eighth blind labeller's development stories (tests/data/quotes_fresh8), after round wt-q20: 0.984 / 0.979,
    # 0.978 / 0.947, no-name 2 of 2 kept (blind at 1ea8b60, whole set: 0.985 / 0.975, 0.927 / 0.880)
    ("dev10", (0.97, 0.96, 0.96, 0.92, 1.0)),
    # the ninth blind labeller's development stories (tests/data/quotes_fresh9), after rounds wt-x22, wt-q23, wt-q24
    # and wt-x25: 1.000 / 0.984, 0.994 / 0.956, no-name 1 of 1 kept (blind at 400b6e6: 0.989 / 0.956, 0.943 / 0.829)
    ("dev11", (0.98, 0.97, 0.97, 0.93, 1.0)),
    # scored, never studied (328 quotes since 2a14de6): 0.981 / 0.933, 0.879 / 0.789, no-name 2 of 3 kept, at 69a1f8b
    ("test", (0.96, 0.91, 0.85, 0.76, 0.6)),
])
def test_extraction_and_attribution_floors(split, floors):
    extraction, attribution, (kept_null, null_total) = evaluate_extraction(DATA / "quotes_labelled.jsonl", split)
    assert extraction.precision >= floors[0] and extraction.recall >= floors[1]
    assert attribution.precision >= floors[2] and attribution.recall >= floors[3]
    assert kept_null >= floors[4] * null_total  # a guessed name for a quote the text does not attribute


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


# --- The quote cuts come from the config -------------------------------------------------------

def _quote(article: str, lang: str, text: str, speaker: str | None = None) -> Quote:
    return Quote(article, 0, SegmentKind.BODY, lang, text, 0, len(text), "direct", speaker, speaker,
                 "person" if speaker else "unattributed")


def test_settings_are_the_configs_quote_section():
    config = Config().with_overrides(**{"quotes.cross_language_floor": 0.7, "quotes.short_words_cap": 4,
                                        "duplicates.cross_language_threshold": 0.65})
    settings = QuoteSettings.from_config(config)
    assert settings.quotes == config.quotes
    assert settings.cross_threshold == 0.7  # the floor wins over a lower passage cut
    assert settings.duplicates.short_words == 4 and settings.duplicates.cross_language_threshold == 0.65
    assert QuoteSettings.from_config(Config()).cross_threshold == Config().duplicates.cross_language_threshold


def test_translation_cuts_follow_the_config():
    quotes = [_quote("a", "ar", "لن نقبل بأي اتفاق لا يضمن انسحابا كاملا من القطاع", "غوتيريش"),
              _quote("b", "en", "We will not accept any deal that does not guarantee a full withdrawal", "Guterres"),
              _quote("c", "en", "We will not accept it", None)]
    speakers = [0, 0, None]
    default = QuoteSettings.from_config(Config())
    # 0.55: below the cross-language cut, above the same-speaker one (both copies name Guterres).
    assert verify(quotes, 0, 1, 0.55, default, speakers).match_type is MatchType.TRANSLATION
    stricter = QuoteSettings.from_config(Config().with_overrides(**{"quotes.cross_same_speaker_threshold": 0.6}))
    assert verify(quotes, 0, 1, 0.55, stricter, speakers) is None
    assert verify(quotes, 0, 2, 0.55, default, speakers) is None  # nobody named: the 0.62 cut applies
    assert verify(quotes, 0, 2, 0.7, default, speakers).part  # 5 words against 10: a part
    looser = QuoteSettings.from_config(Config().with_overrides(**{"quotes.part_length_ratio": 0.5}))
    assert not verify(quotes, 0, 2, 0.7, looser, speakers).part


def test_cut_copy_rules_follow_the_config():
    full = tuple("the collective punishment of the palestinian people cannot be justified at all".split())
    cut = full[1:9]
    edited = cut[:3] + ("x",) + cut[4:]
    assert contained(cut, full, 4, 10)
    assert not contained(cut, full, 9, 10)  # min_part_words above the cut's 8 words
    assert not contained(edited, full, 4, 10)  # one word in 8 changed: more than one in ten
    assert contained(edited, full, 4, 8)


def test_candidate_radius_bounds_what_is_compared(fake_encoder):
    articles = load_corpus(QUOTE_CORPUS).articles
    quotes = extract_quotes(articles, segment_corpus(articles))
    linked = match_quotes(quotes, fake_encoder, QuoteSettings.from_config(Config()))
    assert any(link.part for g in linked.groups for link in g.links)  # the cut copy meets the wire quote
    nothing = QuoteSettings.from_config(Config().with_overrides(**{"quotes.candidate_radius": 1.0}))
    exact = match_quotes(quotes, fake_encoder, nothing)
    assert not any(link.part for g in exact.groups for link in g.links)


def test_config_file_round_trips_the_quote_section(tmp_path):
    config = Config().with_overrides(**{"quotes.candidate_radius": 0.5, "quotes.min_part_words": 5})
    config.write(tmp_path / "c.json")
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["quotes"]["candidate_radius"] == 0.5
    assert Config.from_file(tmp_path / "c.json") == config
    (tmp_path / "bad.json").write_text('{"quotes": {"candidate_radius": 2}}', encoding="utf-8")
    with pytest.raises(ValueError, match="quotes.candidate_radius"):
        Config.from_file(tmp_path / "bad.json")
