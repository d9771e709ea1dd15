"""The helper process: its socket, a second helper, stale sockets, idle exit and shutdown."""

import os
import socket
import stat
import subprocess
import sys
import time

from conftest import Client


def test_the_socket_is_private_to_the_user(start_helper):
    helper = start_helper()
    helper.wait_ready().close()
    assert stat.S_IMODE(os.stat(helper.socket_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(helper.socket_path)).st_mode) == 0o700


def _open_files(pid):
    """What each of the process's descriptors points at. The connection just closed may still be
    closing on the helper's side, so a descriptor that vanishes between listing and reading is
    skipped rather than failing the scan."""
    targets = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            targets.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:
            continue
    return targets


def test_the_helper_listens_on_no_network_port(start_helper):
    helper = start_helper()
    helper.wait_ready().close()
    inodes = _open_files(helper.process.pid)
    sockets = {inode[len("socket:[") : -1] for inode in inodes if inode.startswith("socket:[")}
    for table in ("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6"):
        with open(table) as rows:
            listed = {row.split()[9] for row in rows.readlines()[1:]}
        assert not sockets & listed, table


def test_a_second_helper_on_a_live_socket_exits_quietly(start_helper):
    first = start_helper()
    client = first.wait_ready()
    second = start_helper(socket_path=first.requested_path)
    assert second.process.wait(30) == 0
    assert "already serving" in second.log()
    assert client.call("hello")["pid"] == first.process.pid


def test_a_stale_socket_file_is_replaced(start_helper, tmp_path):
    path = tmp_path / "run" / "helper.sock"
    path.parent.mkdir(mode=0o700)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens: what a crashed helper leaves behind
    helper = start_helper(socket_path=path)
    assert helper.wait_ready().call("hello")["pid"] == helper.process.pid
    assert "replacing stale socket" in helper.log()


def test_a_socket_path_too_long_for_af_unix_uses_the_short_fallback(start_helper, tmp_path):
    long_path = tmp_path / ("support-" + "x" * 120) / "helper.sock"
    helper = start_helper(socket_path=long_path)
    assert len(helper.socket_path.encode()) <= 103 and "/mlx-polish-" in helper.socket_path
    assert helper.wait_ready().call("hello")["pid"] == helper.process.pid
    assert stat.S_IMODE(os.stat(os.path.dirname(helper.socket_path)).st_mode) == 0o700


def test_shutdown_answers_then_exits_and_removes_the_socket(start_helper, models):
    helper = start_helper()
    client = helper.wait_ready()
    client.call("load", {"model_id": "tiny", "model_path": models["qwen3"]})
    assert client.call("shutdown") == {}
    assert helper.process.wait(30) == 0
    assert not os.path.exists(helper.socket_path)


def test_a_queued_request_is_cancelled_by_shutdown(start_helper, models):
    helper = start_helper()
    client = helper.wait_ready()
    params = {
        "model_id": "tiny",
        "model_path": models["qwen3"],
        "messages": [{"role": "user", "content": "a long story"}],
        "max_tokens": 2048,
    }
    running = client.send("generate", params)
    assert client.read(running)["event"] == "token"
    Client(helper.socket_path).call("shutdown")
    assert client.reply(running)[0]["error"]["code"] == "cancelled"
    assert helper.process.wait(30) == 0


def test_the_helper_exits_after_a_long_idle_time_without_a_model(start_helper):
    helper = start_helper("--exit-after-idle", "1")
    helper.wait_ready().close()
    started = time.monotonic()
    assert helper.process.wait(30) == 0
    assert time.monotonic() - started < 10
    assert not os.path.exists(helper.socket_path)


def test_a_loaded_model_keeps_the_helper_alive(start_helper, models):
    helper = start_helper("--exit-after-idle", "0.5")
    client = helper.wait_ready()
    client.call("load", {"model_id": "tiny", "model_path": models["qwen3"]})
    client.close()
    time.sleep(2.5)
    assert helper.process.poll() is None


def test_the_command_line_explains_its_options():
    result = subprocess.run(
        [sys.executable, "-m", "mlx_polish_helper", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "--socket" in result.stdout and "--exit-after-idle" in result.stdout


def test_the_helper_never_reaches_the_hugging_face_hub():
    code = "import os, mlx_polish_helper.__main__; print(os.environ['HF_HUB_OFFLINE'])"
    environment = {**os.environ, "HF_HUB_OFFLINE": "0"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment
    )
    assert result.stdout.strip() == "1"


def test_stderr_follows_the_log_when_it_rotates(tmp_path):
    # The client opens the helper's stderr on helper.log; after a rotation it writes to the new one.
    log = tmp_path / "helper.log"
    script = (
        "import logging, os, sys\n"
        "from mlx_polish_helper.__main__ import setup_logging\n"
        f"setup_logging({str(log)!r}, False, max_bytes=400)\n"
        "os.write(2, b'before rotation\\n')\n"
        "for i in range(20): logging.getLogger('t').info('line %d', i)\n"
        "os.write(2, b'native crash text\\n')\n"
    )
    with open(log, "ab") as stderr:
        subprocess.run([sys.executable, "-c", script], stderr=stderr, check=True, timeout=60)
    rotated = (tmp_path / "helper.log.1").read_text()
    current = log.read_text()
    assert "line 19" in current
    assert "native crash text" in current
    assert "native crash text" not in rotated
