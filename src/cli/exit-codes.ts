import { PolishError, type ErrorCode } from "../core/errors";

/** The CLI's exit codes, one place for scripts that call it. */
export const EXIT_CODES = {
  ok: 0,
  /** Bad arguments or a failure with nothing useful on stdout. */
  error: 1,
  /** `polish` could not polish: stdout holds the original text, stderr the reason. */
  polishFallback: 2,
  cancelled: 3,
  diskFull: 4,
  /** Network or server failure, after the retries. */
  network: 5,
  /** Checksum failure, after the retries. */
  integrity: 6,
  /** Repo or file not found, or not authorised (gated or private). */
  notFound: 7,
  /** The model is downloading, loading or generating. */
  busy: 8,
} as const;

const BY_ERROR_CODE: Partial<Record<ErrorCode, number>> = {
  cancelled: EXIT_CODES.cancelled,
  disk_full: EXIT_CODES.diskFull,
  network: EXIT_CODES.network,
  timeout: EXIT_CODES.network,
  integrity: EXIT_CODES.integrity,
  not_found: EXIT_CODES.notFound,
  unauthorized: EXIT_CODES.notFound,
  busy: EXIT_CODES.busy,
};

/** The exit code a failure ends the CLI with: the one map from `PolishError` codes to exit codes. */
export function exitCodeFor(error: unknown): number {
  return (error instanceof PolishError && BY_ERROR_CODE[error.code]) || EXIT_CODES.error;
}
