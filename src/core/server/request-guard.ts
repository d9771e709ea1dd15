/**
 * Who may talk to the endpoint. It drives a model on the user's Mac, so a web page must never reach it:
 * browsers mark a web page's requests with its `Origin`, and DNS rebinding shows up as a foreign `Host`
 * on a loopback server. Requests are refused before their body is read. The endpoint never answers a
 * CORS preflight, so a browser cannot send it a JSON POST from any page at all.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { ApiError } from "./openai-shapes";

/** True for the addresses only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  if (bare.startsWith("::ffff:")) return isLoopbackHost(bare.slice("::ffff:".length));
  return isIP(bare) === 4 && bare.startsWith("127.");
}

export interface GuardSettings {
  /** The bearer token every request must carry, when set. */
  apiKey?: string;
  /** The server listens on loopback: then `Host` must name loopback too. */
  loopbackOnly: boolean;
}

/** Throws the refusal (403 or 401) a request deserves, or returns when it may go on. */
export function checkCaller(request: IncomingMessage, settings: GuardSettings): void {
  if (isWebPageOrigin(request.headers.origin)) {
    throw new ApiError(
      403,
      "origin_not_allowed",
      "Requests from web pages (with an Origin header) are refused: only apps on this Mac may use MLX Polish.",
    );
  }
  const host = request.headers.host?.replace(/:\d+$/, "");
  if (settings.loopbackOnly && host !== undefined && !isLoopbackHost(host)) {
    throw new ApiError(403, "host_not_allowed", `Requests for host "${host}" are refused: use 127.0.0.1 or localhost.`);
  }
  if (settings.apiKey !== undefined) {
    const token = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (!token || !sameSecret(token, settings.apiKey)) {
      throw new ApiError(
        401,
        "invalid_api_key",
        "Missing or wrong API key: send the key the server was started with as `Authorization: Bearer KEY`.",
      );
    }
  }
}

/**
 * True when `Origin` names a web page (`http:`/`https:`, or an unknown scheme). Desktop apps built on
 * web views send their own: Electron's `file://` pages send `null` (OpenWhispr does), others `file://`,
 * `app://` or `tauri://`; those are apps the user installed, not pages a browser opened.
 */
export function isWebPageOrigin(origin: string | undefined): boolean {
  if (origin === undefined || origin === "null") return false;
  return !/^(file|app|tauri):\/\//i.test(origin);
}

/** Compares two secrets in constant time (their hashes have equal lengths whatever the inputs). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Refuses any body that is not JSON (a web form or `text/plain` post must not reach the model). */
export function checkJsonContentType(request: IncomingMessage): void {
  const mediaType = request.headers["content-type"]?.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `The request body must be JSON with \`Content-Type: application/json\` (got ${mediaType ? `\`${mediaType}\`` : "none"}).`,
    );
  }
}
