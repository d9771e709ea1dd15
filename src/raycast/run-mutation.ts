import { showToast, Toast } from "@raycast/api";
import type { MutatePromise } from "@raycast/utils";
import { toPolishError, type ErrorCode } from "../core";
import { adviceFor, type Advice } from "./advice";
import { copyLogs } from "./copy-logs";
import { fixToastAction, type FixHandlers } from "./fixes";

export interface MutationParams<Data, Result> {
  /** Shown in an animated toast while the work runs ("Downloading Qwen 3 1.7B"). */
  title: string;
  /** The work. It may update the toast in place (progress, a Cancel action). */
  run: (toast: Toast) => Promise<Result>;
  /** The toast's title when the work was canceled (not a failure); defaults to "Canceled". */
  cancelledTitle?: string;
  /** The toast once the work succeeded. */
  success: (result: Result) => { title: string; message?: string };
  /** The hook's `mutate`: the update goes through it so the list refreshes afterwards. */
  mutate: MutatePromise<Data | undefined, Data | undefined>;
  /** Applied to the list at once and rolled back if the work fails. */
  optimisticUpdate?: (data: Data | undefined) => Data;
  /** The model's title, for the failure's wording. */
  model: string;
  /** Words for failures that differ from the store's (`adviceFor`), e.g. a runtime set-up's. */
  advice?: (code: ErrorCode) => Advice | undefined;
  /** What the failure toast's action does for each kind of fix; fixes without one get no action (Copy Logs always has one). */
  fixes?: FixHandlers;
}

/**
 * The one way the commands change something: an animated toast, an optimistic update, then a success
 * toast or a failure toast that says what happened and offers the fix. Never throws.
 */
export async function runMutation<Data, Result>(params: MutationParams<Data, Result>): Promise<Result | undefined> {
  const toast = await showToast({ style: Toast.Style.Animated, title: params.title });
  try {
    const result: Result = await params.mutate(params.run(toast), {
      optimisticUpdate: params.optimisticUpdate,
      rollbackOnError: true,
    });
    const success = params.success(result);
    toast.style = Toast.Style.Success;
    toast.title = success.title;
    toast.message = success.message;
    toast.primaryAction = undefined;
    return result;
  } catch (caught) {
    const error = toPolishError(caught);
    const advice = params.advice?.(error.code) ?? adviceFor(error.code, params.model);
    if (error.code === "cancelled") {
      toast.style = Toast.Style.Success;
      toast.title = params.cancelledTitle ?? advice.title;
      toast.message = undefined;
      toast.primaryAction = undefined;
      return undefined;
    }
    toast.style = Toast.Style.Failure;
    toast.title = advice.title;
    // Some core messages already end with the advice; say it once.
    toast.message = error.message.includes(advice.hint) ? error.message : `${error.message} ${advice.hint}`;
    const logs = `${error.code}: ${error.stack ?? error.message}`;
    toast.primaryAction = fixToastAction(advice.fix, { "copy-logs": () => copyLogs(logs), ...params.fixes });
    return undefined;
  }
}
