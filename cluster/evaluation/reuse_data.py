"""Arabic edited-reuse dev set: passages of sources copied, with obfuscation, into unrelated hosts.

Why: the held-out reuse data (passages of 50-300 words pasted into longer documents at arbitrary
positions, shuffled, with synonyms or lightly paraphrased) has no public Arabic counterpart, so this
builds one from text nobody on the project wrote: the Arabic side of ``ntrex-ar-en-dev`` (CC BY-SA
4.0) as sources and hosts, and the sample pages in ``seeds/`` as hosts (with their page furniture).

Hard on purpose (a set the paragraph matcher already solves measures nothing): news hosts are
reflowed into paragraphs of 150-400 words (each such paragraph a host of its own: the Arabic text is
small), a word shuffle moves runs of 1-4 words across the whole passage, a phrase shuffle reorders
sentences and clauses, a synonym edit replaces 20-30% of the content words (as far as the hand-made
list covers them), a light paraphrase edits function words, swaps clauses and replaces a tenth of the
listed words. Each passage is pasted into 2-3 hosts, each copy edited on its own (35% none, 35% word
or phrase shuffling, 20% synonyms, 10% paraphrase), so a split holds 64-79 source-copy pairs and the
copy-copy pairs beside them. With alignment off (``reuse_eval --no-align``) dev edited recall is 0.549.

Deterministic (one seed); ``python -m cluster.evaluation.reuse_data [OUT]`` writes ``dev/`` and
``heldout/`` (different sources and hosts) in the ``shared/eval`` format; every duplicate carries
``start``/``end`` offsets and an extra ``obfuscation`` key. Hosts without reuse stay in the set as
precision checks.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from cluster.evaluation.data import REPO_ROOT, eval_set, missing_reason

OBFUSCATIONS = (("none", 0.35), ("shuffle", 0.35), ("synonym", 0.20), ("paraphrase", 0.10))
SYNONYMS = {
    "قال": "أضاف", "أضاف": "أوضح", "أوضح": "ذكر", "ذكر": "قال", "أعلن": "صرح", "أكد": "شدد",
    "الرئيس": "الزعيم", "رئيس": "زعيم", "الحكومة": "السلطات", "السلطات": "الحكومة", "الشرطة": "قوات الأمن",
    "كبير": "ضخم", "كبيرة": "ضخمة", "صغير": "ضئيل", "جديد": "حديث", "جديدة": "حديثة", "مهم": "هام",
    "بدأ": "شرع", "بدأت": "شرعت", "قرر": "عزم", "يريد": "يرغب", "يجب": "ينبغي", "أيضا": "كذلك",
    "أيضًا": "كذلك", "لكن": "غير أن", "بعد": "عقب", "قبل": "سابقا", "خلال": "أثناء", "حوالي": "نحو",
    "الناس": "المواطنين", "الأطفال": "الصغار", "المدينة": "البلدة", "البلاد": "الدولة", "العالم": "المعمورة",
    "الماضي": "المنصرم", "المقبل": "القادم", "اليوم": "هذا اليوم", "الأسبوع": "الاسبوع", "العام": "السنة",
    "عام": "سنة", "قتل": "لقي حتفه", "مشكلة": "معضلة", "سريع": "عاجل", "عدد": "جملة", "حاليا": "الآن",
    "فقط": "لا غير", "جميع": "كل", "منطقة": "ناحية", "المنطقة": "الناحية", "تقرير": "بيان", "الحرب": "النزاع",
    "هجوم": "اعتداء", "الهجوم": "الاعتداء", "مسؤول": "مسؤولون", "الوزير": "المسؤول الحكومي", "وقال": "وأضاف",
    "وأضاف": "وأوضح", "وأكد": "وشدد", "حيث": "إذ", "ولكن": "غير أن", "المباراة": "اللقاء", "الفريق": "النادي",
}
"""A small hand-made list of Arabic near-synonyms (verbs of saying, titles, common nouns)."""
SYNONYMS.update({
    "يوم": "نهار", "أكثر": "أزيد", "بشأن": "حول", "حول": "بخصوص", "بعض": "عدد من", "هناك": "ثمة",
    "شخص": "فرد", "الأشخاص": "الأفراد", "عندما": "حين", "أحد": "واحد من", "بين": "ما بين", "وقت": "زمن",
    "منذ": "من", "أخرى": "ثانية", "تغيير": "تبديل", "أعضاء": "منتسبي", "الساعة": "الوقت", "وجود": "حضور",
    "يتم": "يجري", "مثل": "على غرار", "تكون": "تصبح", "حتى": "إلى أن", "يمكن": "من الممكن", "كل": "جميع",
    "قام": "عمد", "جانب": "ناحية", "ضد": "في مواجهة", "بسبب": "جراء", "بينما": "في حين", "عبر": "من خلال",
    "العمر": "السن", "الأول": "الأولى", "سلسلة": "مجموعة", "أثناء": "خلال", "الانتخابات": "الاقتراع",
    "أجل": "غرض", "العديد": "الكثير", "المتوقع": "المرتقب", "أيام": "أيامًا", "الأمطار": "المطر",
    "أمام": "قبالة", "الأمر": "المسألة", "داخل": "في", "مجال": "ميدان", "الأخرى": "الثانية",
    "لمدة": "طيلة", "حدوث": "وقوع", "موقع": "مكان", "الوقت": "الزمن", "بشكل": "على نحو", "حدث": "وقع",
    "مجموعة": "جماعة", "القبض": "الإمساك", "بمثابة": "بحكم", "بالنسبة": "فيما يخص", "السيد": "المدعو",
    "مرة": "كرة", "المدارس": "المعاهد", "لاعب": "رياضي", "تمامًا": "كليًا", "وفقًا": "طبقًا",
    "العثور": "الوقوف", "لصالح": "لمصلحة", "يبدو": "يظهر", "حالة": "وضع", "هيئة": "جهة", "ارتفاع": "صعود",
    "الجزء": "القسم", "نهاية": "ختام", "قوة": "شدة", "التحقيقات": "التحريات", "بداية": "مطلع",
    "شرطة": "أمن", "أنحاء": "أرجاء", "الطريقة": "الأسلوب", "الحادث": "الواقعة", "المركز": "الموقع",
    "أيضًا": "كذلك", "كبار": "أبرز", "قالت": "أضافت", "أعلنت": "صرحت", "أكدت": "شددت",
    "الدولة": "البلاد", "الدول": "البلدان", "دولة": "بلد", "الشعب": "المواطنين", "مدينة": "بلدة",
    "قرار": "حكم", "القرار": "الحكم", "التصويت": "الاقتراع", "الحزب": "التنظيم", "حزب": "تنظيم",
    "كانت": "أضحت", "كان": "أضحى", "وكان": "وأضحى", "يوجد": "يتواجد", "عدة": "بضعة", "كثير": "وفير",
    "الجديد": "الحديث", "الجديدة": "الحديثة", "الكبير": "الضخم", "الكبيرة": "الضخمة", "الحالي": "الراهن",
    "الحالية": "الراهنة", "أول": "مستهل", "آخر": "أحدث", "طريق": "سبيل", "عمل": "شغل", "العمل": "الشغل",
    "مكان": "موضع", "المكان": "الموضع", "الأرض": "التراب", "المال": "الأموال", "سبب": "دافع",
    "الحكومية": "الرسمية", "رسمي": "حكومي", "تقارير": "بيانات", "التقرير": "البيان", "وسائل": "أدوات",
    "الإعلام": "الصحافة", "الصحفيين": "الإعلاميين", "المسؤولين": "المسؤولون", "المواطنين": "الأهالي",
})
"""More hand-made near-synonyms, from the most frequent content words of the NTREX Arabic side."""
CONTENT_MIN_LEN = 3
"""Words shorter than this (و, في, من) are function words, never counted as content."""
HOST_WORDS = (150, 400)
"""Words of a host paragraph a passage is pasted into (news hosts are reflowed to this)."""
SYNONYM_SHARE = (0.20, 0.30)
"""Share of a passage's content words a synonym edit replaces (the issue's held-out data)."""
FUNCTION_WORDS = ("قد", "أيضا", "حيث", "إن", "فقد", "كما", "وقد", "ثم")
"""Inserted or dropped by the light paraphrase."""
SOURCES = 10
"""Source pages per split (the rest of the split's pages are cut into hosts)."""
PASSAGES_PER_SOURCE = 4
COPIES = (2, 3)
"""Hosts each passage is pasted into (news carries one wire passage in several outlets)."""
BETWEEN_COPIES = "between-copies"
"""Obfuscation label of a pair of two hosts carrying one passage (each copy edited on its own)."""
DROPPABLE = frozenset({"قد", "لقد", "وقد", "أن", "إن", "التي", "الذي", "ذلك", "هذا", "هذه", "كما", "أيضا", "فقد"})


@dataclass
class Doc:
    id: str
    text: str
    lang: str = "ar"


def _seed_docs() -> list[Doc]:
    paths = sorted((REPO_ROOT / "seeds").glob("*.txt"))
    return [Doc(f"seed-{p.stem[:3]}", p.read_text(encoding="utf-8")) for p in paths]


def _ntrex_docs() -> tuple[list[Doc], dict[str, int]]:
    folder = eval_set("ntrex-ar-en-dev")
    if folder is None:
        raise SystemExit(missing_reason("ntrex-ar-en-dev"))
    rows = [json.loads(line) for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    story = {d: k for k, s in enumerate(gold["stories"]) for d in s}
    return [Doc(r["id"], r["text"]) for r in rows if r["lang"] == "ar"], story


# ----------------------------------------------------------------------------------- obfuscation
def obfuscate(words: list[str], kind: str, rng: random.Random) -> list[str]:
    """The words of a reused passage after one obfuscation (``none`` keeps them)."""
    return obfuscate_labelled(words, kind, rng)[0]


def obfuscate_labelled(words: list[str], kind: str, rng: random.Random) -> tuple[list[str], str]:
    """``obfuscate``, and the edit made: a ``shuffle`` is a ``word-shuffle`` or a ``phrase-shuffle``."""
    if kind == "shuffle":
        if rng.random() < 0.5:
            return _phrase_shuffle(words, rng), "phrase-shuffle"
        return _word_shuffle(words, rng), "word-shuffle"
    if kind == "synonym":
        return _synonyms(words, rng), kind
    if kind == "paraphrase":  # function-word edits, clause swaps and a few synonyms
        return _light_paraphrase(words, rng, share=0.1), kind
    return list(words), kind


def _bare(word: str) -> str:
    return word.strip("،.؛:!؟\"'()")


def _synonyms(words: list[str], rng: random.Random) -> list[str]:
    """20-30% of the content words replaced from the list (as many as it covers, in random order)."""
    content = [k for k, w in enumerate(words) if len(_bare(w)) >= CONTENT_MIN_LEN and _bare(w) not in DROPPABLE]
    listed = [k for k in content if _bare(words[k]) in SYNONYMS]
    want = round(rng.uniform(*SYNONYM_SHARE) * len(content))
    out = list(words)
    for k in rng.sample(listed, min(want, len(listed))):
        out[k] = words[k].replace(_bare(words[k]), SYNONYMS[_bare(words[k])])
    return " ".join(out).split()


def _sentences(words: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for w in words:
        out[-1].append(w)
        if re.search(r"[.!؟?]$", w) or len(out[-1]) >= 25:
            out.append([])
    return [s for s in out if s]


def _phrase_shuffle(words: list[str], rng: random.Random) -> list[str]:
    """Sentences reordered, and phrases of 2-5 words reordered inside each (clauses move)."""
    out = []
    sentences = _sentences(words)
    rng.shuffle(sentences)
    for sent in sentences:
        phrases, k = [], 0
        while k < len(sent):
            n = rng.randint(2, 5)
            phrases.append(sent[k : k + n])
            k += n
        rng.shuffle(phrases)
        out += [w for p in phrases for w in p]
    return out


def _word_shuffle(words: list[str], rng: random.Random) -> list[str]:
    """Runs of 1-4 words moved anywhere in the whole passage, each run's words also permuted."""
    runs, k = [], 0
    while k < len(words):
        n = rng.randint(1, 4)
        run = words[k : k + n]
        rng.shuffle(run)
        runs.append(run)
        k += n
    rng.shuffle(runs)
    return [w for r in runs for w in r]


def _light_paraphrase(words: list[str], rng: random.Random, share: float) -> list[str]:
    """Function words dropped or inserted, the two halves of some sentences swapped, ``share`` of the
    listed content words replaced by a synonym."""
    out = []
    words = [w.replace(_bare(w), SYNONYMS[_bare(w)]) if _bare(w) in SYNONYMS and rng.random() < share else w
             for w in words]
    for sent in _sentences(" ".join(words).split()):
        sent = [w for w in sent if not (w in DROPPABLE and rng.random() < 0.6)]
        if len(sent) > 8 and rng.random() < 0.5:
            cut = len(sent) // 2
            sent = sent[cut:] + ["و" + sent[0]] + sent[1:cut]
        for _ in range(max(1, len(sent) // 12)):
            sent.insert(rng.randrange(len(sent) + 1), rng.choice(FUNCTION_WORDS))
        out += sent
    return out


# ----------------------------------------------------------------------------------- insertion
def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def pick_passage(src: Doc, taken: list[tuple[int, int]], rng: random.Random) -> tuple[int, int] | None:
    """A run of 50-300 words of ``src`` (starting at a sentence start) not overlapping ``taken``."""
    spans = _word_spans(src.text)
    ends_sentence = [bool(re.search(r"[.!؟?]$", src.text[s:e])) for s, e in spans]
    starts = [k for k in range(len(spans)) if k == 0 or ends_sentence[k - 1]]
    for _ in range(50):
        k = rng.choice(starts)
        n = min(rng.randint(50, 300), len(spans) - k)
        if n < 50:
            continue
        s, e = spans[k][0], spans[k + n - 1][1]
        if all(e <= ts or s >= te for ts, te in taken):
            return s, e
    return None


def long_paragraphs(text: str, rng: random.Random) -> str:
    """The host's paragraphs joined into paragraphs of 150-400 words (the issue's hosts are long
    paragraphs; a short one makes a pasted passage most of its paragraph, and easy to find)."""
    out: list[list[str]] = [[]]
    target = rng.randint(*HOST_WORDS)
    for para in (p for p in text.split("\n") if p.strip()):
        if sum(len(p.split()) for p in out[-1]) >= target:
            out.append([])
            target = rng.randint(*HOST_WORDS)
        out[-1].append(para.strip())
    return "\n\n".join(" ".join(group) for group in out)


def insertion_point(host: str, rng: random.Random, avoid: list[tuple[int, int]] = ()) -> int:
    """A word boundary inside a long paragraph of the host (never at a paragraph's start or end, nor
    inside a span of ``avoid``: a passage pasted earlier)."""
    found = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", host)]
    size = {span: len(host[span[0]:span[1]].split()) for span in found}
    paras = [p for p in found if size[p] >= HOST_WORDS[0]] or [p for p in found if size[p] >= 20]
    ps, pe = rng.choice(paras)
    gaps = [m.start() for m in re.finditer(r" (?=\S)", host[ps:pe])]
    gaps = [g for g in (gaps[2:-2] or gaps) if not any(s <= ps + g < e for s, e in avoid)]
    return ps + rng.choice(gaps)


def build_split(sources: list[Doc], hosts: list[Doc], clean: int, rng: random.Random, name: str) -> tuple[list, dict]:
    """Paste passages of ``sources`` into all hosts but the last ``clean``; gold pairs with offsets.

    Each passage goes into ``COPIES`` hosts, each copy obfuscated on its own: the gold holds every
    source-copy pair (typed by its obfuscation) and every copy-copy pair (``obfuscation``
    ``between-copies``: both sides edited, a pair a reader would also want found).
    """
    receiving = hosts[: len(hosts) - clean]
    plan: dict[str, list[tuple[str, tuple[int, int]]]] = {h.id: [] for h in receiving}
    for sid, span in _passages(sources, rng):
        load = sorted(receiving, key=lambda h: (len(plan[h.id]), rng.random()))
        for host in load[: rng.randint(*COPIES)]:
            plan[host.id].append((sid, span))
    deck = _Deck(rng)
    copies: dict[tuple[str, tuple[int, int]], list[dict]] = {}
    out_hosts = []
    for host in receiving:
        text, inserted = _insert_all(host.text, plan[host.id], sources, deck, rng)
        out_hosts.append(Doc(host.id, text))
        for s, n, sid, span, kind in inserted:
            assert text[s : s + n]
            copies.setdefault((sid, span), []).append(
                {"doc": host.id, "start": s, "end": s + n, "text": text[s : s + n], "kind": kind})
    docs = [{"id": d.id, "title": "", "text": d.text, "date": None, "lang": "ar", "source": None}
            for d in sources + out_hosts + hosts[len(hosts) - clean:]]
    gold = {"name": name, "licence": "CC BY-SA 4.0 (NTREX-128 Arabic); seeds: project sample pages",
            "origin": "cluster.evaluation.reuse_data from ntrex-ar-en-dev (Arabic side) and seeds/",
            "stories": None, "duplicates": _gold_pairs(sources, copies),
            "notes": "Synthetic edited reuse: 50-300-word passages inserted mid-paragraph into unrelated hosts, "
                     "each passage into 1-3 hosts."}
    return docs, gold


class _Deck:
    """Obfuscations drawn in the proportions of ``OBFUSCATIONS`` exactly, in random order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.cards = rng, []  # type: list[str]
        self.full = [k for k, w in OBFUSCATIONS for _ in range(round(20 * w))]

    def draw(self) -> str:
        if not self.cards:
            self.cards = self.rng.sample(self.full, len(self.full))
        return self.cards.pop()


def _passages(sources: list[Doc], rng: random.Random) -> list[tuple[str, tuple[int, int]]]:
    """Non-overlapping passages of the sources, up to ``PASSAGES_PER_SOURCE`` each, in random order."""
    found = []
    for src in sources:
        taken: list[tuple[int, int]] = []
        while len(taken) < PASSAGES_PER_SOURCE and (span := pick_passage(src, taken, rng)) is not None:
            taken.append(span)
        found += [(src.id, span) for span in taken]
    rng.shuffle(found)
    return found


def _insert_all(text: str, planned: list[tuple[str, tuple[int, int]]], sources: list[Doc], deck: _Deck,
                rng: random.Random) -> tuple[str, list[tuple[int, int, str, tuple[int, int], str]]]:
    """``text`` with each planned passage obfuscated and pasted in (never inside an earlier one);
    returns (start, length, source id, source span, obfuscation) of each."""
    inserted: list[tuple[int, int, str, tuple[int, int], str]] = []
    for sid, span in planned:
        kind = deck.draw()
        words, label = obfuscate_labelled(_src(sources, sid)[span[0]:span[1]].split(), kind, rng)
        reused = " ".join(words)
        at = insertion_point(text, rng, avoid=[(s, s + n) for s, n, *_ in inserted])
        text = text[:at] + " " + reused + text[at:]
        inserted = [(s + len(reused) + 1 if s >= at else s, *rest) for s, *rest in inserted]
        inserted.append((at + 1, len(reused), sid, span, label))
    return text, inserted


def _gold_pairs(sources: list[Doc], copies: dict[tuple[str, tuple[int, int]], list[dict]]) -> list[dict]:
    out = []
    for (sid, span), found in copies.items():
        source = {"doc": sid, "start": span[0], "end": span[1], "text": _src(sources, sid)[span[0]:span[1]]}
        for c in found:
            out.append({"a": source, "b": {k: c[k] for k in ("doc", "start", "end", "text")},
                        "type": "verbatim" if c["kind"] == "none" else "edited", "obfuscation": c["kind"]})
        for x, c in enumerate(found):
            for d in found[x + 1:]:
                out.append({"a": {k: c[k] for k in ("doc", "start", "end", "text")},
                            "b": {k: d[k] for k in ("doc", "start", "end", "text")},
                            "type": "verbatim" if c["kind"] == d["kind"] == "none" else "edited",
                            "obfuscation": BETWEEN_COPIES})
    return out


def _src(sources: list[Doc], sid: str) -> str:
    return next(s.text for s in sources if s.id == sid)


def host_pieces(doc: Doc, rng: random.Random) -> list[Doc]:
    """A host page cut into hosts of one long paragraph each (150-400 words; a short tail joins the
    last piece): the Arabic text available is small, and each piece is text no other host carries."""
    paras = long_paragraphs(doc.text, rng).split("\n\n")
    if len(paras) > 1 and len(paras[-1].split()) < HOST_WORDS[0]:
        paras[-2:] = [paras[-2] + " " + paras[-1]]
    return [Doc(f"{doc.id}~{k}", p) for k, p in enumerate(paras) if len(p.split()) >= HOST_WORDS[0]]


def build(out: Path, seed: int = 13) -> None:
    """Write ``out/dev`` and ``out/heldout``: disjoint sources and hosts (no tuning on heldout)."""
    rng = random.Random(seed)
    ntrex, story = _ntrex_docs()
    seeds = _seed_docs()
    rng.shuffle(ntrex)
    long_docs = [d for d in ntrex if len(d.text.split()) >= 250]
    for split, part in (("dev", 0), ("heldout", 1)):
        sources = long_docs[part::2][:SOURCES]
        used = {story.get(s.id) for s in sources}
        pages = [d for d in ntrex[part::2] if d not in sources and story.get(d.id) not in used]
        hosts = [piece for h in pages for piece in host_pieces(h, rng)] + seeds[part * 3 : part * 3 + 3 - part]
        rng.shuffle(hosts)
        docs, gold = build_split(sources, hosts, clean=max(4, len(hosts) // 4), rng=rng, name=f"reuse-ar-{split}")
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "docs.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
        (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{split}: {len(docs)} docs, {len(gold['duplicates'])} reuse pairs")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "tests" / "data" / "reuse-ar")
