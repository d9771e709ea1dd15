"""The wire protocol: request validation against protocol.schema.json and reply lines."""

import json
from functools import cache
from pathlib import Path
from typing import Literal

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

# The one schema lives inside the package: the checkout, the runtime (which reads the package from
# the extension's assets) and the frozen build all find it beside this file.
_SCHEMA_PATH = Path(__file__).with_name("protocol.schema.json")

# Generous for a long dictation plus a style's examples, small enough that a runaway client cannot
# make the helper buffer without bound.
MAX_LINE_BYTES = 4 * 1024 * 1024


# The schema's HelperErrorCode enum; tests/test_error_codes.py fails when the two drift apart.
ErrorCode = Literal[
    "model_not_found",
    "model_corrupt",
    "unsupported_model",
    "out_of_memory",
    "busy",
    "bad_request",
    "cancelled",
    "internal",
]


class HelperError(Exception):
    """A failure with a stable protocol code; raised anywhere, answered as an error line."""

    def __init__(self, code: ErrorCode, message: str, request_id=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id


@cache
def schema() -> dict:
    return json.loads(_SCHEMA_PATH.read_text())


def protocol_version() -> int:
    """The schema's HelperProtocolVersion: the one place the protocol version is written."""
    return schema()["$defs"]["HelperProtocolVersion"]["const"]


@cache
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": pointer, "$defs": schema()["$defs"], **_root_methods()})


def _root_methods() -> dict:
    # The root's `properties` hold each method's params; keep them reachable for "#/properties/…".
    return {"properties": schema()["properties"]}


def method_names() -> list:
    return list(schema()["properties"])


def _check(instance, pointer: str, what: str):
    error = best_match(_validator(pointer).iter_errors(instance))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path)
        where = f" at {where}" if where else ""
        raise HelperError("bad_request", f"{what}{where}: {error.message}")


def parse_request(line: bytes) -> tuple:
    """Returns (id, method, params); raises HelperError carrying the id when the line had one."""
    try:
        request = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HelperError("bad_request", f"Not a JSON line: {error}") from None
    request_id = request.get("id") if isinstance(request, dict) else None
    request_id = request_id if isinstance(request_id, str) else None
    try:
        method = request.get("method") if isinstance(request, dict) else None
        if isinstance(method, str) and method not in method_names():
            known = ", ".join(method_names())
            raise HelperError("bad_request", f"Unknown method {method!r}; known: {known}.")
        _check(request, "#/$defs/HelperRequest", "Bad request")
        params = request.get("params", {})
        _check(params, f"#/properties/{method}/properties/params", f"Bad params for {method}")
    except HelperError as error:
        error.request_id = request_id
        raise
    return request_id, method, params


def result_line(request_id: str, result: dict) -> dict:
    return {"id": request_id, "result": result}


def error_line(request_id, code: ErrorCode, message: str) -> dict:
    return {"id": request_id, "error": {"code": code, "message": message}}


def encode(line: dict) -> bytes:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
