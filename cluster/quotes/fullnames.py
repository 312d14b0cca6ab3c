"""Full names of people mentioned in an article: "الشيباني" -> "أسعد الشيباني", "Merz" -> "Friedrich Merz".

Split from ``names`` (which finds the mentions): this module answers, for a short name, which
mention of the article names that person in full, and does it from an index built once per article.
"""

from __future__ import annotations

from bisect import bisect_left

from cluster.quotes.boundary import region_noun
from cluster.quotes.lexicon import AR_AN_ADVERBS, AR_GENERIC
from cluster.quotes.names import AR_NAME_LINKS, Token, is_stop, mention_key, strip_article
from cluster.textnorm import normalize


def full_name(name: str, tokens: list[Token], runs: list[tuple[int, int]], lang: str) -> str | None:
    """The longest mention in ``tokens`` that ends with this name's last word and holds all its words
    ("الشيباني" -> "أسعد الشيباني", "أبو سلمية" -> "محمد أبو سلمية")."""
    parts = [strip_article(normalize(w)) if lang == "ar" else strip_article(w) for w in name.split()]
    if not parts:
        return None
    best: list[Token] = []
    wanted = set(parts)
    for words, keys in _runs_by_last_word(tokens, runs, lang).get(parts[-1], ()):
        if len(words) > max(len(best), len(parts)) and wanted <= keys:
            best = words
    if not best and lang == "ar" and len(parts) == 1 and _joined_and(parts[0]):
        return full_name(name[1:], tokens, runs, lang)  # a headline's "..وعرقاب: ..." is "محمد عرقاب"
    if lang == "ar" and len(best) > 3 and not any(t.norm in AR_NAME_LINKS for t in best):
        return None  # "ومشاهد تظهر لقاء فيدان": a run this long without بن / عبد is running text
    best = best[-4:] if lang == "ar" else best[-2:]
    return " ".join(t.text for t in best) if best else None


def _joined_and(key: str) -> bool:
    """A one-word name that opens with a joined و ("وعرقاب", "وبوشارب"): "and X", as headlines write a
    second speaker; only tried when no full mention ends in the word as written ("وليد" stays Walid)."""
    return key.startswith("و") and len(key) > 4


MentionIndex = dict[str, list[tuple[list[Token], set[str]]]]
_LAST_INDEX: tuple[object, object, str, MentionIndex] | None = None


def _runs_by_last_word(tokens: list[Token], runs: list[tuple[int, int]], lang: str) -> MentionIndex:
    """Each full mention's words and their keys, filed under its last word, in text order (Arabic:
    only mentions ``introduced`` as full names). ``full_name`` is asked once per
    reference and scanning every mention each time made the quote stage quadratic in article length
    (a long paragraph of "وقال X إن" clauses). The last index is kept with the very lists it was built
    from (an article's tokens and runs are built once and never changed), so a reuse is exact."""
    global _LAST_INDEX
    last = _LAST_INDEX
    if last is not None and last[0] is tokens and last[1] is runs and last[2] == lang:
        return last[3]
    index: MentionIndex = {}
    for first, end in runs:
        if lang == "ar" and not introduced(tokens, first):
            continue
        words = [t for t in tokens[first:end] if t.word and not t.text.lower().endswith(("'s", "’s"))]
        if words:
            index.setdefault(mention_key(words[-1], lang), []).append((words, {mention_key(t, lang) for t in words}))
    _LAST_INDEX = (tokens, runs, lang, index)
    return index


def introduced(tokens: list[Token], first: int) -> bool:
    """An Arabic full mention follows its title (its complement: "للنقابة", the last of its domains:
    "وزير المحروقات والمناجم محمد عرقاب") or a comma ("الرئيس الأميركي، دونالد ترامب"); a run
    after anything else may be a verb and a noun the word lists do not know ("تظهر لقاء فيدان")."""
    if first == 0:
        return False
    before = tokens[first - 1]
    if before.word and is_stop(before):
        return False  # إلى normalises to الي, which is no title with the article
    if first >= 2 and before.norm in AR_GENERIC and tokens[first - 2].norm == "في":
        return False  # "نفت قوات الدعم السريع في بيان عرقلة وصول المساعدات": in a statement, no title
    # "الكاتب العام للنقابة لطفي الحرزي": a title's complement with لل; "الباحث ... بالشارقة سالم المري";
    # a title phrase that ends in an adverb: "وزير الإعلام في الحكومة المعترف بها دوليا معمر الإرياني"
    return (not before.word and before.text in "،,") or before.norm.startswith(("ال", "لل", "وال", "بال")) or (
        before.norm in AR_GENERIC) or before.norm in AR_AN_ADVERBS or (first >= 2 and region_noun(tokens[first - 2]))
    # "رئيس المجلس البلدي لمدينة بيروت إبراهيم زيدان": after the region a title's complement names


def run_in_article(subject: list[Token], name: str, shift: int, tokens: list[Token], runs: list[tuple[int, int]],
                   starts: list[int]) -> str | None:
    """The article's own mention that opens where the subject's name opens and runs further within the
    subject: read alone, the subject has lost what ends it ("وقال المحافظ علي محسن العلاق، ... إن": the comma
    and the verb قال show العلاق closes the subject, a family name, no object), so its name is cut short. ``shift``: where the subject's segment begins in the article."""
    words = name.split()
    opening = next((t for t in subject if t.word and t.text == words[0]), None)
    if opening is None:
        return None
    at = bisect_left(starts, shift + opening.start)
    if at >= len(starts) or starts[at] != shift + opening.start:
        return None
    first, end = runs[at]
    mention = [t for t in tokens[first:end] if t.word]
    within = bool(mention) and mention[-1].end <= shift + subject[-1].end
    longer = len(words) < len(mention) <= 4 and [t.text for t in mention[:len(words)]] == words
    return " ".join(t.text for t in mention) if within and longer else None


LABEL_TO_NAME_WORDS = 3
"""Words the body may set between a headline label's words and the name ("مدير مستشفى ناصر الطبي X")."""


def label_holder(words: list[str], tokens: list[Token], runs: list[tuple[int, int]]) -> str | None:
    """A headline label of a title and an institution ("مدير مستشفى ناصر:", "مدير مجمع الشفاء:") whose body
    sentence writes the same words, then the person ("أعلن مدير مستشفى ناصر الطبي عاطف الحوت"): that person,
    named in two words or more, not the institution's name read alone as a person ("ناصر")."""
    wanted = [normalize(w) for w in words]
    starts = {first: end for first, end in runs}
    for k in range(1, len(tokens) - len(wanted)):
        if [t.norm for t in tokens[k: k + len(wanted)]] != wanted:
            continue
        after = k + len(wanted)
        for first in range(after, min(after + LABEL_TO_NAME_WORDS + 1, len(tokens))):
            if not tokens[first].word:
                break
            named = [t.text for t in tokens[first: starts.get(first, first)] if t.word]
            if len(named) >= 2:
                return " ".join(named)
    return None


def whole_name(subject: list[Token], name: str, shift: int | None, tokens: list[Token], runs: list[tuple[int, int]],
               starts: list[int]) -> str | None:
    """The name a subject read alone cut short: in the body, the article's own longer mention where the name
    opens (``run_in_article``; ``shift``: where the subject's segment begins); in a headline label (``shift``
    None) that holds a title before the name, the person the body names after the label's words
    (``label_holder``)."""
    if shift is not None:
        return run_in_article(subject, name, shift, tokens, runs, starts)
    words = [t.text for t in subject if t.word]
    return label_holder(words, tokens, runs) if len(words) > len(name.split()) else None
