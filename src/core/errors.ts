/**
 * The one error type the core throws. `code` is stable: the CLI derives its exit code from it and the
 * commands derive their messages and fix actions from it. `retryable` says whether trying again can help.
 */
export type ErrorCode =
  // catalogue and input
  | "unknown_model"
  | "bad_input"
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
  | "model_corrupt"
  | "load_failed"
  | "out_of_memory"
  | "timeout"
  | "guard_tripped"
  | "unfaithful"
  | "internal";

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
