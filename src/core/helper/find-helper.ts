import { existsSync } from "node:fs";
import path from "node:path";
import { PolishError } from "../errors";

export interface HelperCommand {
  file: string;
  args: string[];
}

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
// Raycast bundles this code into the extension's root, next to `assets/`; in a checkout it is in src/core/helper.
const DEFAULT_ASSETS_DIRS = [path.join(__dirname, "assets"), path.join(REPO_ROOT, "assets")];
const FROZEN_HELPER = path.join("helper", "mlx-polish-helper", "mlx-polish-helper");

/**
 * How to start the helper: `MLX_POLISH_HELPER` (an executable or a command line) when set, else the
 * frozen binary in the extension's assets, else the development venv of this checkout.
 */
export async function findHelper({ assetsDir }: { assetsDir?: string } = {}): Promise<HelperCommand> {
  const override = process.env.MLX_POLISH_HELPER?.trim();
  if (override) {
    // execa ships ESM only: imported on use so this CommonJS module also loads under plain Node and tsx.
    const { parseCommandString } = await import("execa");
    const [file, ...args] = existsSync(override) ? [override] : parseCommandString(override);
    return { file, args };
  }
  const frozenCandidates = (assetsDir ? [assetsDir] : DEFAULT_ASSETS_DIRS).map((dir) => path.join(dir, FROZEN_HELPER));
  const frozen = frozenCandidates.find((candidate) => existsSync(candidate));
  if (frozen) return { file: frozen, args: [] };
  const venvPython = path.join(REPO_ROOT, "helper", ".venv", "bin", "python");
  if (existsSync(venvPython)) return { file: venvPython, args: ["-m", "mlx_polish_helper"] };
  throw new PolishError(
    "helper_unavailable",
    `The MLX Polish helper is missing: neither ${frozenCandidates.join(" nor ")} nor ${venvPython} exists. Reinstall the extension.`,
  );
}
