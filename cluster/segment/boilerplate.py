"""Line-shape rules that tell page furniture and "read also" markers from story text.

A scraped news page mixes the story with navigation, bylines, datelines, captions, tag lists,
credits and subscription notices. None of these are facts of the story and none are worth matching
across articles, so they are marked boilerplate. The rules here look at one paragraph at a time and
use only what holds on any outlet: marker phrases (Arabic and English, in the named tables below),
word count, sentence-final punctuation, a parenthesised credit at the end, a line that is only a
date. Context rules (position in the page, neighbouring furniture, lines repeated across articles,
the return of the host story after a related block) live in ``cluster.segment.paragraphs``.

Every table is written as people type it; entries are normalised with ``textnorm`` at import, so
hamza forms, tanween and case do not matter ("إقرأ أيضاً" == "اقرا ايضا").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from cluster.textnorm import normalize, word_tuple, words

SENTENCE_END = ".!?؟…。"
"""A paragraph whose last character (closing quotes and brackets aside) is one of these is a sentence."""
_CLOSERS = "\"'”’»)]›」』 \t"


def line_key(text: str) -> str:
    """The comparison form of a line: normalised words joined by one space, punctuation dropped."""
    return " ".join(words(text))


def _keys(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(line_key(e) for e in entries)


# --- Tables ---------------------------------------------------------------------------------------

WIDGET_LINES = _keys([
    # Navigation, section tabs, live-blog badges.
    "أخبار", "الأخبار", "مباشر", "عاجل", "التحديثات الحية", "الرئيسية", "الصفحة الرئيسية", "بحث",
    "News", "Live", "Breaking", "Breaking News", "Home", "Menu", "Search", "Latest",
    # Share / comment / print / font-size buttons.
    "الخط", "حجم الخط", "شارك", "مشاركة", "شارك الخبر", "تعليقات", "التعليقات", "طباعة", "نسخ الرابط",
    "Share", "Share this", "Share this article", "Comments", "Comment", "Print", "Email", "Tweet",
    "Facebook", "Twitter", "WhatsApp", "Telegram", "LinkedIn", "Copy link", "Font size",
    # Media, advertising, widget chrome.
    "إعلان", "اعلان", "فيديو", "صور", "استمع", "شاهد", "Advertisement", "Sponsored", "Video", "Photos",
    "Listen", "Watch", "Close", "إغلاق", "Load more", "Show more", "التالي", "السابق", "Next", "Previous",
    "Listen to this article", "Save", "Save article", "Follow", "Sign in", "Log in", "Skip to content",
    "Skip to main content", "Back to top", "Continue reading", "Story continues below advertisement",
    "Image", "Caption", "شارك هذا المقال", "تابعنا", "اضغط هنا", "أضف تعليق", "أضف تعليقا",
    # Author avatar alt text, tag and contributor widget titles.
    "avatar", "avata", "دلالات", "وسوم", "Tags", "المساهمون", "المساهمين", "Contributors", "Topics",
])
"""Whole lines that are page widgets, compared after normalisation (symbols around them ignored)."""

RELATED_MARKERS = _keys([
    "إقرأ أيضاً", "اقرأ أيضا", "اقرأ كذلك", "إقرأ المزيد", "اقرأ المزيد", "طالع أيضا", "شاهد أيضا",
    "للمزيد", "مواضيع ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة", "موضوعات ذات صلة", "ذات صلة",
    "قد يهمك", "قد يهمك أيضا", "قد يعجبك أيضا", "الأكثر قراءة", "الأكثر مشاهدة", "اخترنا لك",
    "Read also", "Also read", "Read more", "See also", "Related", "Related articles",
    "Related stories", "Related news", "Related coverage", "Related content", "Related topics",
    "You may also like", "You might also like", "Recommended", "Recommended for you", "Most read",
    "Most popular", "Trending", "Trending now", "Editor's picks", "Don't miss", "More stories",
    "Top stories", "Further reading", "More on this story",
])
"""Lines that announce other stories; what follows them is related until the host story resumes."""

RELATED_MARKER_PREFIXES = _keys(["المزيد في", "المزيد من", "More in", "More from", "More on"])
"""Section teasers ("المزيد في سياسة", "More in Politics"): the prefix plus at most three words."""

LABEL_PREFIXES: dict[str, frozenset[str]] = {
    "tags": _keys(["كلمات دلالية", "الكلمات الدلالية", "كلمات مفتاحية", "الكلمات المفتاحية", "وسوم",
                   "Tags", "Tagged", "Topics", "Keywords", "Filed under"]),
    "source": _keys(["المصدر", "مصدر", "المصادر", "Source", "Sources", "Via"]),
    "credit": _keys(["صورة", "الصورة", "تصوير", "صورة أرشيفية", "Photo", "Image", "Picture",
                     "Photograph", "Credit", "Photo credit", "File photo", "Image source",
                     "Image caption"]),
    "byline": _keys(["بقلم", "كتب", "كتبت", "إعداد", "تحرير", "الكاتب", "Author", "Written by", "By",
                     "Reporting by", "Reported by", "Editing by", "Additional reporting by"]),
}
"""Labelled lines: the label, then a colon or dash (or the name directly for bylines)."""

_LABEL_MAX_WORDS = {"tags": 30, "source": 12, "credit": 25, "byline": 14}
_WEAK_BYLINE = _keys(["By", "كتب", "كتبت", "إعداد", "تحرير"])
"""Byline words that also start ordinary sentences: without a colon they need a name-sized line."""

AGENCIES = _keys([
    "الأناضول", "رويترز", "فرانس برس", "أ ف ب", "أسوشيتد برس", "وكالات", "د ب أ", "شينخوا", "واس",
    "وام", "قنا", "كونا", "بترا", "سانا", "Reuters", "AP", "AFP", "Associated Press", "Anadolu",
    "DPA", "Xinhua", "EPA", "Getty Images", "Bloomberg", "UPI", "PTI", "IANS", "ANI",
])
"""News agencies: a short line naming one is a dateline or credit, not a story sentence."""

MEDIA_TAGS = _keys(["فيديو", "صور", "بالصور", "بالفيديو", "شاهد", "Video", "Photos", "Watch", "Live"])
"""Parenthesised endings that mark a headline's media type, not a photo credit."""

