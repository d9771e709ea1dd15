import { PolishError } from "../errors";

/**
 * Reads the Unload Model After preference ("never", "0", "300", …) as the helper wants it: seconds of
 * idle time before the model is freed, 0 for right after each request, null for never.
 */
export function parseUnloadAfter(preferenceValue: string): number | null {
  const value = preferenceValue.trim().toLowerCase();
  if (value === "never") return null;
  if (!/^\d+$/.test(value)) {
    throw new PolishError(
      "bad_input",
      `Unload Model After must be "never" or a number of seconds, not "${preferenceValue}".`,
    );
  }
  return Number(value);
}
