import { launchCommand, LaunchType } from "@raycast/api";
import type { ManageModelsContext } from "../manage-models";

/** Opens Manage Local Models, optionally starting a model's download or the runtime's set-up there. */
export async function launchManageModels(context: ManageModelsContext = {}): Promise<void> {
  await launchCommand({ name: "manage-models", type: LaunchType.UserInitiated, context });
}