NOTICE_CUES = [re.compile(p) for p in (
    r"\bsubscribe\b", r"\bnewsletters?\b", r"^\d+\s*min(?:ute)?s?(?: read)?$", r"\bsign up\b", r"all rights reserved",
    r"©", r"\bcopyright\b", r"\bfollow us\b", r"\bcookies?\b", r"\bclick here\b", r"\bdownload (?:our|the) app\b",
    r"للمشتركين", r"\bالاشتراك\b", r"\bللاشتراك\b", r"\bاشترك(?:وا)?\b", r"النشره البريديه",
    r"جميع الحقوق محفوظه", r"حقوق النشر", r"تابعونا", r"اضغط هنا", r"انقر هنا", r"الرابط التالي",
)]
"""Subscription / copyright / call-to-action cues; a notice needs two of them (one if very short)."""
_ANY_NOTICE_CUE = re.compile("|".join(f"(?:{c.pattern})" for c in NOTICE_CUES))

# Calendar words for date-only lines (normalised forms; Levantine and Maghreb month names too).
_MONTHS = _keys([
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس",
    "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز",
    "آب", "أيلول", "تشرين", "جانفي", "فيفري", "أفريل", "ماي", "جوان", "جويلية", "أوت",
])
_WEEKDAYS = _keys([
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "الأحد", "الاثنين", "الإثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "أحد", "اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت",
])
_CLOCK = _keys([
    "am", "pm", "a", "p", "m", "ص", "م", "هـ", "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "EST",
    "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "PT", "CT", "MT", "IST", "AEST", "AKDT",
    "HKT", "MSK", "AST", "hrs", "بتوقيت", "غرينتش", "جرينتش", "ago", "hours", "hour", "minutes", "days",
    "day", "year", "years", "منذ", "ساعة", "ساعات", "ساعتين", "دقيقة", "دقائق", "يوم", "أيام", "الأول", "الثاني",
])
_DATE_LABELS = _keys([
    "published", "updated", "posted", "last", "first", "on", "at", "of", "created", "story", "edited",
    "time", "date", "originally", "modified", "downloaded", "local", "تاريخ", "النشر", "نشر", "بتاريخ",
    "آخر", "اخر", "تحديث", "التحديث", "في", "الساعة", "محدث",
])
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|am|pm|a|p|h)?")
_CLOCK_TIME = re.compile(r"\d{1,2}\s?:\s?\d{2}")
_PHOTO_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{2,4}\b")


