"""Write tests/data/outlets/{dev,heldout}: unrelated articles pasted from invented outlets' web pages.

    python scripts/make_outlets.py [--eval ../shared/eval] [--out tests/data/outlets]

Each outlet wraps every article in its own page template (name line, navigation, sign-in, byline and
time lines, "Advertisement", an in-body "read more" teaser, share buttons, a rotating related-stories
list, a newsletter box, a footer). Article bodies are real news text from the shared dev sets, one
story per article: ECB+ (CC BY 3.0) and NTREX-128 via ntrex-ar-en-dev (CC BY-SA 4.0); the generated
files carry the same licences. One paragraph of a wire story is copied between two outlets of
different sites (dev: English, held-out: Arabic): the only true duplicate. Deterministic: no randomness.

dev: outlets E1, E2 (en), A1, A2 (ar), six articles each. heldout: E3 (en), A3, A4 (ar), five each;
never used to choose a threshold.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from outlet_designs import OUTLETS  # noqa: E402  (scripts/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parents[1]
MAX_PARAGRAPHS = 7


def _docs(folder: Path) -> tuple[dict[str, dict], list[list[str]]]:
    docs = {json.loads(line)["id"]: json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")}
    return docs, json.loads((folder / "gold.json").read_text(encoding="utf-8"))["stories"]


def _headline(paragraph: str, lang: str) -> str:
    """A headline line from the lead: its first words (the sources keep no separate headline)."""
    words = paragraph.split()[: 9 if lang == "ar" else 10]
    return re.sub(r"[\s,.;:،؛\-–]+$", "", " ".join(words))


def _bodies(eval_dir: Path) -> dict[str, list[dict]]:
    """Source articles per slot, each from a different story (wire pairs share one story)."""
    ecb, ecb_stories = _docs(eval_dir / "ecbplus-dev")
    ntrex, ntrex_stories = _docs(eval_dir / "ntrex-ar-en-dev")
    ecb_single = [ecb[s[0]] for s in ecb_stories[2::2]]  # every other event: no two of one topic (0-1: wire)
    pairs = [s for s in ntrex_stories if len(s) == 2]
    ar = [ntrex[i] for s in pairs[:22] for i in s if ntrex[i]["lang"] == "ar"]
    en = [ntrex[i] for s in pairs[22:27] for i in s if ntrex[i]["lang"] == "en"]
    wire_en = [ecb[i] for i in ecb_stories[1][:2]]
    merged = next(s for s in ntrex_stories if len(s) >= 4)
    wire_ar = [ntrex[i] for i in merged if ntrex[i]["lang"] == "ar"][:2]
    return {
        "E1": ecb_single[:5] + wire_en[:1], "E2": ecb_single[5:10] + wire_en[1:],
        "A1": ar[:6], "A2": ar[6:12],
        "E3": en[:5], "A3": ar[12:16] + wire_ar[:1], "A4": ar[16:20] + wire_ar[1:],
    }


def _page(outlet: dict, k: int, doc: dict, head: str, sibling_head: str, extra: str | None) -> tuple[str, list, list]:
    """Page text, its furniture lines and its body lines."""
    paras = [p.strip() for p in doc["text"].split("\n\n") if p.strip()][:MAX_PARAGRAPHS]
    if extra is not None:
        paras.insert(min(2, len(paras)), extra)
    pool = outlet["teasers"]
    fill = {"author": outlet["authors"][k % len(outlet["authors"])], "day": 3 + k, "hour": 8 + k,
            "date": outlet["dates"][k % len(outlet["dates"])]}
    header = [line.format(**fill) for line in outlet["header"]]
    meta = [line.format(**fill) for line in outlet["meta"]]
    teaser = outlet["read_more"].format(sibling_head if k % 2 == 0 else pool[k % len(pool)])
    related = [pool[(k + t) % len(pool)] for t in range(3)]
    blocks = [header, [head], meta, [outlet["ad"]], paras[:1], paras[1:2], [teaser], *[[p] for p in paras[2:]],
              outlet["share"], [outlet["related"]] + related, outlet["newsletter"], outlet["footer"]]
    furniture = header + meta + [outlet["ad"], teaser] + outlet["share"] + [outlet["related"]] + related \
        + outlet["newsletter"] + outlet["footer"]
    text = "\n\n".join("\n".join(b) for b in blocks if b)
    return text, furniture, paras


def build(eval_dir: Path, out: Path) -> None:
    bodies = _bodies(eval_dir)
    for part in ("dev", "heldout"):
        docs, gold_stories, heads, furniture, wire = [], {}, {}, {}, []
        outlets = [o for o in OUTLETS if o["part"] == part]
        copied: dict | None = None
        for outlet in outlets:
            sources = bodies[outlet["key"]]
            titles = [_headline(d["text"].split("\n\n")[0], d["lang"]) for d in sources]
            for k, doc in enumerate(sources):
                aid = f"{outlet['key'].lower()}-{k + 1:02d}"
                is_wire = doc is sources[-1] and outlet.get("wire")
                extra = None
                if is_wire and copied is not None:
                    extra = copied["text"]
                text, lines, paras = _page(outlet, k, doc, titles[k], titles[(k + 1) % len(titles)], extra)
                if is_wire and copied is None:
                    wire_para = next(p for p in paras[1:] if len(p.split()) >= 25)
                    copied = {"doc": aid, "text": wire_para, "story": doc["id"]}
                elif is_wire:
                    wire.append({"a": {"doc": copied["doc"], "text": copied["text"]},
                                 "b": {"doc": aid, "text": extra}, "type": "verbatim"})
                story = doc["id"] if not is_wire else "wire"
                gold_stories.setdefault(story, []).append(aid)
                docs.append({"id": aid, "title": "", "text": text, "date": None, "lang": doc["lang"], "source": None})
                heads[aid], furniture[aid] = titles[k], lines
        _write(out / part, part, docs, list(gold_stories.values()), wire, heads, furniture)


def _write(folder: Path, part: str, docs: list, stories: list, wire: list, heads: dict, furniture: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "docs.jsonl").open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    gold = {
        "name": f"outlets-{part}",
        "licence": "Article bodies: ECB+ (CC BY 3.0, Cybulska & Vossen) and NTREX-128 (CC BY-SA 4.0, "
                   "Federmann et al.) via ../shared/eval; page templates invented for this set.",
        "origin": "scripts/make_outlets.py",
        "stories": stories,
        "duplicates": wire,
        "headlines": heads,
        "furniture": furniture,
        "notes": "Every article is its own story except the two carrying the copied wire paragraph "
                 "(reports of one event). Furniture: every line the page template added.",
    }
    (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "outlets")
    args = parser.parse_args()
    build(args.eval, args.out)
