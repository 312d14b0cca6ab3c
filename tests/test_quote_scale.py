"""What the quote stage's shortcuts at scale must not change: a quote carried by many articles is one
group with its speaker, two people's statements stay apart however many copies each has, and the
memoised name and article readings answer as the plain ones do."""

from __future__ import annotations

import numpy as np

from cluster.config import Config
from cluster.documents import Article, SegmentKind
from cluster.quotes.attribution import History
from cluster.quotes.extract import Quote, extract_quotes
from cluster.quotes.matching import QuoteSettings, group_speaker, match_quotes
from cluster.quotes.names import article_runs, article_tokens, name_runs, tokenize
from cluster.quotes.speakers import same_person
from cluster.segment.paragraphs import segment_corpus

STATEMENT = "What we received from Hamas is totally unacceptable and takes us backwards, the envoy insisted"


def _wire_story(k: int, edited: bool) -> Article:
    quote = STATEMENT + (" again" if edited else "")
    text = (f"Talks on a ceasefire stalled on day {k}.\n\n"
            f'US envoy Steve Witkoff said on Saturday: "{quote}."\n\n'
            "Mediators in Cairo said they would keep working on a revised text.")
    return Article(f"outlet-{k:02d}", "", text, lang="en")


def test_one_quote_carried_by_forty_articles_is_one_group_with_its_speaker(fake_encoder):
    articles = [_wire_story(k, edited=k % 4 == 0) for k in range(40)]  # every fourth outlet edits the line
    quotes = [q for q in extract_quotes(articles, segment_corpus(articles)) if "unacceptable" in q.text]
    assert len(quotes) == 40 and all(q.speaker == "Steve Witkoff" for q in quotes)
    result = match_quotes(quotes, fake_encoder, QuoteSettings.from_config(Config()))
    [group] = [g for g in result.groups if len(g.members) > 1]
    assert len(group.members) == 40
    speaker = group_speaker(result, group)
    assert speaker is not None and result.speakers.speakers[speaker].display == "Steve Witkoff"


class _OneStatementEncoder:
    """Every text near one direction (cosine about 0.9 to any other): every pair is a candidate, and
    only the speakers and the words decide."""

    def encode(self, sentences: list[str], **_: object) -> np.ndarray:
        rng = np.random.default_rng(0)
        base = np.ones(64, dtype=np.float32)
        vectors = base + 0.35 * rng.standard_normal((len(sentences), 64)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _copies(text: str, lang: str, speaker: str, outlets: int, first: int) -> list[Quote]:
    return [Quote(f"{lang}-{first + k}", 1, SegmentKind.BODY, lang, f"{text} {k}", 0, len(text) + 3, "direct",
                  speaker, speaker, "person") for k in range(outlets)]


def test_two_peoples_statements_stay_apart_however_many_copies_each_has():
    english = _copies("What we received from Hamas is totally unacceptable and takes us backwards", "en",
                      "Steve Witkoff", 12, 0)
    arabic = _copies("ما تلقيناه من الوسطاء لا يلبي مطالبنا ولن نوقع على اتفاق بهذه الشروط", "ar", "خليل الحية", 12, 0)
    result = match_quotes(english + arabic, _OneStatementEncoder(), QuoteSettings.from_config(Config()))
    groups = {tuple(sorted(result.quotes[m].lang for m in g.members)) for g in result.groups}
    assert groups == {("en",) * 12, ("ar",) * 12}
    # the same statement attributed to the same man in both languages is one group
    same = _copies("ما تلقيناه من حماس غير مقبول على الإطلاق ويعيدنا إلى الوراء", "ar", "ستيف ويتكوف", 12, 0)
    joined = match_quotes(english + same, _OneStatementEncoder(), QuoteSettings.from_config(Config()))
    assert [len(g.members) for g in joined.groups] == [24]


def test_memoised_readings_answer_as_the_plain_ones():
    pairs = [("Steve Witkoff", "ويتكوف"), ("Joe Biden", "Hunter Biden"), ("Araghchi", "عراقجي"), ("ترامب", "Trump")]
    for a, b in pairs * 2:  # the second round is served by the memo
        assert same_person(a, b) == same_person(b, a)
    assert [same_person(a, b) for a, b in pairs] == [True, False, True, True]
    text = "قال المبعوث الأميركي ستيف ويتكوف إن الرد غير مقبول.\n\nUS envoy Steve Witkoff said it was unacceptable."
    assert article_tokens(text) == tokenize(text) and article_tokens(text) is article_tokens(text)
    for lang in ("ar", "en"):
        assert article_runs(text, lang) == name_runs(tokenize(text), lang)
        assert History(text=text).runs(lang) == name_runs(tokenize(text), lang)
