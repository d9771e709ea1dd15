import { showToast, Toast, openExtensionPreferences } from "@raycast/api";
import { findModel, type PolishResult } from "../core";
import { adviceFor, FIX_TITLES, type Fix } from "./advice";
import { copyLogs } from "./copy-logs";
import { launchManageModels } from "./launch-manage-models";

/**
 * After a fallback: says why the original text was used instead and offers the fix (download the model,
 * open Manage Local Models or the preferences, copy the details). `outcome` says what happened to the
 * original ("Pasted your original text").
 */
export async function showFallbackToast(result: PolishResult, outcome: string): Promise<void> {
  const title = modelTitle(result.model);
  const advice = adviceFor(result.reason ?? "internal", title);
  const fixes: Partial<Record<Fix, () => Promise<void>>> = {
    download: () => launchManageModels({ downloadModelId: result.model }),
    "manage-models": () => launchManageModels(),
    preferences: openExtensionPreferences,
    "copy-logs": () => copyLogs(`${result.reason}: ${result.message ?? advice.title}`),
    "setup-runtime": () => launchManageModels({ setUpRuntime: true }),
  };
  const fix = advice.fix && fixes[advice.fix];
  await showToast({
    style: Toast.Style.Failure,
    title: `${advice.title}. ${outcome}`,
    // The core's message is a full sentence about this failure; the generic hint is for when it has none.
    message: result.message ?? advice.hint,
    primaryAction: fix && advice.fix ? { title: FIX_TITLES[advice.fix], onAction: () => void fix() } : undefined,
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
