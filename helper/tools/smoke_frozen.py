"""Smoke test of a frozen helper: hello, load, generate, unload, shutdown on a tiny real model.

    helper/.venv/bin/python helper/tools/smoke_frozen.py PATH/TO/mlx-polish-helper

Prints the cold start (process start to `hello`) and exits non-zero on any failure.
"""

import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_tiny_model import make_tiny_model


def connect(path: str, process, timeout: float = 60.0) -> socket.socket:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise SystemExit(f"smoke: the helper exited with {process.returncode}")
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(path)
            return connection
        except OSError:
            connection.close()
            if time.monotonic() > deadline:
                raise SystemExit("smoke: the helper never listened") from None
            time.sleep(0.01)


def call(connection, reader, request_id, method, params=None) -> dict:
    request = {"id": request_id, "method": method, "params": params or {}}
    connection.sendall(json.dumps(request).encode() + b"\n")
    tokens = 0
    while True:
        line = json.loads(reader.readline())
        if "error" in line:
            raise SystemExit(f"smoke: {method} failed: {line['error']}")
        if line.get("event") == "token":
            tokens += 1
            continue
        if line.get("event") in ("queued", "started"):
            continue
        if method == "generate" and tokens == 0:
            raise SystemExit("smoke: generate streamed no tokens")
        return line["result"]


def main(binary: str) -> int:
    with tempfile.TemporaryDirectory(prefix="mlx-polish-smoke-") as folder:
        model = str(make_tiny_model("qwen3", Path(folder) / "qwen3"))
        socket_path = f"{folder}/helper.sock"
        started = time.monotonic()
        process = subprocess.Popen(
            [binary, "--socket", socket_path, "--log", f"{folder}/helper.log"],
            stdin=subprocess.DEVNULL,
        )
        try:
            connection = connect(socket_path, process)
            reader = connection.makefile("rb")
            hello = call(connection, reader, "1", "hello")
            cold_start_ms = (time.monotonic() - started) * 1000
            load = call(connection, reader, "2", "load", {"model_id": "tiny", "model_path": model})
            messages = [{"role": "user", "content": "so um the meeting moved to friday"}]
            generation = call(
                connection,
                reader,
                "3",
                "generate",
                {"model_id": "tiny", "model_path": model, "messages": messages, "max_tokens": 8},
            )
            unload = call(connection, reader, "4", "unload")
            call(connection, reader, "5", "shutdown")
            code = process.wait(30)
        finally:
            if process.poll() is None:
                process.kill()
        if not unload["unloaded"] or generation["generation_tokens"] != 8 or code != 0:
            print(Path(folder, "helper.log").read_text(), file=sys.stderr)
            raise SystemExit(f"smoke: unexpected end (unload {unload}, exit {code})")
    print(
        f"smoke: frozen helper OK (mlx {hello['mlx_version']}, mlx-lm {hello['mlx_lm_version']}): "
        f"cold start to hello {cold_start_ms:.0f} ms, load {load['load_ms']:.0f} ms, "
        f"{generation['generation_tokens']} tokens at {generation['generation_tps']:.0f} tok/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
