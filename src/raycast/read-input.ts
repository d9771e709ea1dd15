import { Clipboard, getSelectedText } from "@raycast/api";

export type InputSource = "argument" | "selection" | "clipboard";

export type Input =
  | { kind: "text"; text: string; source: InputSource }
  /** Raycast may not read other apps' selections: the user must grant it the Accessibility permission. */
  | { kind: "no-permission" }
  | { kind: "empty" };

/** Where a user grants the permission, in the words System Settings uses. */
export const ACCESSIBILITY_HOW_TO = "System Settings → Privacy & Security → Accessibility → Raycast";

/** Opens that pane of System Settings. */
export const ACCESSIBILITY_SETTINGS_URL =
  "x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility";

/**
 * The text to polish: the argument when given, else the frontmost app's selection, else the clipboard.
 * When Raycast lacks the Accessibility permission, the selection cannot be read and the clipboard may be
 * stale, so this says so (`no-permission`) rather than silently polishing whatever was copied last.
 * `allowClipboard` lets a user who knows that choose the clipboard anyway.
 */
export async function readInput(argument?: string, options: { allowClipboard?: boolean } = {}): Promise<Input> {
  if (argument?.trim()) return { kind: "text", text: argument, source: "argument" };
  let selection = "";
  try {
    selection = await getSelectedText();
  } catch (error) {
    if (isPermissionError(error) && !options.allowClipboard) return { kind: "no-permission" };
    // Otherwise nothing is selected, or the app does not expose its selection: the clipboard is next.
  }
  if (selection.trim()) return { kind: "text", text: selection, source: "selection" };
  const clipboard = await Clipboard.readText();
  if (clipboard?.trim()) return { kind: "text", text: clipboard, source: "clipboard" };
  return { kind: "empty" };
}

/**
 * Raycast rejects `getSelectedText` with "Unable to get selected text from frontmost application" when
 * nothing is selected; a missing permission is reported with a message naming Accessibility or a permission.
 */
function isPermissionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /accessibility|permission|not (allowed|authori[sz]ed|trusted)/i.test(message);
}
