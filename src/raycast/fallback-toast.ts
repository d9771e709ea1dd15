import { showToast, Toast } from "@raycast/api";
import { findModel, type PolishResult } from "../core";
import { adviceFor } from "./advice";
import { commonFixes, fixToastAction } from "./fixes";

/**
 * After a fallback: says why the original text was used instead and offers the fix (download the model,
 * open Manage Local Models or the preferences, copy the details). `outcome` says what happened to the
 * original ("Pasted your original text").
 */
export async function showFallbackToast(result: PolishResult, outcome: string): Promise<void> {
  const title = modelTitle(result.model);
  const advice = adviceFor(result.reason ?? "internal", title);
  const fixes = commonFixes({ modelId: result.model, summary: `${result.reason}: ${result.message ?? advice.title}` });
  await showToast({
    style: Toast.Style.Failure,
    title: `${advice.title}. ${outcome}`,
    // The core's message is a full sentence about this failure; the generic hint is for when it has none.
    message: result.message ?? advice.hint,
    primaryAction: fixToastAction(advice.fix, fixes),
  });
}

/** The model's title for people; the id itself when it is not in the catalogue. */
export function modelTitle(modelId: string): string {
  try {
    return findModel(modelId).title;
  } catch {
    return modelId;
  }
}
