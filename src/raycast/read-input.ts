import { Clipboard, getSelectedText } from "@raycast/api";

export type InputSource = "argument" | "selection" | "clipboard";

/**
 * The text to polish: the argument when given, else the frontmost app's selection, else the clipboard.
 * Undefined when all three are blank.
 */
export async function readInput(argument?: string): Promise<{ text: string; source: InputSource } | undefined> {
  if (argument?.trim()) return { text: argument, source: "argument" };
  // getSelectedText throws when nothing is selected or the app does not expose its selection.
  const selection = await getSelectedText().catch(() => "");
  if (selection.trim()) return { text: selection, source: "selection" };
  const clipboard = await Clipboard.readText();
  if (clipboard?.trim()) return { text: clipboard, source: "clipboard" };
  return undefined;
}
