import { LocalStorage } from "@raycast/api";
import type { FallbackReason } from "../core";

/** Why the selection could not be read: Raycast lacks the Accessibility permission. */
export type InputFailure = "no_accessibility";

/**
 * The last failure a user could not act on where it happened: Polish Transcription runs with Raycast's
 * window closed (after pasting, or from a hotkey), where a toast is only a HUD and its action cannot be
 * clicked. Manage Local Models shows it at the top with its fix until the user dismisses it. It holds
 * the reason and the core's message about the failure, never the dictated text or a token.
 */
export interface LastFailure {
  reason: FallbackReason | InputFailure;
  modelId: string;
  message?: string;
  /** When it happened, in ms since the epoch. */
  at: number;
}

const KEY = "last-failure";

export async function rememberFailure(failure: LastFailure): Promise<void> {
  await LocalStorage.setItem(KEY, JSON.stringify(failure));
}

export async function readLastFailure(): Promise<LastFailure | undefined> {
  const stored = await LocalStorage.getItem<string>(KEY);
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as LastFailure;
  } catch {
    return undefined;
  }
}

export async function dismissLastFailure(): Promise<void> {
  await LocalStorage.removeItem(KEY);
}
