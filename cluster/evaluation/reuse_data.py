"""Arabic edited-reuse dev set: passages of sources copied, with obfuscation, into unrelated hosts.

Why: the held-out reuse data (passages of 50-300 words pasted into longer documents at arbitrary
positions, shuffled, with synonyms or lightly paraphrased) has no public Arabic counterpart, so this
builds one from text nobody on the project wrote: the Arabic side of ``ntrex-ar-en-dev`` (CC BY-SA
4.0) as sources and hosts, and the sample pages in ``seeds/`` as hosts (with their page furniture).

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
FUNCTION_WORDS = ("قد", "أيضا", "حيث", "إن", "فقد", "كما", "وقد", "ثم")
"""Inserted or dropped by the light paraphrase."""
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
    if kind == "shuffle":
        return _phrase_shuffle(words, rng) if rng.random() < 0.5 else _word_shuffle(words, rng)
    if kind == "synonym":
        out = []
        for w in words:
            bare = w.strip("،.؛:!؟\"'()")
            out.append(w.replace(bare, SYNONYMS[bare]) if bare in SYNONYMS and rng.random() < 0.8 else w)
        return " ".join(out).split()
    if kind == "paraphrase":
        return _light_paraphrase(words, rng)
    return list(words)


def _sentences(words: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for w in words:
        out[-1].append(w)
        if re.search(r"[.!؟?]$", w) or len(out[-1]) >= 25:
            out.append([])
    return [s for s in out if s]


def _phrase_shuffle(words: list[str], rng: random.Random) -> list[str]:
    """Phrases of 2-5 words reordered inside each sentence (clauses move, the sentence stays)."""
    out = []
    for sent in _sentences(words):
        phrases, k = [], 0
        while k < len(sent):
            n = rng.randint(2, 5)
            phrases.append(sent[k : k + n])
            k += n
        rng.shuffle(phrases)
        out += [w for p in phrases for w in p]
    return out


def _word_shuffle(words: list[str], rng: random.Random) -> list[str]:
    """Words permuted inside runs of 4-8 (local word-order changes)."""
    out, k = [], 0
    while k < len(words):
        n = rng.randint(4, 8)
        run = words[k : k + n]
        rng.shuffle(run)
        out += run
        k += n
    return out


def _light_paraphrase(words: list[str], rng: random.Random) -> list[str]:
    """Function words dropped or inserted, and the two halves of some sentences swapped."""
    out = []
    for sent in _sentences(words):
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


def insertion_point(host: str, rng: random.Random) -> int:
    """A word boundary inside a long paragraph of the host (never at a paragraph's start or end)."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", host) if len(host[m.start():m.end()].split()) >= 20]
    ps, pe = rng.choice(paras)
    gaps = [m.start() for m in re.finditer(r" (?=\S)", host[ps:pe])]
    gaps = gaps[2:-2] or gaps
    return ps + rng.choice(gaps)


def build_split(sources: list[Doc], hosts: list[Doc], clean: int, rng: random.Random, name: str) -> tuple[list, dict]:
    """Insert passages of ``sources`` into all hosts but the last ``clean``; gold pairs with offsets."""
    deck = [k for k, w in OBFUSCATIONS for _ in range(round(20 * w))]
    kinds: list[str] = []
    taken: dict[str, list[tuple[int, int]]] = {s.id: [] for s in sources}
    duplicates, out_hosts = [], []
    for host in hosts[: len(hosts) - clean]:
        text, inserted = host.text, []
        for src in rng.sample(sources, rng.randint(2, 4)):
            span = pick_passage(src, taken[src.id], rng)
            if span is None:
                continue
            taken[src.id].append(span)
            if not kinds:  # the proportions of OBFUSCATIONS exactly, in random order
                kinds = rng.sample(deck, len(deck))
            kind = kinds.pop()
            reused = " ".join(obfuscate(src.text[span[0]:span[1]].split(), kind, rng))
            at = insertion_point(text, rng)
            text = text[:at] + " " + reused + text[at:]
            inserted = [(s + len(reused) + 1 if s >= at else s, sid, sp, k, n) for s, sid, sp, k, n in inserted]
            inserted.append((at + 1, src.id, span, kind, len(reused)))
        out_hosts.append(Doc(host.id, text))
        for s, sid, span, kind, n in inserted:
            assert text[s : s + n]
            duplicates.append({
                "a": {"doc": sid, "start": span[0], "end": span[1], "text": _src(sources, sid)[span[0]:span[1]]},
                "b": {"doc": host.id, "start": s, "end": s + n, "text": text[s : s + n]},
                "type": "verbatim" if kind == "none" else "edited", "obfuscation": kind,
            })
    docs = [{"id": d.id, "title": "", "text": d.text, "date": None, "lang": "ar", "source": None}
            for d in sources + out_hosts + hosts[len(hosts) - clean:]]
    gold = {"name": name, "licence": "CC BY-SA 4.0 (NTREX-128 Arabic); seeds: project sample pages",
            "origin": "cluster.evaluation.reuse_data from ntrex-ar-en-dev (Arabic side) and seeds/",
            "stories": None, "duplicates": duplicates,
            "notes": "Synthetic edited reuse: 50-300-word passages inserted mid-paragraph into unrelated hosts."}
    return docs, gold


def _src(sources: list[Doc], sid: str) -> str:
    return next(s.text for s in sources if s.id == sid)


def build(out: Path, seed: int = 13) -> None:
    """Write ``out/dev`` and ``out/heldout``: disjoint sources and hosts (no tuning on heldout)."""
    rng = random.Random(seed)
    ntrex, story = _ntrex_docs()
    seeds = _seed_docs()
    rng.shuffle(ntrex)
    long_docs = [d for d in ntrex if len(d.text.split()) >= 250]
    for split, part in (("dev", 0), ("heldout", 1)):
        sources = long_docs[part::2][:14]
        used = {story.get(s.id) for s in sources}
        hosts = [d for d in ntrex[part::2] if d not in long_docs[part::2][:14] and story.get(d.id) not in used]
        hosts = [h for h in hosts if any(len(p.split()) >= 20 for p in h.text.split("\n"))]
        hosts = hosts + seeds[part * 3 : part * 3 + 3 - part]
        rng.shuffle(hosts)
        docs, gold = build_split(sources, hosts, clean=max(4, len(hosts) // 4), rng=rng, name=f"reuse-ar-{split}")
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "docs.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
        (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{split}: {len(docs)} docs, {len(gold['duplicates'])} reuse pairs")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "tests" / "data" / "reuse-ar")
