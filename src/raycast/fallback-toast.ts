import { showHUD, showToast, Toast } from "@raycast/api";
import { findModel, type PolishResult } from "../core";
import { adviceFor, keepsForLater } from "./advice";
import { commonFixes, fixToastAction } from "./fixes";
import type { PolishContext } from "./polish-context";
import { rememberFailure, type InputFailure } from "./last-failure";
import { launchManageModels } from "./launch-manage-models";

/**
 * After a fallback in Polish Transcription, which has pasted or copied the original text by now. Raycast's
 * window is closed then (a paste closes it; a hotkey never opened it), so a toast would be a HUD whose
 * action nobody can click. So: a HUD with the reason, then the fix where the user can reach it. A missing
 * model opens Manage Local Models on it with Download first; a failure with a fix is kept for Manage Local
 * Models, which shows it at the top until dismissed; the rest have nothing to fix and end with the HUD.
 */
export async function reportFallback(result: PolishResult, outcome: string): Promise<void> {
  const advice = adviceFor(result.reason ?? "internal", modelTitle(result.model));
  const remember = () =>
    rememberFailure({
      reason: result.reason ?? "internal",
      modelId: result.model,
      message: result.message,
      at: Date.now(),
    });
  if (advice.fix === "download") {
    await showHUD(`${advice.title}. ${outcome}`);
    const opened = await launchManageModels({ focusModelId: result.model }).then(
      () => true,
      () => false,
    );
    // Raycast refused to open it (the command disabled): keep the failure for when the user does.
    if (!opened) await remember();
    return;
  }
  const kept = keepsForLater(advice);
  await showHUD(`${advice.title}. ${outcome}${kept ? " Details in Manage Local Models." : ""}`);
  if (kept) await remember();
}

/** The selection could not be read: say how to grant the permission, and keep it for Manage Local Models. */
export async function reportInputFailure(reason: InputFailure, modelId: string): Promise<void> {
  const advice = adviceFor(reason, modelTitle(modelId));
  await showHUD(`${advice.title}. ${advice.hint}`);
  await rememberFailure({ reason, modelId, at: Date.now() });
}

/** The model's title for people; the id itself when it is not in the catalogue. */
export function modelTitle(modelId: string): string {
  try {
    return findModel(modelId).title;
  } catch {
    return modelId;
  }
}

/**
 * A Vocabulary File or App Styles preference that cannot be used, in a view whose window is open: a
 * failure toast naming the line or rule, with the preferences one click away. The vocabulary's comes
 * first: it stops the polish, a bad rule only falls back to the Style preference.
 */
export async function reportSettingProblems(context: PolishContext): Promise<void> {
  const problem = context.vocabularyProblem ?? context.appStylesProblem;
  if (!problem) return;
  await showToast({
    style: Toast.Style.Failure,
    title: context.vocabularyProblem ? "Vocabulary file not used" : "App Styles not used",
    message: problem,
    primaryAction: fixToastAction("preferences", commonFixes({ summary: problem })),
  });
}
