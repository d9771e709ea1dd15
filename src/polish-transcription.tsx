import { Clipboard, environment, showHUD, showToast, Toast, type LaunchProps } from "@raycast/api";
import { polish } from "./core";
import { modelTitle, reportFallback, reportInputFailure } from "./raycast/fallback-toast";
import { formatSeconds } from "./raycast/format";
import { readPolishContext, startPrewarm, styleLabel } from "./raycast/polish-context";
import { readSettings } from "./raycast/preferences";
import { readInput } from "./raycast/read-input";

/**
 * No-view: polish the argument, the selection or the clipboard, then paste or copy. The model starts
 * loading as the command opens, while the text is read. On any fallback the original text goes out the
 * same way, so the user is never left with nothing, and a HUD says why (the fix waits in Manage Local
 * Models: see `reportFallback`).
 */
export default async function PolishTranscription(props: LaunchProps<{ arguments: Arguments.PolishTranscription }>) {
  const settings = readSettings();
  // Before the text is read: loading a cold model is the longest wait of a polish.
  const warmUp = startPrewarm(settings);
  const [input, context] = await Promise.all([
    readInput(props.arguments.text || props.fallbackText),
    readPolishContext(settings),
  ]);
  if (input.kind === "no-permission") {
    await reportInputFailure("no_accessibility", settings.model.id);
    return;
  }
  if (input.kind === "empty") {
    await showHUD("Nothing to polish: select text or copy it first");
    return;
  }
  const verb = settings.afterPolishing === "paste" ? "Pasted" : "Copied";
  const deliver = (text: string) =>
    settings.afterPolishing === "paste" ? Clipboard.paste(text) : Clipboard.copy(text);
  if (context.vocabularyProblem) {
    // Polishing without the spellings the user asked for would undo them: the text goes out as it was.
    await deliver(input.text);
    await showHUD(`${context.vocabularyProblem} ${verb} your original text.`);
    return;
  }
  // Loading a model from a cold disk takes seconds: show that something is happening.
  const progress = await showToast({ style: Toast.Style.Animated, title: `Polishing with ${settings.model.title}…` });
  const result = await polish({
    text: input.text,
    modelId: settings.model.id,
    style: context.style,
    customInstructions: settings.customInstructions,
    vocabulary: context.vocabulary,
    warmUp,
    unloadAfterSeconds: settings.unloadAfterSeconds,
    supportDir: environment.supportPath,
    assetsDir: environment.assetsPath,
  });
  await progress.hide();
  await deliver(result.polished ? result.text : input.text);

  if (result.polished) {
    const style = styleLabel(result.style, context.app);
    const summary = `Polished with ${modelTitle(result.model)} · ${style} · ${formatSeconds(result.timings.totalMs)}`;
    const ignored = context.appStylesProblem ? ` · App Styles not used: ${context.appStylesProblem}` : "";
    await showHUD(`${summary}${settings.afterPolishing === "paste" ? "" : " · Copied"}${ignored}`);
  } else {
    await reportFallback(result, `${verb} your original text.`);
  }
}
