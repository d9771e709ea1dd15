"""The Unix socket: a thread per connection reads request lines; model work goes to the engine."""

import fcntl
import logging
import os
import socket
import stat
import sys
import threading
import time
from pathlib import Path

from . import __version__, runtime_versions
from .engine import Engine, Job
from .protocol import (
    MAX_LINE_BYTES,
    HelperError,
    encode,
    error_line,
    parse_request,
    protocol_version,
    result_line,
)

log = logging.getLogger(__name__)


def private_directory(folder: Path):
    """Creates the socket's folder 0700, refusing one that another user owns or that is a link."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise PermissionError(f"{folder} is not a folder owned by this user.")
    os.chmod(folder, 0o700)


class Server:
    def __init__(self, socket_path: str, engine: Engine, exit_after_idle: float):
        self.socket_path = socket_path
        self.engine = engine
        self.exit_after_idle = exit_after_idle
        self.started = time.monotonic()
        self.connections = set()
        self.lock = threading.Lock()
        self.stop_requested = threading.Event()
        self.listener = None
        self.lock_file = None

    def claim(self) -> bool:
        """Binds the socket; False when a live helper already holds it (the caller then exits)."""
        path = Path(self.socket_path)
        private_directory(path.parent)
        # Whoever holds this lock is the live helper for the path: a socket without it is stale.
        self.lock_file = open(f"{path}.lock", "a")  # noqa: SIM115 (held for the process's lifetime)
        os.chmod(self.lock_file.name, 0o600)
        try:
            fcntl.flock(self.lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock_file.close()
            return False
        if path.exists() or path.is_symlink():
            log.info("replacing stale socket %s", path)
            path.unlink()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        previous_umask = os.umask(0o177)
        try:
            self.listener.bind(str(path))
        finally:
            os.umask(previous_umask)
        os.chmod(path, 0o600)
        self.listener.listen(16)
        self.listener.settimeout(1.0)
        log.info("listening on %s (pid %d)", path, os.getpid())
        return True

    def serve_forever(self):
        while not self.stop_requested.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                self._exit_if_idle()
                continue
            except OSError:
                if self.stop_requested.is_set():
                    break
                raise
            connection.settimeout(None)
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()
        self._close()

    def request_stop(self):
        self.stop_requested.set()

    def _exit_if_idle(self):
        with self.lock:
            clients = len(self.connections)
        idle = self.engine.idle_without_model()
        if clients == 0 and idle >= self.exit_after_idle:
            log.info("no model and no client for %.0f s: exiting", idle)
            self.request_stop()

    def _close(self):
        self.engine.stop()
        self.listener.close()
        try:
            os.unlink(self.socket_path)
        except FileNotFoundError:
            pass
        self.lock_file.close()
        log.info("stopped")

    def _handle(self, connection: socket.socket):
        write_lock = threading.Lock()
        owner = object()

        def emit(line: dict):
            data = encode(line)
            with write_lock:
                try:
                    connection.sendall(data)
                except OSError:
                    pass  # the client went away; its jobs are being cancelled

        with self.lock:
            self.connections.add(owner)
        reader = connection.makefile("rb")
        try:
            while True:
                line = reader.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):
                        line = reader.readline(MAX_LINE_BYTES)
                    message = f"Line longer than {MAX_LINE_BYTES} bytes."
                    emit(error_line(None, "bad_request", message))
                    continue
                if line.strip():
                    self._dispatch(line, emit, owner)
        except OSError:
            pass
        finally:
            with self.lock:
                self.connections.discard(owner)
            if self.engine.cancel(owner=owner):
                log.info("client disconnected: cancelled its requests")
            reader.close()
            connection.close()

    def _dispatch(self, line: bytes, emit, owner):
        request_id = None
        try:
            request_id, method, params = parse_request(line)
            if method in ("load", "unload", "generate"):
                job = Job(request_id, method, params, emit, owner)
                self.engine.submit(job, wait=params.get("wait", True))
                return
            emit(result_line(request_id, getattr(self, f"_{method}")(params)))
            if method == "shutdown":
                self.request_stop()
        except HelperError as error:
            emit(error_line(error.request_id or request_id, error.code, error.message))
        except Exception as error:
            log.exception("request %s failed", request_id)
            emit(error_line(request_id, "internal", f"{type(error).__name__}: {error}"))

    def _hello(self, _params):
        return {
            "protocol": protocol_version(),
            "helper_version": __version__,
            "mlx_version": runtime_versions()["mlx"],
            "mlx_lm_version": runtime_versions()["mlx_lm"],
            "pid": os.getpid(),
        }

    def _status(self, _params):
        import mlx.core as mx

        return {
            **self.engine.snapshot(),
            "memory": {
                "active_bytes": mx.get_active_memory(),
                "peak_bytes": mx.get_peak_memory(),
                "rss_bytes": resident_set_bytes(),
            },
            "uptime_seconds": time.monotonic() - self.started,
        }

    def _cancel(self, params):
        return {"cancelled": self.engine.cancel(request_id=params["request_id"])}

    def _shutdown(self, _params):
        return {}


def resident_set_bytes() -> int:
    if sys.platform.startswith("linux"):
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    # macOS has no /proc; ps reports the same figure in KiB.
    import subprocess

    output = subprocess.run(
        ["ps", "-o", "rss=", "-p", str(os.getpid())], capture_output=True, text=True, check=True
    )
    return int(output.stdout.strip()) * 1024
