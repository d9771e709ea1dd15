"""Entry point: `python -m mlx_polish_helper --socket PATH [--log PATH] [--exit-after-idle S]`."""

import argparse
import logging
import logging.handlers
import os
import signal
import sys

# The helper loads local folders only; set before huggingface_hub is imported anywhere.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DEFAULT_EXIT_AFTER_IDLE = 900.0
LOG_MAX_BYTES = 1_000_000


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(
        prog="mlx-polish-helper", description="The MLX Polish model server (see PROTOCOL.md)."
    )
    parser.add_argument("--socket", required=True, help="Unix socket path to listen on.")
    parser.add_argument("--log", help="Append the log to this file (default: stderr).")
    parser.add_argument(
        "--exit-after-idle",
        type=float,
        default=DEFAULT_EXIT_AFTER_IDLE,
        metavar="SECONDS",
        help="Exit after this long with no model loaded and no client (default: %(default)s).",
    )
    parser.add_argument(
        "--debug", action="store_true", help="Log prompts and generated text (private!)."
    )
    return parser.parse_args(argv)


class LogFileHandler(logging.handlers.RotatingFileHandler):
    """Rotates the log and takes stderr along, so native crash output lands in the current file."""

    def doRollover(self):
        super().doRollover()
        if self.stream is not None:
            # The client opened our stderr on the log (a crash before logging starts still says
            # why); without this it would go on writing into the renamed helper.log.1.
            sys.stderr.flush()
            os.dup2(self.stream.fileno(), sys.stderr.fileno())


def setup_logging(log_path, debug: bool, max_bytes: int = LOG_MAX_BYTES):
    # One previous file is kept: enough to troubleshoot, bounded on a machine that runs for months.
    handler = (
        LogFileHandler(log_path, maxBytes=max_bytes, backupCount=1)
        if log_path
        else logging.StreamHandler()
    )
    if log_path:
        os.chmod(log_path, 0o600)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    # Third-party debug output could carry prompt text; only ours is verbose in debug mode.
    for name in ("transformers", "huggingface_hub", "urllib3", "filelock"):
        logging.getLogger(name).setLevel(logging.WARNING)


def main(argv=None) -> int:
    from .engine import Engine
    from .server import Server
    from .socket_path import resolve_socket_path

    args = parse_arguments(argv)
    setup_logging(args.log, args.debug)
    log = logging.getLogger("mlx_polish_helper")
    socket_path = resolve_socket_path(args.socket)
    if socket_path != args.socket:
        log.info("%s is too long for a Unix socket: using %s", args.socket, socket_path)
    engine = Engine(debug=args.debug)
    server = Server(socket_path, engine, args.exit_after_idle)
    if not server.claim():
        log.info("a helper is already serving %s: exiting", socket_path)
        return 0
    engine.start()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda *_: server.request_stop())
    server.serve_forever()
    # mlx-lm's thread-local state can abort Python's own teardown ("terminate called without an
    # active exception") once its thread has ended; everything is closed by now, so leave directly.
    logging.shutdown()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
