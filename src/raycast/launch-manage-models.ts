import { launchCommand, LaunchType } from "@raycast/api";

/** How other commands open this one after a fallback. */
export interface ManageModelsContext {
  /** Start this model's download (the user chose "Download Model"). */
  downloadModelId?: string;
  /** Open on this model, its first action (Download when it is missing) ready for Enter. */
  focusModelId?: string;
  /** Start the local runtime's set-up (the "Set Up Local Runtime" fix after a fallback). */
  setUpRuntime?: boolean;
}

/** Opens Manage Local Models, optionally starting a model's download or the runtime's set-up there. */
export async function launchManageModels(context: ManageModelsContext = {}): Promise<void> {
  await launchCommand({ name: "manage-models", type: LaunchType.UserInitiated, context });
}
