import { Icon, openExtensionPreferences, type Toast } from "@raycast/api";
import { FIX_TITLES, type Fix } from "./advice";
import { copyLogs } from "./copy-logs";
import { launchManageModels } from "./launch-manage-models";

/** What applying each fix does where it is offered; a fix without a handler is not offered there. */
export type FixHandlers = Partial<Record<Fix, () => void | Promise<void>>>;

/** The icon of each fix's action, wherever it is offered. */
export const FIX_ICONS: Record<Fix, Icon> = {
  retry: Icon.RotateClockwise,
  download: Icon.Download,
  "manage-models": Icon.ComputerChip,
  preferences: Icon.Gear,
  "copy-logs": Icon.Clipboard,
  "setup-runtime": Icon.Hammer,
};

/**
 * The handlers every command can offer after a failure about `modelId`: download it, open Manage Local
 * Models (or set up the runtime there) or the preferences, copy `summary` with the helper's log. Retry is
 * the caller's to add.
 */
export function commonFixes({ modelId, summary }: { modelId?: string; summary: string }): FixHandlers {
  return {
    ...(modelId !== undefined && { download: () => launchManageModels({ downloadModelId: modelId }) }),
    "manage-models": () => launchManageModels(),
    preferences: openExtensionPreferences,
    "copy-logs": () => copyLogs(summary),
    "setup-runtime": () => launchManageModels({ setUpRuntime: true }),
  };
}

/**
 * The one dispatcher from a fix to the toast action that applies it; undefined when there is no fix or
 * no handler for it here. The toast goes away first, except for Copy Logs, whose HUD says it worked.
 */
export function fixToastAction(fix: Fix | undefined, handlers: FixHandlers): Toast.ActionOptions | undefined {
  const handler = fix && handlers[fix];
  if (!fix || !handler) return undefined;
  return {
    title: FIX_TITLES[fix],
    onAction: (toast) => {
      if (fix !== "copy-logs") void toast.hide();
      void handler();
    },
  };
}
