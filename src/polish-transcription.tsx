import { Clipboard, environment, showHUD, showToast, Toast, type LaunchProps } from "@raycast/api";
import { polish } from "./core";
import { modelTitle, showFallbackToast } from "./raycast/fallback-toast";
import { formatSeconds } from "./raycast/format";
import { readSettings } from "./raycast/preferences";
import { readInput } from "./raycast/read-input";

/**
 * No-view: polish the argument, the selection or the clipboard, then paste or copy. On any fallback the
 * original text goes out the same way, so the user is never left with nothing, and a toast says why.
 */
export default async function PolishTranscription(props: LaunchProps<{ arguments: Arguments.PolishTranscription }>) {
  const input = await readInput(props.arguments.text);
  if (!input) {
    await showHUD("Nothing to polish: select text or copy it first");
    return;
  }
  const settings = readSettings();
  // Loading a model from a cold disk takes seconds: show that something is happening.
  const progress = await showToast({ style: Toast.Style.Animated, title: `Polishing with ${settings.model.title}…` });
  const result = await polish({
    text: input.text,
    modelId: settings.model.id,
    style: settings.style,
    customInstructions: settings.customInstructions,
    unloadAfterSeconds: settings.unloadAfterSeconds,
    supportDir: environment.supportPath,
    assetsDir: environment.assetsPath,
  });
  await progress.hide();
  const output = result.polished ? result.text : input.text;
  if (settings.afterPolishing === "paste") await Clipboard.paste(output);
  else await Clipboard.copy(output);

  const verb = settings.afterPolishing === "paste" ? "Pasted" : "Copied";
  if (result.polished) {
    const summary = `Polished with ${modelTitle(result.model)} · ${formatSeconds(result.timings.totalMs)}`;
    await showHUD(settings.afterPolishing === "paste" ? summary : `${summary} · Copied`);
  } else {
    await showFallbackToast(result, `${verb} your original text.`);
  }
}
