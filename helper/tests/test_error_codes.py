"""Every error code the helper can send is in the protocol schema, so clients can branch on it."""

import ast
from pathlib import Path
from typing import get_args

import mlx_polish_helper
from mlx_polish_helper.protocol import ErrorCode, schema

PACKAGE_DIR = Path(mlx_polish_helper.__file__).parent


def schema_codes() -> set:
    return set(schema()["$defs"]["HelperErrorCode"]["enum"])


def codes_written_in_source() -> dict:
    """String literals given as a code to HelperError/error_line or assigned to `code`."""
    found = {}
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            candidates = []
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "HelperError":
                candidates = node.args[:1]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "error_line":
                candidates = node.args[1:2]
            elif isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == "code" for target in node.targets
            ):
                candidates = [node.value]
            for candidate in candidates:
                for leaf in ast.walk(candidate):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
                        found[f"{path.name}:{leaf.lineno}"] = leaf.value
    return found


def test_the_error_code_type_is_the_schema_enum():
    assert set(get_args(ErrorCode)) == schema_codes()


def test_every_code_the_helper_raises_is_in_the_schema():
    found = codes_written_in_source()
    assert len(found) >= 10, found  # the scan sees the helper's raises, not nothing
    unknown = {place: code for place, code in found.items() if code not in schema_codes()}
    assert unknown == {}
