"""The subject an Arabic verb finds before it: "وكان X قد أكد", "غير أن مصدرا مطلعا قال", "أما X فقال",
"غير أن رئيس الجمعية، X، قال". Split from ``attribution`` (its size)."""

from __future__ import annotations

from cluster.quotes.lexicon import AR_GENERIC, AR_PURPOSE_VERBS, AR_RETURNED
from cluster.quotes.names import Token, name_runs
from cluster.quotes.sources import AR_SOURCE_HEADS, strip_prefix_article
from cluster.quotes.triggers import clitic_forms
from cluster.textnorm import normalize

AR_BUT = frozenset(normalize(w) for w in "لكن ولكن لكنّ".split())
AR_BUT_THAT = frozenset(normalize(w) for w in "غير إلا بيد".split())
""""غير أن", "إلا أن", "بيد أن": "but", whose noun is the subject of the verb after it."""
_NOUN_HEADS = AR_SOURCE_HEADS | AR_GENERIC
AR_BUT_SUBJECT_WORDS = 12


def arabic_fronted_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The subject of "وكان X قد أكد": the words between كان and قد before the verb; else the noun of
    "لكن"/"غير أن" before it ("غير أن مصدرا مطلعا على التحقيقات قال لـ«الجريدة» إن")."""
    if verb < 2 or tokens[verb - 1].norm != "قد":
        return _after_amma(tokens, verb) or _after_but(tokens, verb) or _after_returned(tokens, verb)
    for k in range(verb - 2, max(verb - 14, -1), -1):
        if any(form in {"كان", "كانت"} for form in clitic_forms(tokens[k].norm)):
            return [t for t in tokens[k + 1: verb - 1] if t.word]
    return []


def _after_but(tokens: list[Token], verb: int) -> list[Token]:
    """"لكن مصدرا دبلوماسيا عربيا حضر الاجتماع قال": the words between "but" and the verb, the
    accusative ending that "لكن"/"أن" gives an indefinite noun taken off ("مصدرا" is "مصدر"), so the
    source phrase reads as it does after a verb. Only up to ``AR_BUT_SUBJECT_WORDS`` words, none of them
    punctuation: a title, where the person lives and the name ("غير أن عالم الآثار السوري المقيم في باريس X
    Y Z حذر") take twelve, as many as the subject read after a verb."""
    if (named := _apposed_after_but(tokens, verb)) is not None:
        return named
    for k in range(verb - 1, max(verb - 2 - AR_BUT_SUBJECT_WORDS, -1), -1):
        if not tokens[k].word:
            return []
        opens = tokens[k].norm in AR_BUT or (k > 0 and tokens[k].norm == "ان" and tokens[k - 1].norm in AR_BUT_THAT)
        if opens and k + 1 < verb:
            return _without_accusative(tokens[k + 1: verb])
    return []


def _apposed_after_but(tokens: list[Token], verb: int) -> list[Token] | None:
    """"غير أن رئيس جمعية واحة درعة للتنمية، الحسين آيت بلا، قال": after "but" a title, then its holder's
    name between two commas right before the verb: the name (None when the words are not so)."""
    if verb < 4 or tokens[verb - 1].text not in "،,":
        return None
    second = next((k for k in range(verb - 2, max(verb - 6, 0), -1) if not tokens[k].word), None)
    if second is None or tokens[second].text not in "،," or second + 1 >= verb - 1:
        return None
    name = tokens[second + 1: verb - 1]
    runs = name_runs(name, "ar")
    if len(runs) != 1 or runs[0][1] != len(name) or runs[0][1] - runs[0][0] < 2:
        return None  # "الحسين آيت بلا": a definite given name may stand before the run
    for k in range(second - 1, max(second - 10, 0), -1):
        if not tokens[k].word:
            return None
        if tokens[k].norm in AR_BUT or (tokens[k].norm == "ان" and tokens[k - 1].norm in AR_BUT_THAT):
            return name if k + 1 < second else None
    return None


def _after_amma(tokens: list[Token], verb: int) -> list[Token]:
    """"أما سلمى العبد الله، وهي أم لثلاثة أطفال، فقالت إن", "أما رئيس الوفد السوداني فقال": the topic of
    أما ... فـ is the verb's subject, up to the first comma (what follows it describes the speaker)."""
    if not tokens[verb].norm.startswith("ف"):
        return []
    for k in range(verb - 1, max(verb - 16, -1), -1):
        if tokens[k].norm == "اما":
            words = []
            for token in tokens[k + 1: verb]:
                if not token.word:
                    break
                words.append(token)
            return words
        if not tokens[k].word and tokens[k].text in ".:؟?!":
            return []
    return []


RETURNED_WINDOW = 8
"""Words a subject of عاد may have before the ل-verb ("وعادت وزارة الخارجية وشؤون المغتربين لتؤكد")."""


def _after_returned(tokens: list[Token], verb: int) -> list[Token]:
    """"وعاد المومني ليؤكد أن", "وعادت وزارة الخارجية لتؤكد، في بيان، أن": a ل-verb of purpose has no
    subject of its own; the speaker is the subject of عاد, the words between the two verbs."""
    if tokens[verb].norm not in AR_PURPOSE_VERBS:
        return []
    for k in range(verb - 1, max(verb - RETURNED_WINDOW - 1, -1), -1):
        if not tokens[k].word:
            return []
        if tokens[k].norm in AR_RETURNED:
            return tokens[k + 1: verb]
    return []


def _without_accusative(words: list[Token]) -> list[Token]:
    """"مصدرا مطلعا" -> "مصدر مطلع": when the head is a source or title noun in the accusative, each
    indefinite word's alif is taken off; other words are kept as written ("غير أن تركيا قالت")."""
    head = words[0]
    if not (head.norm.endswith("ا") and strip_prefix_article(head.norm[:-1]) in _NOUN_HEADS):
        return words
    return [Token(t.text[:-1], t.start, t.end - 1, True)
            if len(t.norm) > 3 and t.norm.endswith("ا") and not t.norm.startswith("ال") else t for t in words]
