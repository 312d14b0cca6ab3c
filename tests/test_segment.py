"""Segmentation: paragraph spans, body / boilerplate / related classification, sentence passages.

The seed pages are real Arabic news pages with their web furniture kept; expectations are stated by
paragraph text, as a reader would check them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.documents import Article, Passage, Segment, SegmentKind
from cluster.segment.paragraphs import passages, segment_corpus, sentence_spans, split_paragraphs

DATA = Path(__file__).parent / "data" / "segment"
BODY, BOILER, RELATED = SegmentKind.BODY, SegmentKind.BOILERPLATE, SegmentKind.RELATED


def _article(aid: str, text: str, lang: str = "ar") -> Article:
    first = next(line for line in text.splitlines() if line.strip())
    return Article(id=aid, title=first.strip(), text=text, lang=lang)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Article, list[Segment]]]:
    arts = [_article(p.name[:3], p.read_text(encoding="utf-8")) for p in sorted((DATA / "seeds").glob("*.txt"))]
    segs = segment_corpus(arts)
    return {a.id: (a, segs[a.id]) for a in arts}


def kinds(segs: list[Segment], text: str) -> list[SegmentKind]:
    """Kinds of every paragraph whose text is ``text`` (a line may occur more than once)."""
    found = [s.kind for s in segs if s.text == text]
    assert found, f"no paragraph {text!r}"
    return found


def kind(segs: list[Segment], text: str) -> SegmentKind:
    (k,) = set(kinds(segs, text))
    return k


def starting(segs: list[Segment], prefix: str) -> Segment:
    (seg,) = [s for s in segs if s.text.startswith(prefix)]
    return seg


def assert_offsets(article: Article, segs: list[Segment], lang: str) -> list[Passage]:
    for i, s in enumerate(segs):
        assert s.index == i and s.article_id == article.id
        assert article.text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
    units = passages(segs, lang)
    for p in units:
        assert article.text[p.start:p.end] == p.text and p.text == p.text.strip() and p.text
        seg = segs[p.segment_index]
        assert seg.start <= p.start < p.end <= seg.end and p.kind is seg.kind
    return units


# --- Seeds --------------------------------------------------------------------------------------

def test_seed_000_related_tail_after_read_also(seeds):
    art, segs = seeds["000"]
    assert segs[0].kind is BODY and segs[0].text == art.title
    assert kind(segs, "تاريخ النشر: 28th, November 2023 GMT") is BOILER
    assert [s.kind for s in segs[2:5]] == [BODY] * 3
    for line in ("المصدر: تركيا الآن", "كلمات دلالية: الاستخبارات التركية غزة", "إقرأ أيضاً:"):
        assert kind(segs, line) is BOILER
    marker = next(s.index for s in segs if s.text == "إقرأ أيضاً:")
    tail = segs[marker + 1:]  # the related Trump story runs to the end of the page
    assert tail[0].text.startswith("ترامب: لا أعلم") and tail[-1].text.startswith("كما كشف المبعوث الأميركي")
    assert all(s.kind is RELATED for s in tail)
    # The article's own body: its title and the paragraphs between the date line and the source line.
    source = next(s.index for s in segs if s.text == "المصدر: تركيا الآن")
    assert [s for s in segs if s.kind is BODY] == [segs[0]] + segs[2:source]


def test_seed_001_caption_font_widget_credit_and_highlights(seeds):
    _, segs = seeds["001"]
    assert kind(segs, "13 سبتمبر 2024") is BOILER
    assert starting(segs, "رئيس الاستخبارات التركية إبراهيم كالن خلال ندوة").kind is BOILER  # caption
    for line in ("+ الخط -", "(الأناضول، العربي الجديد)", "المساهمون"):
        assert kind(segs, line) is BOILER
    for highlight in ("لم تذكر مصادر تركية", "بحث اللقاء خطوات ملموسة", "تم التعبير عن القلق"):
        assert starting(segs, highlight).kind is BODY
    assert starting(segs, "التقى رئيس الاستخبارات التركية إبراهيم كالن، الجمعة").kind is BODY
    assert starting(segs, "ومنذ عشرة أشهر تقريباً").kind is BODY
    # The body: the title, then every paragraph from the first highlight to the credit line.
    first, credit = starting(segs, "لم تذكر مصادر تركية").index, starting(segs, "(الأناضول، العربي الجديد)").index
    assert [s for s in segs if s.kind is BODY] == [segs[0]] + segs[first:credit]
    assert not any(s.kind is RELATED for s in segs)


def test_seed_002_dateline_and_subscription_notice(seeds):
    _, segs = seeds["002"]
    assert kind(segs, "Ankara") is BOILER
    assert kind(segs, "أنقرة/ الأناضول") is BOILER
    assert starting(segs, "الأخبار المنشورة على الصفحة الرسمية لوكالة الأناضول").kind is BOILER
    assert starting(segs, "تناول اللقاء سبل إيصال المساعدات").kind is BODY  # subtitle
    notice = starting(segs, "الأخبار المنشورة على الصفحة الرسمية لوكالة الأناضول").text
    assert [s.text for s in segs if s.kind is not BODY] == ["Ankara", "أنقرة/ الأناضول", notice]  # all else is body


def test_seed_003_widgets_teaser_headline_and_more_in_section(seeds):
    _, segs = seeds["003"]
    for line in ("أخبار", "إسطنبول", "محمد شيخ يوسف", "avata", "مباشر", "05 نوفمبر 2025", "+ الخط -",
                 "تقارير عربية", "التحديثات الحية", "دلالات", "المساهمون", "المزيد في سياسة"):
        assert set(kinds(segs, line)) == {BOILER}, line
    assert kinds(segs, "محمد شيخ يوسف") == [BOILER, BOILER]
    assert set(kinds(segs, "إبراهيم قالن خلال لقاء في نيامي بالنيجر، 17 يوليو 2024 (الأناضول)")) == {BOILER}
    assert kind(segs, "اجتماع وزاري عربي إسلامي حول غزة بإسطنبول 3/11/2025 الخارجية التركية") is BOILER
    assert starting(segs, "فيدان عقب اجتماع عربي إسلامي").kind is RELATED
    body = [s.text[:20] for s in segs if s.kind is BODY]
    assert body == [segs[0].text[:20], "التقى رئيس الاستخبار", "كما أكد وفد \"حماس\" ا",
                    "وكان وزير الخارجية ا", "واستضافت تركيا الاثن"]
    marker = next(s.index for s in segs if s.text == "المزيد في سياسة")
    tail = segs[marker + 1:]
    assert not any(s.kind is BODY for s in tail)
    headlines = ["جيش الاحتلال الإسرائيلي يواصل اختطاف 39 سورياً",
                 "حلف الناتو يقلل من أهمية سحب واشنطن مئات الجنود من رومانيا",
                 "سورية: توقيف مطلوب بانتهاكات بحق مدنيين في دير الزور"]
    assert [s.text for s in tail if s.kind is RELATED] == headlines
    assert starting(segs, "تحرك عسكري إسرائيلي قرب القنيطرة").kind is BOILER  # caption in the tail


def test_seed_004_date_line_only(seeds):
    _, segs = seeds["004"]
    assert kind(segs, "الاثنين 23 مارس 2026 10:40 م") is BOILER
    assert [s.kind for s in segs] == [BODY, BOILER] + [BODY] * 9


def test_seed_offsets_exact(seeds):
    for art, segs in seeds.values():
        units = assert_offsets(art, segs, "ar")
        assert units and all(p.lang == "ar" for p in units)
        assert not any(segs[p.segment_index].kind is BOILER for p in units)


# --- English page, related block, repeated lines -------------------------------------------------

def test_english_read_more_block_host_resumes_and_footer():
    art = _article("en", (DATA / "english_read_more.txt").read_text(encoding="utf-8"), lang="en")
    segs = segment_corpus([art])["en"]
    for line in ("By Maria Rossi", "Published: 12 May 2024 09:30 GMT", "Share", "Read more:",
                 "Tags: Italy, floods, Po river", "Share this article",
                 "Subscribe to our newsletter for the latest news.", "© 2024 Example News. All rights reserved."):
        assert kind(segs, line) is BOILER, line
    assert starting(segs, "Rescuers in a boat evacuate").kind is BOILER  # caption with (Reuters/...)
    assert kind(segs, "Wildfires rage across southern Spain as heatwave grips Europe") is RELATED
    assert starting(segs, "Firefighters in Andalusia").kind is RELATED
    assert starting(segs, "Spain's emergency service").kind is RELATED
    assert starting(segs, "Back in Piacenza").kind is BODY  # the host story resumes
    assert [s.text[:12] for s in segs if s.kind is BODY] == [
        "Flood waters", "Rescue teams", "The civil pr", "Residents of", "Back in Piac"]
    assert_offsets(art, segs, "en")


def test_arabic_related_block_then_host_resumes():
    text = (DATA / "arabic_read_also_host.txt").read_text(encoding="utf-8")
    art = _article("ar-rel", text)
    segs = segment_corpus([art])["ar-rel"]
    assert [s.kind for s in segs] == [BODY, BODY, BODY, BOILER, RELATED, RELATED, RELATED, BODY]
    assert_offsets(art, segs, "ar")


def test_inline_read_more_headline_is_a_one_line_teaser():
    text = ("Council approves new budget\n\nThe city council approved a new budget on Tuesday after a long debate.\n\n"
            "Read more: Mayor announces plan to expand bus network\n\n"
            "The new budget adds money for schools and parks, the council said.\n\n"
            "Related: Bus drivers strike over pay as network plan stalls\n\n"
            "The bus drivers' union said the network plan ignored drivers.")
    segs = segment_corpus([_article("inline", text, "en")])["inline"]
    # The host resumes after the first teaser; after the second, the next paragraph is about its headline.
    assert [s.kind for s in segs] == [BODY, BODY, RELATED, BODY, RELATED, RELATED]


def _corpus_with_shared_line(shared: str, n: int, extra: int = 0) -> list[Article]:
    arts = []
    for i in range(n + extra):
        line = shared if i < n else "Story number"
        text = (f"Headline of story {i}\n\n"
                f"The first paragraph of story {i} reports something that happened on a Monday morning.\n\n"
                f"{line}\n\n"
                f"The second paragraph of story {i} adds the reaction of officials and residents.")
        arts.append(Article(id=f"a{i}", title=f"Headline of story {i}", text=text, lang="en"))
    return arts


def test_short_line_repeated_across_articles_is_boilerplate():
    segs = segment_corpus(_corpus_with_shared_line("Middle East Monitor", 3))
    assert all(kind(s, "Middle East Monitor") is BOILER for s in segs.values())
    # Two articles are not enough for the default of three; between two paragraphs it is a crosshead.
    segs = segment_corpus(_corpus_with_shared_line("Middle East Monitor", 2, extra=3))
    assert kind(segs["a0"], "Middle East Monitor") is BODY
    segs = segment_corpus(_corpus_with_shared_line("Middle East Monitor", 2), repeated_line_min_articles=2)
    assert kind(segs["a0"], "Middle East Monitor") is BOILER


def test_copied_sentence_in_many_articles_stays_body():
    sentence = "The ministry said the talks would resume in Cairo next week."
    short_sentence = "She was 85."
    segs = segment_corpus(_corpus_with_shared_line(sentence, 5))
    assert all(kind(s, sentence) is BODY for s in segs.values())
    arts = [Article(id=f"s{i}", title="", lang="en",
                    text=(f"Actress dies at home {i}\n\n"
                          f"The actress died at home on Sunday, her family said.\n\n{short_sentence}"))
            for i in range(4)]
    assert all(kind(s, short_sentence) is BODY for s in segment_corpus(arts).values())


def test_english_dev_like_article_date_line_and_crossheads():
    text = ("Fire at Waitrose in Wellington\n\nSunday, 21 July 2013\n\n"
            "A FIRE has badly damaged the Waitrose supermarket in Wellington's High Street.\n\n"
            "Early Years\n\n"
            "Eight crews fought the blaze which broke out in the early hours of Sunday morning.\n\n"
            "No injuries reported\n\n"
            "It is not known how long the store will be closed.")
    segs = segment_corpus([_article("w", text, "en")])["w"]
    assert kind(segs, "Sunday, 21 July 2013") is BOILER
    assert kind(segs, "Early Years") is BODY  # a crosshead between story paragraphs
    assert [s.text for s in segs if s.kind is not BODY] == ["Sunday, 21 July 2013"]


def test_title_is_body_even_when_it_looks_like_furniture():
    segs = segment_corpus([_article("t", "Live\n\nThe match ended in a draw after extra time.", "en")])["t"]
    assert segs[0].kind is BODY


# --- Paragraph spans ----------------------------------------------------------------------------

def test_split_paragraphs_blank_lines_lines_and_whitespace():
    text = "  Title line  \r\n\r\nFirst para.\nCaption line (AP)\n\n\n   Last para. \n"
    art = Article(id="p", title="Title line", text=text)
    spans = split_paragraphs(art)
    assert [text[s:e] for s, e in spans] == ["Title line", "First para.", "Caption line (AP)", "Last para."]
    no_blank = "One\nTwo two\n  \u200fThree\u200f"
    spans = split_paragraphs(Article(id="n", title="", text=no_blank))
    assert [no_blank[s:e] for s, e in spans] == ["One", "Two two", "Three"]


def test_hard_wrapped_prose_is_one_paragraph():
    wrapped = ("The committee met on Tuesday to discuss the proposal, which would\n"
               "extend the deadline for public comments by another thirty days and\n"
               "require the agency to publish its full analysis before the vote.\n\n"
               "Headline one about something\nHeadline number two about other things")
    spans = split_paragraphs(Article(id="w", title="", text=wrapped))
    assert len(spans) == 3 and wrapped[spans[0][0]:spans[0][1]].endswith("before the vote.")


# --- Sentences and passages ---------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    (('The U.S. economy grew 3.5% in the first quarter. Dr. Smith, of St. Louis, said it would slow. '
      '"It was a strong start," he said at 9 a.m. on Monday.'),
     ["The U.S. economy grew 3.5% in the first quarter.", "Dr. Smith, of St. Louis, said it would slow.",
      '"It was a strong start," he said at 9 a.m. on Monday.']),
    ("J. K. Rowling spoke to Mr. Brown. She left! Did he stay? Yes… he did.",
     ["J. K. Rowling spoke to Mr. Brown.", "She left!", "Did he stay?", "Yes… he did."]),
    ('He said: "We will stay. We will fight." Then he left the room.',
     ['He said: "We will stay. We will fight."', "Then he left the room."]),
    ("“This is the end.” The crowd cheered loudly.", ["“This is the end.”", "The crowd cheered loudly."]),
    (('قال الوزير: "لن نقبل بأي اتفاق لا يضمن انسحابا كاملا". وأضاف أن المفاوضات ستستمر؟ '
      'وتابع د. محمد أن النمو بلغ 3.5 في المئة.'),
     ['قال الوزير: "لن نقبل بأي اتفاق لا يضمن انسحابا كاملا".', "وأضاف أن المفاوضات ستستمر؟",
      "وتابع د. محمد أن النمو بلغ 3.5 في المئة."]),
    ("وقال ترامب إن الوضع صعب.وأضاف أنه سيلتقي نتنياهو… ثم غادر «القاعة».",
     ["وقال ترامب إن الوضع صعب.", "وأضاف أنه سيلتقي نتنياهو…", "ثم غادر «القاعة»."]),
    ("«هذا هو الحل الوحيد». ثم صفق الحضور طويلا!", ["«هذا هو الحل الوحيد».", "ثم صفق الحضور طويلا!"]),
])
def test_sentence_splitting(text, expected):
    assert _sentences(text) == expected


def _one_paragraph(text: str, lang: str) -> tuple[Article, list[Segment]]:
    art = Article(id="q", title="", text=text, lang=lang)
    (s, e), = split_paragraphs(art)
    return art, [Segment("q", 0, BODY, text[s:e], s, e)]


def test_quote_inside_long_paragraph_is_its_own_passage():
    quote = '"We will not accept any deal that does not guarantee a full withdrawal from the strip."'
    text = ("The foreign minister spoke to reporters in Ankara on Wednesday after meeting the delegation. "
            f"{quote} He added that talks would continue.")
    art, segs = _one_paragraph(text, "en")
    units = passages(segs, "en")
    assert units[0].whole_paragraph and units[0].text == text
    windows = [p for p in units if not p.whole_paragraph]
    assert [p.text for p in windows] == [
        "The foreign minister spoke to reporters in Ankara on Wednesday after meeting the delegation.",
        quote, "He added that talks would continue."]
    assert_offsets(art, segs, "en")


def test_arabic_quote_sentence_passage_and_short_sentence_merge():
    quote = "وقال المتحدث باسم الوزارة: «لن نسمح بتكرار ما حدث في الجنوب مهما كانت الظروف»."
    text = f"عقد مجلس الوزراء اجتماعا طارئا مساء الثلاثاء لبحث تداعيات الفيضانات. {quote} وانتهى الاجتماع."
    art, segs = _one_paragraph(text, "ar")
    assert_offsets(art, segs, "ar")
    windows = [p.text for p in passages(segs, "ar") if not p.whole_paragraph]
    # "وانتهى الاجتماع." has two words: it is merged into the quote sentence before it.
    assert windows == ["عقد مجلس الوزراء اجتماعا طارئا مساء الثلاثاء لبحث تداعيات الفيضانات.",
                       quote + " وانتهى الاجتماع."]


def test_long_sentence_cut_into_word_windows():
    long_sentence = " ".join(f"Word{i}" for i in range(130)) + "."
    text = f"A short opening sentence of the paragraph here. {long_sentence}"
    art, segs = _one_paragraph(text, "en")
    windows = [p for p in passages(segs, "en", max_window_words=60) if not p.whole_paragraph]
    counts = [len(p.text.split()) for p in windows]
    assert counts[0] == 8 and all(c <= 60 for c in counts[1:]) and sum(counts[1:]) == 130
    assert windows[-1].text.endswith("Word129.")
    assert_offsets(art, segs, "en")


def test_single_sentence_paragraph_has_no_windows_and_lang_by_script():
    _, segs = _one_paragraph("Reuters reported the meeting took place in Istanbul on Saturday.", "ar")
    units = passages(segs, "ar")
    assert len(units) == 1 and units[0].whole_paragraph and units[0].lang == "en"
    _, segs = _one_paragraph("12345 67890.", "ar")
    assert passages(segs, "ar")[0].lang == "ar"  # no letters: the article's language


def test_boilerplate_never_becomes_a_passage():
    segs = [Segment("b", 0, BOILER, "Share", 0, 5), Segment("b", 1, RELATED, "Other story here.", 6, 23)]
    units = passages(segs, "en")
    assert [(p.segment_index, p.kind) for p in units] == [(1, RELATED)]
