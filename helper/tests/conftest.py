"""Fixtures: tiny real models, a running helper process, and a line-protocol client."""

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

HELPER_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HELPER_DIR / "tools"))

from make_tiny_model import make_tiny_model  # noqa: E402

from mlx_polish_helper.socket_path import resolve_socket_path  # noqa: E402


@pytest.fixture(scope="session")
def models(tmp_path_factory):
    """Folders of a tiny Qwen 3 and a tiny Gemma 3 model."""
    root = tmp_path_factory.mktemp("models")
    return {family: str(make_tiny_model(family, root / family)) for family in ("qwen3", "gemma3")}


class Client:
    def __init__(self, path: str, timeout: float = 30.0):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.settimeout(timeout)
        self.socket.connect(path)
        self.reader = self.socket.makefile("rb")
        self.counter = 0
        self.stash = {}

    def send(self, method: str, params=None, request_id=None) -> str:
        self.counter += 1
        request_id = request_id or f"r{self.counter}"
        request = {"id": request_id, "method": method}
        if params is not None:
            request["params"] = params
        self.send_raw(json.dumps(request).encode() + b"\n")
        return request_id

    def send_raw(self, data: bytes):
        self.socket.sendall(data)

    def read(self, request_id=None, lifecycle=False) -> dict:
        """The next line (for `request_id` if given: lines for other requests wait their turn).

        A generate's `queued`/`started` events are skipped unless `lifecycle` asks for them.
        """
        while True:
            line = self._read_any(request_id)
            if lifecycle or line.get("event") not in ("queued", "started"):
                return line

    def _read_any(self, request_id) -> dict:
        waiting = self.stash.get(request_id) if request_id is not None else None
        if waiting:
            return waiting.pop(0)
        while True:
            line = self.reader.readline()
            assert line, "the helper closed the connection"
            parsed = json.loads(line)
            if request_id is None or parsed["id"] == request_id:
                return parsed
            self.stash.setdefault(parsed["id"], []).append(parsed)

    def reply(self, request_id: str) -> tuple:
        """Reads up to the last line for `request_id`: (final line, token texts before it)."""
        tokens = []
        while True:
            line = self.read(request_id)
            if line.get("event") == "token":
                tokens.append(line["text"])
                continue
            return line, tokens

    def call(self, method: str, params=None) -> dict:
        line, _ = self.reply(self.send(method, params))
        assert "error" not in line, line
        return line["result"]

    def close(self):
        self.reader.close()
        self.socket.close()


class Helper:
    """A helper process on its own socket, as the client starts it."""

    def __init__(self, socket_path, log_path, *extra_args):
        self.requested_path = str(socket_path)
        # pytest's folders can be longer than a socket path may be: then the fallback is used.
        self.socket_path = resolve_socket_path(self.requested_path)
        self.log_path = Path(log_path)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mlx_polish_helper", "--socket", self.requested_path]
            + ["--log", str(log_path), *extra_args],
            stdin=subprocess.DEVNULL,
        )

    def wait_ready(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"helper exited: {self.log_path.read_text()}"
            try:
                client = Client(self.socket_path)
            except OSError:
                time.sleep(0.05)
                continue
            client.call("hello")
            return client
        raise TimeoutError("the helper did not answer hello")

    def log(self) -> str:
        return self.log_path.read_text()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def start_helper(tmp_path):
    """Starts helpers (by default on a socket in the test's folder); all are stopped after it."""
    started = []

    def start(*extra_args, socket_path=None):
        path = socket_path or tmp_path / "run" / "helper.sock"
        helper = Helper(path, tmp_path / f"helper{len(started)}.log", *extra_args)
        started.append(helper)
        return helper

    yield start
    for helper in started:
        helper.stop()


@pytest.fixture(scope="module")
def shared_helper(tmp_path_factory):
    """One helper for tests that leave it as they found it (no model loaded)."""
    folder = tmp_path_factory.mktemp("shared")
    helper = Helper(folder / "helper.sock", folder / "helper.log")
    client = helper.wait_ready()
    client.close()
    yield helper
    helper.stop()


@pytest.fixture
def client(shared_helper):
    connection = Client(shared_helper.socket_path)
    yield connection
    connection.call("unload")
    connection.close()