_MARKER_SEPARATOR = re.compile(r"[:\-–—|»>…]+|\.{2,}")
"""What separates a "read also" marker from the headline it introduces ("اقرأ أيضا: ...")."""
_HAS_LETTER = re.compile(r"[^\W\d_]")

# --- Shape helpers -------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def letter_words(text: str) -> tuple[str, ...]:
    """Normalised words that contain a letter (numbers, times and symbols do not make a line long).

    Memoised: most line-shape rules ask for it, for every line of every article."""
    return tuple(w for w in word_tuple(text) if _HAS_LETTER.search(w))


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence (closing quotes and brackets after the mark allowed)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def is_headline_shaped(text: str) -> bool:
    """A headline: 3 to 20 words, no sentence-final punctuation, not a lead-in ending with a colon."""
    n = len(letter_words(text))
    return 3 <= n <= 20 and not ends_sentence(text) and not text.rstrip().endswith((":", "،", ","))


def is_sentence_like(text: str) -> bool:
    """Story prose: a finished sentence of 6+ words, or 20+ words whatever the punctuation."""
    n = len(letter_words(text))
    return (n >= 6 and ends_sentence(text)) or n >= 20


def is_short_label(text: str) -> bool:
    """At most three words and no sentence punctuation: a label, a name, a place, a section.

    In Latin script labels and names are capitalised, so among two or more words a lower-case one of
    four or more letters ("No injuries reported") makes the line a phrase of the story instead.
    """
    n = len(letter_words(text))
    if n > 3 or ends_sentence(text):
        return False
    return n < 2 or not re.search(r"(?<![\w'’])[a-z]{4,}", text)


# --- Rules ---------------------------------------------------------------------------------------

def related_marker(text: str) -> str | None:
    """``"marker"`` for a "read also" line, ``"marker+headline"`` when a headline follows on the same
    line ("Read more: Minister resigns"), else None."""
    key = line_key(text)
    if key in RELATED_MARKERS:
        return "marker"
    toks = key.split()
    for prefix in RELATED_MARKER_PREFIXES:
        if key.startswith(prefix + " ") and len(toks) - len(prefix.split()) <= 3 and not ends_sentence(text):
            return "marker"
    stripped = text.strip()
    sep = _MARKER_SEPARATOR.search(stripped)  # the separator alone: "\s*SEP" backtracks on long blank runs
    if sep and line_key(stripped[: sep.start()]) in RELATED_MARKERS and len(letter_words(stripped[sep.end():])) >= 3:
        return "marker+headline"
    return None


def furniture_reason(text: str) -> str | None:
    """Why a paragraph on its own is page furniture, or None. Context-free rules only."""
    key = line_key(text)
    n = len(letter_words(text))
    if is_date_line(text):
        return "date line"
    if n == 0:
        return "no words"
    if key in WIDGET_LINES:
        return "widget"
    label = _label(text, key, n)
    if label:
        return label
    if _is_caption(text, n):
        return "caption"
    if n <= 6 and not ends_sentence(text) and not text.rstrip().endswith(":") and _is_dateline(text, key):
        return "dateline"
    if _is_notice(text, key, n):
        return "notice"
    return None


def _label(text: str, key: str, n: int) -> str | None:
    norm = normalize(text).strip(" \t\"'(«")
    for reason, prefixes in LABEL_PREFIXES.items():
        if n > _LABEL_MAX_WORDS[reason] or (reason != "tags" and ends_sentence(text) and n > 4):
            continue
        for p in prefixes:
            if key == p:
                return reason
            if not key.startswith(p + " "):
                continue
            # "Source: X", "Image source, AFP"; bylines may omit the colon ("By Jane Doe").
            if re.match(re.escape(p).replace(r"\ ", r"\W+") + r"\s*[:\-|,]", norm):
                return reason
            if reason == "byline" and not ends_sentence(text) and (n <= 6 or p not in _WEAK_BYLINE):
                return reason
    return None


