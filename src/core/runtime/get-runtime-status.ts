import { locateHelper, type FindHelperParams, type HelperRuntimeKind } from "../helper";
import { readRuntimeLock, runtimePlatform } from "../config";

export interface RuntimeStatus {
  /** Where the helper would start from now; undefined when nothing can run it (set-up needed). */
  kind?: HelperRuntimeKind;
  path?: string;
  /** A set-up runtime built from this extension's current lock is in use. */
  upToDate: boolean;
}

/** Whether the helper can start, and from what: what Manage Local Models shows and offers to set up. */
export async function getRuntimeStatus(params: FindHelperParams = {}): Promise<RuntimeStatus> {
  const helper = await locateHelper(params);
  const platform = runtimePlatform();
  const lock = platform ? await readRuntimeLock(platform, params.assetsDir).catch(() => undefined) : undefined;
  return {
    kind: helper?.kind,
    path: helper?.path,
    upToDate: helper?.kind === "runtime" && lock !== undefined && helper.lock === lock.hash,
  };
}
