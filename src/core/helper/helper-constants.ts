/** The facts the helper client and its callers share: file names in the support dir, versions, timeouts. */

import type { HelperProtocolVersion } from "./protocol";

/**
 * The helper version this extension ships with; a helper of another version is restarted. The helper's
 * own is `__version__` in helper/src/mlx_polish_helper/__init__.py (a test keeps the two equal).
 */
export const HELPER_VERSION = "0.1.0";
/** Typed by the schema's `HelperProtocolVersion`: a schema bump fails to compile until this follows. */
export const HELPER_PROTOCOL: HelperProtocolVersion = 1;

export const HELPER_SOCKET_FILE = "helper.sock";
export const HELPER_LOG_FILE = "helper.log";
/** The pid of the helper last started for this support folder: how a helper too hung to say hello is found. */
export const HELPER_PID_FILE = "helper.pid";
/** Held while one process starts the helper, so racing commands start it once. */
export const HELPER_START_LOCK_FILE = "helper-start.lock";

export const HELPER_TIMEOUTS = {
  /** From spawning the helper to its first `hello` (Python imports mlx-lm: seconds on a cold disk). */
  startMs: 60_000,
  /** hello, status, unload, cancel, shutdown. */
  requestMs: 5_000,
  /** A load, or a generate's first token once it has `started`: loading a 4B model from a cold disk takes tens of seconds. */
  loadMs: 120_000,
  /** A generate's wait in the helper's queue behind other requests (each watched by its own client). */
  queueMs: 600_000,
  /** Silence between two events of a running generate before the helper counts as hung. */
  stallMs: 30_000,
};
