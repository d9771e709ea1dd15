// The bottom of the core: every concern imports this file, and it imports nothing from them.

/**
 * The one error type the core throws. `code` is stable: the CLI derives its exit code from it and the
 * commands derive their messages and fix actions from it. `retryable` says whether trying again can help.
 */
export type ErrorCode =
  // catalogue and input
  | "unknown_model"
  | "bad_input"
  /** A repo added by id that MLX Polish cannot run: architecture, weights, chat template or memory. */
  | "incompatible_model"
  // downloads and the store
  | "cancelled"
  | "disk_full"
  | "network"
  | "integrity"
  | "not_found"
  | "unauthorized"
  | "busy"
  | "hostile_repo"
  // helper and polishing
  | "unsupported_platform"
  | "model_not_downloaded"
  | "helper_unavailable"
  | "runtime_missing"
  | "model_corrupt"
  | "load_failed"
  | "out_of_memory"
  | "timeout"
  | "guard_tripped"
  | "unfaithful"
  | "internal";

/** Why `polish()` returned the original text: every code a rewrite can fail with, plus empty input. */
export type FallbackReason =
  | "empty_input"
  | "unsupported_platform"
  | "unknown_model"
  | "model_not_downloaded"
  | "helper_unavailable"
  | "runtime_missing"
  | "load_failed"
  | "model_corrupt"
  | "out_of_memory"
  | "timeout"
  | "cancelled"
  | "guard_tripped"
  | "unfaithful"
  | "internal";

/** Everything a failure can be explained by: the key the commands look their advice up with. */
export type AdviceKey = ErrorCode | FallbackReason;

/** The CLI's exit codes, a contract for scripts that call it. */
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
  /** `models add`: the repo cannot run here (architecture, weights, chat template or memory); nothing was downloaded. */
  incompatible: 9,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** What one error code means to each caller: the row a new code must add, or nothing compiles. */
export interface ErrorFacts {
  /** The reason `polish()` gives when this failure sends the original text back. */
  fallbackReason: FallbackReason;
  /** The exit code the CLI ends with when a command fails with this code. */
  exitCode: ExitCode;
}

/** The one table from error code to fallback reason and exit code (advice: `adviceFor`, keyed by code). */
export const ERRORS: Record<ErrorCode, ErrorFacts> = {
  unknown_model: { fallbackReason: "unknown_model", exitCode: EXIT_CODES.error },
  bad_input: { fallbackReason: "internal", exitCode: EXIT_CODES.error },
  incompatible_model: { fallbackReason: "load_failed", exitCode: EXIT_CODES.incompatible },
  cancelled: { fallbackReason: "cancelled", exitCode: EXIT_CODES.cancelled },
  disk_full: { fallbackReason: "internal", exitCode: EXIT_CODES.diskFull },
  network: { fallbackReason: "internal", exitCode: EXIT_CODES.network },
  integrity: { fallbackReason: "internal", exitCode: EXIT_CODES.integrity },
  not_found: { fallbackReason: "internal", exitCode: EXIT_CODES.notFound },
  unauthorized: { fallbackReason: "internal", exitCode: EXIT_CODES.notFound },
  busy: { fallbackReason: "internal", exitCode: EXIT_CODES.busy },
  hostile_repo: { fallbackReason: "internal", exitCode: EXIT_CODES.error },
  unsupported_platform: { fallbackReason: "unsupported_platform", exitCode: EXIT_CODES.error },
  model_not_downloaded: { fallbackReason: "model_not_downloaded", exitCode: EXIT_CODES.error },
  helper_unavailable: { fallbackReason: "helper_unavailable", exitCode: EXIT_CODES.error },
  runtime_missing: { fallbackReason: "runtime_missing", exitCode: EXIT_CODES.error },
  model_corrupt: { fallbackReason: "model_corrupt", exitCode: EXIT_CODES.error },
  load_failed: { fallbackReason: "load_failed", exitCode: EXIT_CODES.error },
  out_of_memory: { fallbackReason: "out_of_memory", exitCode: EXIT_CODES.error },
  timeout: { fallbackReason: "timeout", exitCode: EXIT_CODES.network },
  guard_tripped: { fallbackReason: "guard_tripped", exitCode: EXIT_CODES.error },
  unfaithful: { fallbackReason: "unfaithful", exitCode: EXIT_CODES.error },
  internal: { fallbackReason: "internal", exitCode: EXIT_CODES.error },
};

export class PolishError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "PolishError";
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Wraps anything thrown into a PolishError, keeping the code of one that already is. */
export function toPolishError(error: unknown, fallbackCode: ErrorCode = "internal"): PolishError {
  if (error instanceof PolishError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PolishError(fallbackCode, message, { cause: error });
}

/** The exit code a failure ends the CLI with, from the one table; anything not a `PolishError` is 1. */
export function exitCodeFor(error: unknown): number {
  return error instanceof PolishError ? ERRORS[error.code].exitCode : EXIT_CODES.error;
}
