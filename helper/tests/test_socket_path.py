"""The socket path rule the TypeScript client shares (helper/socket-path-vectors.json)."""

import json
from pathlib import Path

import pytest

from mlx_polish_helper.socket_path import resolve_socket_path

VECTORS = json.loads((Path(__file__).parents[1] / "socket-path-vectors.json").read_text())


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector["socket"][-24:])
def test_long_socket_paths_fall_back_to_a_short_private_path(vector):
    socket = resolve_socket_path(vector["path"], tmpdir=vector["tmpdir"], uid=vector["uid"])
    assert socket == vector["socket"]
    assert len(socket.encode()) <= 103


def test_the_fallback_lives_in_the_tmpdir_that_node_reports(monkeypatch):
    monkeypatch.setenv("TMPDIR", "/private/tmp/x/")
    long_path = "/" + "d" * 120 + "/helper.sock"
    assert resolve_socket_path(long_path).startswith("/private/tmp/x/mlx-polish-")
