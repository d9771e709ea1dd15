import type { CatalogModel } from "../catalog";
import { PolishError } from "../errors";
import { getModelState } from "./get-model-state";

/** The snapshot folder of a downloaded, intact model; otherwise says what the user must do. */
export async function readyModelPath(
  model: CatalogModel,
  options: { supportDir?: string; cacheDir?: string } = {},
): Promise<string> {
  const state = await getModelState(model.id, { supportDir: options.supportDir, cacheDir: options.cacheDir });
  if (state.status.kind === "corrupt") {
    throw new PolishError(
      "model_corrupt",
      `${model.title} is damaged (${state.status.message}). Delete it and download it again.`,
    );
  }
  if (state.status.kind !== "ready" || !state.path) {
    throw new PolishError(
      "model_not_downloaded",
      `${model.title} is not downloaded. Download it in Manage Local Models (or \`mlx-polish models download ${model.id}\`).`,
    );
  }
  return state.path;
}
