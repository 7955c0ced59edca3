"""Small definitions for the tests, built as plain data so each test can break exactly one thing."""

import copy
from pathlib import Path

import yaml

TEXT = {"nl": "tekst", "en": "text"}

MINI = {
    "id": "mini",
    "version": "1.0",
    "kind": "radar",
    "title": {"nl": "Mini", "en": "Mini"},
    "description": TEXT,
    "licence": {"name": "CC BY 4.0", "holder": "Inzetbaar contributors", "redistributable": True},
    "min_group_size": 5,
    "individual_visibility": "employee",
    "response_scales": [
        {"id": "agree5", "type": "numeric", "min": 1, "max": 5},
        {
            "id": "job",
            "type": "categorical",
            "codes": [{"code": "a", "label": TEXT}, {"code": "b", "label": TEXT}],
        },
    ],
    "groups": [
        {
            "id": "page1",
            "title": TEXT,
            "items": [
                {"id": "q1", "text": TEXT, "response_scale": "agree5"},
                {"id": "q2", "text": TEXT, "response_scale": "agree5"},
                {"id": "q3", "text": TEXT, "response_scale": "agree5", "required": False},
                {"id": "q4", "text": TEXT, "response_scale": "agree5", "reverse": True, "required": False},
                {"id": "job", "text": TEXT, "response_scale": "job"},
            ],
        }
    ],
    "scales": [
        {
            "id": "mean4",
            "title": TEXT,
            "rule": {"type": "mean", "items": ["q1", "q2", "q3", "q4"], "min_answered": 2},
        },
        {
            "id": "sum4",
            "title": TEXT,
            "rule": {"type": "sum", "items": ["q1", "q2", "q3", "q4"], "min_answered": 3},
        },
        {"id": "weighted", "title": TEXT, "rule": {"type": "weighted_sum", "weights": {"q1": 2, "q2": 0.5}}},
        {
            "id": "by_job",
            "title": TEXT,
            "rule": {
                "type": "conditional_weights",
                "condition": "job",
                "weights": {"a": {"q1": 1}, "b": {"q2": 3}},
            },
        },
        {
            "id": "total",
            "title": TEXT,
            "rule": {"type": "sum", "items": ["mean4", "weighted"]},
            "bands": [
                {"id": "low", "to": 10, "label": TEXT, "advice": TEXT},
                {"id": "high", "from": 10, "label": TEXT, "advice": TEXT},
            ],
        },
    ],
    "total": "total",
}


def mini(**changes) -> dict:
    """A deep copy of MINI with top-level fields replaced."""
    return {**copy.deepcopy(MINI), **changes}


def write(folder: Path, data: dict, name: str | None = None) -> Path:
    path = folder / (name or f"{data.get('id', 'definition')}.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
