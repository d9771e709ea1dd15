import { existsSync } from "node:fs";
import path from "node:path";
import { checkoutRoot, defaultAssetsDirs, findRuntime, helperSourcePath } from "../config";
import { PolishError } from "../errors";

/** Where the helper comes from, in the order they are tried. */
export type HelperRuntimeKind = "override" | "runtime" | "frozen" | "venv";

export interface HelperCommand {
  file: string;
  args: string[];
  /** Added to the environment the helper starts with (the set-up runtime reads the helper's source from the assets). */
  env?: Record<string, string>;
  kind: HelperRuntimeKind;
  /** The runtime's folder, frozen build or venv; the override's executable. */
  path: string;
  /** `sha256:<hex>` of the lock the set-up runtime was built from; null for the other kinds. */
  lock: string | null;
}

export interface FindHelperParams {
  /** The extension's assets folder (Raycast's `environment.assetsPath`): frozen helper, locks, helper source. */
  assetsDir?: string;
  /** The support folder holding the set-up runtime. */
  supportDir?: string;
}

const FROZEN_HELPER = path.join("helper", "mlx-polish-helper", "mlx-polish-helper");

/**
 * How to start the helper, in this order: `MLX_POLISH_HELPER` (an executable or a command line), the
 * runtime set up in the support folder (`setupRuntime`), the frozen build in the extension's assets
 * (sideloaded and offline installs), the development venv of this checkout.
 */
export async function findHelper(params: FindHelperParams = {}): Promise<HelperCommand> {
  const found = await locateHelper(params);
  if (found) return found;
  throw new PolishError(
    "runtime_missing",
    "The local runtime is not set up yet: run Set Up Local Runtime in Manage Local Models (or `helper setup`).",
  );
}

/** `findHelper`'s answer, or undefined when there is nothing to run yet. */
export async function locateHelper(params: FindHelperParams = {}): Promise<HelperCommand | undefined> {
  const override = process.env.MLX_POLISH_HELPER?.trim();
  if (override) {
    // execa ships ESM only: imported on use so this CommonJS module also loads under plain Node and tsx.
    const { parseCommandString } = await import("execa");
    const [file, ...args] = existsSync(override) ? [override] : parseCommandString(override);
    return { file, args, kind: "override", path: file, lock: null };
  }
  const runtime = await findRuntime(params);
  if (runtime) {
    return {
      file: runtime.python,
      args: ["-m", "mlx_polish_helper"],
      env: { PYTHONPATH: helperSourcePath(params.assetsDir) },
      kind: "runtime",
      path: runtime.path,
      lock: runtime.lock,
    };
  }
  const frozen = (params.assetsDir ? [params.assetsDir] : defaultAssetsDirs())
    .map((dir) => path.join(dir, FROZEN_HELPER))
    .find((candidate) => existsSync(candidate));
  if (frozen) return { file: frozen, args: [], kind: "frozen", path: frozen, lock: null };
  const checkout = checkoutRoot();
  const venvPython = checkout && path.join(checkout, "helper", ".venv", "bin", "python");
  if (venvPython && existsSync(venvPython)) {
    return {
      file: venvPython,
      args: ["-m", "mlx_polish_helper"],
      kind: "venv",
      path: path.dirname(path.dirname(venvPython)),
      lock: null,
    };
  }
  return undefined;
}
