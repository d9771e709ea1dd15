import { formatBytes } from "../store";
import type { RuntimeSetupProgress, RuntimeSetupStage } from "./setup-runtime";

const STAGE_NAMES: Record<RuntimeSetupStage, string> = {
  uv: "Downloading uv",
  python: "Creating the Python environment",
  packages: "Installing the locked packages",
  check: "Checking that the helper starts",
};

/** One line of set-up progress: the stage, and its bytes when there are any. */
export function describeSetupProgress(progress: RuntimeSetupProgress): string {
  const stage = STAGE_NAMES[progress.stage];
  if (progress.bytes === undefined) return stage;
  if (progress.totalBytes) return `${stage} (${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)})`;
  return `${stage} (${formatBytes(progress.bytes)})`;
}
