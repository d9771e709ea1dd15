import { STYLES, type StyleId } from "../catalog";
import { PolishError } from "../errors";

/**
 * Per-app styles: rules such as `Slack=casual; com.apple.mail=email; Code=clean-up` pick the style of a
 * polish from the app in front (its name or bundle id), so a chat gets Casual and a mail Email without the
 * user switching the Style preference. An app no rule names keeps the Style preference.
 */
export interface AppStyleRule {
  /** The app's name ("Slack") or bundle id ("com.tinyspeck.slackmacgap"), as the user wrote it. */
  app: string;
  style: StyleId;
}

/** The app in front, as Raycast's `getFrontmostApplication()` (or the CLI's `--app`) names it. */
export interface FrontmostApp {
  name: string;
  bundleId?: string;
}

/** The rule that chose a style, and the app's name to show beside it ("Casual · Slack"). */
export interface AppStyleMatch {
  style: StyleId;
  app: string;
}

/** The environment variable the CLI reads the rules from when `--app-styles` is absent. */
export const APP_STYLES_ENV = "MLX_POLISH_APP_STYLES";

/**
 * Reads rules `App=Style`, separated by `;` or line breaks; the style is a style's id or title in any
 * case ("casual", "Clean Up"). Throws a `bad_input` error naming the rule it cannot use.
 */
export function parseAppStyles(text: string): AppStyleRule[] {
  const rules: AppStyleRule[] = [];
  for (const raw of text.split(/[;\n]/)) {
    const rule = raw.trim();
    if (!rule) continue;
    const [app, style, ...rest] = rule.split("=").map((part) => part.trim());
    if (!app || !style || rest.length > 0) {
      throw new PolishError("bad_input", `App Styles: "${rule}" is not a rule; write App=Style, e.g. "Slack=casual".`);
    }
    const found = STYLES.find(
      (entry) => entry.id === style.toLowerCase() || entry.title.toLowerCase() === style.toLowerCase(),
    );
    if (!found) {
      throw new PolishError(
        "bad_input",
        `App Styles: "${rule}" names an unknown style "${style}". Styles: ${STYLES.map((entry) => entry.id).join(", ")}.`,
      );
    }
    const twin = rules.find((known) => known.app.toLowerCase() === app.toLowerCase());
    if (twin) {
      throw new PolishError("bad_input", `App Styles: "${app}" has two rules; keep one.`);
    }
    rules.push({ app, style: found.id });
  }
  return rules;
}

/** The style the rules give the app in front (its bundle id or name, in any case); undefined when none names it. */
export function styleForApp(rules: readonly AppStyleRule[], app: FrontmostApp | undefined): AppStyleMatch | undefined {
  if (!app) return undefined;
  const names = [app.bundleId, app.name].filter((name): name is string => !!name).map((name) => name.toLowerCase());
  const rule = rules.find((entry) => names.includes(entry.app.toLowerCase()));
  return rule && { style: rule.style, app: app.name || rule.app };
}
