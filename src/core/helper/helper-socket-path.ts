import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { supportDir as defaultSupportDir } from "../config";
import { HELPER_SOCKET_FILE } from "./helper-constants";

// sun_path is 104 bytes on macOS (108 on Linux), NUL included; both sides apply the macOS limit
// everywhere so Linux tests exercise the same rule (helper/PROTOCOL.md, "Socket path fallback").
const MAX_SOCKET_PATH_BYTES = 103;

export interface HelperSocketPathParams {
  /** Support folder; the socket wants to be `<supportDir>/helper.sock`. */
  supportDir?: string;
  /** The wanted socket path itself, instead of the one in `supportDir`. */
  preferredPath?: string;
  /** Defaults to `os.tmpdir()`. */
  tmpdir?: string;
  /** Defaults to the current user's id. */
  uid?: number;
}

/**
 * Where the helper listens: the wanted path, or, when that is too long for a Unix socket,
 * `<tmpdir>/mlx-polish-<uid>/<first 16 hex of sha256(path)>.sock` — the helper applies the same rule.
 */
export function helperSocketPath(params: HelperSocketPathParams = {}): string {
  const preferred = params.preferredPath ?? path.join(defaultSupportDir(params.supportDir), HELPER_SOCKET_FILE);
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH_BYTES) return preferred;
  const digest = createHash("sha256").update(preferred).digest("hex").slice(0, 16);
  const tmpdir = (params.tmpdir ?? os.tmpdir()).replace(/(.)\/+$/, "$1");
  return path.join(tmpdir, `mlx-polish-${params.uid ?? os.userInfo().uid}`, `${digest}.sock`);
}
