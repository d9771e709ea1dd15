import { HubApiError } from "@huggingface/hub";
import { PolishError } from "../errors";

/** The last unsuccessful HTTP answer seen during an attempt; `@huggingface/hub` drops it when a stream fails. */
export interface FailedResponse {
  status: number;
  retryAfterMs?: number;
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

/**
 * Turns whatever a Hub call or a stream threw into a PolishError whose `retryable` drives the retry loop:
 * 5xx, 429, dropped or stalled connections and checksum mismatches are worth another attempt; 401/403, 404,
 * a full disk and cancels are not.
 */
export function classifyDownloadError(
  error: unknown,
  context: { repo: string; cancelled: boolean; stalled: boolean; failedResponse?: FailedResponse },
): PolishError {
  if (context.cancelled) return new PolishError("cancelled", "The download was canceled.");
  if (error instanceof PolishError) return error;
  if (errnoCode(error) === "ENOSPC") {
    return new PolishError("disk_full", "The disk filled up during the download. Free some space, then retry.", {
      cause: error,
    });
  }
  if (context.stalled)
    return new PolishError("network", "The connection stalled: no data arrived.", { retryable: true });
  const status = error instanceof HubApiError ? error.statusCode : context.failedResponse?.status;
  if (status === 401 || status === 403) {
    return new PolishError(
      "unauthorized",
      `${context.repo} is gated or private: a Hugging Face token with access is needed (the Hugging Face Token preference or HF_TOKEN).`,
    );
  }
  if (status === 404) {
    return new PolishError("not_found", `${context.repo} (or one of its files) is not on the Hub.`);
  }
  if (status !== undefined && (status === 429 || status >= 500)) {
    return new PolishError("network", `The Hub answered HTTP ${status}.`, { retryable: true });
  }
  if (status !== undefined && status >= 400) {
    return new PolishError("network", `The Hub refused the request (HTTP ${status}).`);
  }
  if (error instanceof TypeError && /access token/i.test(error.message)) {
    return new PolishError("unauthorized", "The Hugging Face token is malformed: it must start with hf_.");
  }
  const code = errnoCode(error);
  if (code && !NETWORK_CODES.has(code) && !code.startsWith("UND_ERR")) {
    return new PolishError("internal", `Could not write the download: ${messageOf(error)}`, { cause: error });
  }
  return new PolishError("network", `The connection failed: ${messageOf(error)}`, { retryable: true, cause: error });
}

// Duck-typed rather than `instanceof Error`: Node's own errors can come from another realm (vm, jest).
function errnoCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") return code;
    current = cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
