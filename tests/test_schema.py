"""docs/report.schema.json: generated from the contract's models (cluster/report/contract.py), a valid draft
2020-12 schema that real outputs satisfy and broken ones do not."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra: pip install -e '.[test]'")

from cluster.report.contract import Report, schema_text  # noqa: E402
from cluster.report.terminal import to_json  # noqa: E402

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "report.schema.json"
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def hostile_result(run_corpus):
    return run_corpus(HOSTILE)


def as_saved(result) -> dict[str, Any]:
    """The report exactly as `cluster run --format json` writes it (tuples become lists, and so on)."""
    return json.loads(json.dumps(to_json(result), ensure_ascii=False))


def errors(validator, data: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("fixture", ["seeds_result", "quotes_result", "edited_result", "hostile_result"])
def test_real_outputs_validate(validator, request, fixture):
    data = as_saved(request.getfixturevalue(fixture))
    assert errors(validator, data) == []


def test_committed_schema_is_generated_from_the_models():
    """Regenerate with: python -m cluster.report.contract --write-schema"""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/report.schema.json is stale: run python -m cluster.report.contract --write-schema"
    )


@pytest.mark.parametrize("fixture", ["seeds_result", "quotes_result", "edited_result", "hostile_result"])
def test_saved_output_round_trips_through_the_model(request, fixture):
    data = as_saved(request.getfixturevalue(fixture))
    assert Report.model_validate(data).to_json() == data
    text = json.dumps(data, ensure_ascii=False, indent=2)
    assert json.dumps(Report.model_validate_json(text).to_json(), ensure_ascii=False, indent=2) == text


def test_hostile_corpus_has_the_content_the_other_tests_rely_on(hostile_result):
    data = as_saved(hostile_result)
    assert len(data["duplicate_groups"]) >= 2
    assert {"ar", "en"} <= {p["lang"] for g in data["duplicate_groups"] for p in g["passages"]}
    assert any("<img src=x onerror=" in p["text"] for g in data["duplicate_groups"] for p in g["passages"])
    assert any((a["url"] or "").lower().startswith("javascript:") for a in data["articles"])


def _declared(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Resolve a local $ref (and anyOf of a ref and null) to the object schema it names."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next(n for n in node["anyOf"] if n.get("type") != "null")
        else:
            return node


def _undocumented_keys(schema: dict[str, Any], node: dict[str, Any], value: Any, path: str) -> list[str]:
    """Keys present in ``value`` that the schema does not name (free-form maps are skipped)."""
    node = _declared(schema, node)
    found: list[str] = []
    if isinstance(value, dict) and "properties" in node:
        for key, item in value.items():
            if key not in node["properties"]:
                found.append(f"{path}/{key}")
            else:
                found += _undocumented_keys(schema, node["properties"][key], item, f"{path}/{key}")
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for item in value[:3]:
            found += _undocumented_keys(schema, node["items"], item, f"{path}[]")
    return found


@pytest.mark.parametrize("fixture", ["seeds_result", "quotes_result", "hostile_result"])
def test_schema_describes_every_key_the_output_has(request, fixture):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = as_saved(request.getfixturevalue(fixture))
    data.pop("config")  # the configuration is documented in cluster/config.py, not repeated here
    assert sorted(set(_undocumented_keys(schema, schema, data, ""))) == []


def test_required_keys_match_the_contract(validator, seeds_result):
    data = as_saved(seeds_result)
    for key in ("articles", "stories", "summary", "schema_version"):
        broken = {k: v for k, v in data.items() if k != key}
        assert any(key in message for message in errors(validator, broken)), key


def test_schema_rejects_wrong_values(validator, quotes_result):
    data = as_saved(quotes_result)
    cases = [
        ("duplicate_groups", 0, "pairs", 0, "match_type", "copied"),
        ("articles", 0, "date", "25/07/2025"),
        ("articles", 0, "segments", 0, "kind", "sidebar"),
        ("stories", 0, "articles", []),
        ("summary", "articles", -1),
    ]
    for *where, bad in cases:
        broken = copy.deepcopy(data)
        target = broken
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = bad
        assert errors(validator, broken), where


def test_additional_keys_are_allowed(validator, quotes_result):
    data = as_saved(quotes_result)
    data["new_top_level_key"] = {"anything": 1}
    data["articles"][0]["new_field"] = [1, 2]
    data["duplicate_groups"][0]["new_field"] = "x"
    assert errors(validator, data) == []


AGREED_QUOTE = {
    "id": "Q1", "speaker": "Steve Witkoff", "speaker_forms": ["ويتكوف", "Witkoff"],
    "texts": {"ar": "رغم الجهود الكبيرة", "en": "While the mediators have made a great effort"},
    "earliest": {"article": "en_outlet_c.txt", "date": "2025-07-24", "ties": []},
    "instances": [
        {"article": "en_outlet_c.txt", "lang": "en", "text": "While the mediators", "start": 327, "end": 346,
         "speaker_as_written": "Witkoff", "kind": "direct", "match_type": "source", "agency": None},
        {"article": "ar_outlet_a.txt", "lang": "ar", "text": "رغم الجهود", "start": 348, "end": 358,
         "speaker_as_written": "ويتكوف", "kind": "direct", "match_type": "translation", "agency": "Reuters"},
    ],
}
AGREED_PROVENANCE = {"earliest": ["en_outlet_c.txt"], "dated": True,
                     "copies": [{"article": "ar_outlet_a.txt", "match_type": "translation"}], "agency": ["Anadolu"]}


def test_agreed_quotes_and_provenance_shapes_validate(validator, quotes_result):
    data = as_saved(quotes_result)
    data["quotes"] = [copy.deepcopy(AGREED_QUOTE)]
    data["duplicate_groups"][0]["provenance"] = copy.deepcopy(AGREED_PROVENANCE)
    assert errors(validator, data) == []
    data["quotes"][0]["instances"][0]["kind"] = "reported"
    data["duplicate_groups"][0]["provenance"]["dated"] = "yes"
    assert len(errors(validator, data)) == 2
