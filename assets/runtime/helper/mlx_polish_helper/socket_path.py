"""Where the helper listens: the client's socket path, or a short private one when that is too long.

The TypeScript client applies the same rule (src/core/helper/helper-socket-path.ts); both are
checked against helper/socket-path-vectors.json.
"""

import hashlib
import os

# macOS's sun_path holds 104 bytes including the NUL (Linux: 108); the smaller rule applies
# everywhere so the client and the tests on Linux compute the same paths as on a Mac.
MAX_SOCKET_PATH_BYTES = 103


def temporary_directory() -> str:
    """The folder Node's `os.tmpdir()` returns, so the TypeScript client gets the same fallback."""
    folder = os.environ.get("TMPDIR") or os.environ.get("TMP") or os.environ.get("TEMP") or "/tmp"
    return folder.rstrip("/") or "/"


def resolve_socket_path(requested: str, tmpdir: str = None, uid: int = None) -> str:
    """The requested path if AF_UNIX can hold it, else a short private path derived from it."""
    if len(requested.encode()) <= MAX_SOCKET_PATH_BYTES:
        return requested
    tmpdir = temporary_directory() if tmpdir is None else tmpdir.rstrip("/") or "/"
    uid = os.getuid() if uid is None else uid
    digest = hashlib.sha256(requested.encode()).hexdigest()[:16]
    return os.path.join(tmpdir, f"mlx-polish-{uid}", f"{digest}.sock")
