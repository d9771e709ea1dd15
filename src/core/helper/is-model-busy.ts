import { findModel } from "../catalog";
import { getHelperStatus } from "./get-helper-status";
import type { HelperOptions } from "./ensure-helper";

/**
 * Why a model must not be deleted right now (the helper is loading it or polishing with it), or
 * undefined when it is free. An idle loaded model is not busy: deleting it is safe.
 */
export async function isModelBusy(modelId: string, options: HelperOptions = {}): Promise<string | undefined> {
  const status = await getHelperStatus(options).catch(() => undefined);
  if (!status || status.model?.id !== modelId || status.state === "idle") return undefined;
  const title = findModel(modelId, options).title;
  return status.state === "loading" ? `${title} is being loaded.` : `${title} is polishing text right now.`;
}
