import { environment, getFrontmostApplication } from "@raycast/api";
import {
  STYLES,
  parseAppStyles,
  prewarm,
  readVocabularyFile,
  styleForApp,
  type Prewarm,
  type StyleId,
  type VocabularyEntry,
} from "../core";
import type { Settings } from "./preferences";

/** What a polish takes from the user's own settings besides the model: the style, the vocabulary. */
export interface PolishContext {
  /** The style of the rule for the app in front, else the Style preference. */
  style: StyleId;
  /** The app whose rule chose `style` ("Slack"); undefined when the Style preference applies. */
  app?: string;
  vocabulary?: VocabularyEntry[];
  /**
   * The vocabulary file cannot be used (the message names its line): the polish must not run without the
   * spellings the user asked for, so the original text comes back.
   */
  vocabularyProblem?: string;
  /** App Styles holds a rule that cannot be used: the Style preference applies until it is fixed. */
  appStylesProblem?: string;
}

/**
 * Starts loading the model as the command opens, before it reads the text (`prewarm`): the polish then
 * finds it loading or loaded. Never rejects.
 */
export function startPrewarm(settings: Settings): Promise<Prewarm | undefined> {
  return prewarm({
    modelId: settings.model.id,
    unloadAfterSeconds: settings.unloadAfterSeconds,
    supportDir: environment.supportPath,
    assetsDir: environment.assetsPath,
  });
}

/** Reads the App Styles rules against the app in front, and the vocabulary file; never throws. */
export async function readPolishContext(settings: Settings): Promise<PolishContext> {
  const context: PolishContext = { style: settings.style };
  const [app, vocabulary] = await Promise.all([
    settings.appStyles ? getFrontmostApplication().catch(() => undefined) : undefined,
    settings.vocabularyFile
      ? readVocabularyFile(settings.vocabularyFile).then(
          (entries) => ({ entries }),
          (error: unknown) => ({ problem: messageOf(error) }),
        )
      : undefined,
  ]);
  if (vocabulary && "problem" in vocabulary) context.vocabularyProblem = vocabulary.problem;
  else if (vocabulary?.entries.length) context.vocabulary = vocabulary.entries;
  try {
    const match = styleForApp(parseAppStyles(settings.appStyles ?? ""), app);
    if (match) Object.assign(context, match);
  } catch (error) {
    context.appStylesProblem = messageOf(error);
  }
  return context;
}

/** "Casual · Slack" when an app's rule chose the style, else the style's title. */
export function styleLabel(style: StyleId, app?: string): string {
  const title = STYLES.find((entry) => entry.id === style)?.title ?? style;
  return app ? `${title} · ${app}` : title;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