def _is_caption(text: str, n: int) -> bool:
    """A photo caption: not a sentence, and a short credit in parentheses at the end (or the whole
    line a parenthesised credit), or photo metadata with a numeric date."""
    stripped = text.strip()
    if ends_sentence(stripped):
        return False
    m = re.search(r"\(([^()]{1,80})\)[\s\"'”’»\]]*$", stripped)
    if m:
        inside = letter_words(m.group(1))
        before = stripped[: m.start()].strip()
        if 1 <= len(inside) <= 12 and line_key(m.group(1)) not in MEDIA_TAGS and not ends_sentence(m.group(1)):
            if not before:  # "(الأناضول، العربي الجديد)", "(Reporting by ...; Editing by ...)"
                return True
            if len(inside) <= 6 and n <= 30 and not ends_sentence(before):
                return True
    # Photo metadata: a numeric date in a short non-sentence ("... بإسطنبول 3/11/2025 الخارجية التركية").
    return n <= 15 and bool(_PHOTO_DATE.search(text))


def is_date_line(text: str) -> bool:
    """Only a date / time, maybe with a label ("Published:", "تاريخ النشر") or a place.

    Tokens are sorted into calendar tokens (numbers, months, weekdays, clock words, time zones),
    label words, and unknown words; a date line has a calendar anchor (a month or weekday, a clock
    time, a numeric date) and at most three unknown words, no more than its calendar tokens.
    """
    if ends_sentence(text):
        return False
    toks = words(text)
    if not toks or len(toks) > 20:
        return False
    anchor = bool(_CLOCK_TIME.search(text) or _NUMERIC_DATE.search(text))
    calendar = unknown = 0
    for t in toks:
        if t in _MONTHS or t in _WEEKDAYS:
            calendar += 1
            anchor = True
        elif t in _CLOCK or _ORDINAL.fullmatch(t):
            calendar += 1
        elif t not in _DATE_LABELS:
            unknown += 1
    return anchor and unknown <= 3 and unknown <= calendar


def _is_dateline(text: str, key: str) -> bool:
    """"أنقرة/ الأناضول", "LONDON (Reuters) -", "Gaza, AFP": a place and an agency, or place/source."""
    n = len(letter_words(text))
    padded = f" {key} "
    if any(f" {a} " in padded for a in AGENCIES) and (n <= 3 or re.search(r"[/(),\-–—|]", text)):
        return True
    return n <= 4 and bool(re.search(r"\w\s*/\s*\w", text))


def _is_notice(text: str, key: str, n: int) -> bool:
    """Subscription, newsletter, copyright or call-to-action text (not a long story paragraph)."""
    if n > 50:
        return False
    low = normalize(text)
    if not _ANY_NOTICE_CUE.search(low):  # most paragraphs: one scan instead of one per cue
        return False
    hits = sum(bool(c.search(low)) for c in NOTICE_CUES)
    return hits >= 2 or (hits == 1 and n <= 8)


def repeat_key(text: str) -> str | None:
    """The key under which a line counts as repeated across articles: short (<= 8 words)
    non-sentences only, so that a sentence copied by several outlets is never site furniture."""
    if ends_sentence(text) or not 1 <= len(letter_words(text)) <= 8:
        return None
    return line_key(text)


def repeated_lines(articles: Sequence[Sequence[str]], min_articles: int) -> frozenset[str]:
    """Keys of short lines found in ``min_articles`` or more of the articles (paragraph texts each):
    a masthead, a section name, a promo repeated by a site on every page. Off below two articles."""
    if min_articles < 2 or len(articles) < min_articles:
        return frozenset()
    counts: dict[str, int] = {}
    for paragraphs in articles:
        for key in {k for t in paragraphs if (k := repeat_key(t))}:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, c in counts.items() if c >= min_articles)
