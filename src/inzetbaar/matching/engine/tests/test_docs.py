"""The worked example in docs/matching-instance.md is what the engine really returns."""

import json
import re
from pathlib import Path

from inzetbaar.matching.engine import parse_instance, solve

DOC = Path(__file__).resolve().parents[5] / "docs" / "matching-instance.md"


def test_the_documented_example_result_is_the_real_one():
    instance, result = (
        json.loads(block) for block in re.findall(r"```json\n(.*?)```", DOC.read_text(), re.S)[:2]
    )
    assert solve(parse_instance(instance), seed=result["seed"]) == result
