import { Keyboard } from "@raycast/api";

/** Every keyboard shortcut the commands use, in one table so none collide. */
export const SHORTCUTS = {
  download: { modifiers: ["cmd"], key: "d" },
  cancelDownload: { modifiers: ["cmd"], key: "." },
  remove: Keyboard.Shortcut.Common.Remove,
  load: { modifiers: ["cmd"], key: "l" },
  unload: { modifiers: ["cmd", "shift"], key: "l" },
  useModel: Keyboard.Shortcut.Common.Pin,
  addModel: Keyboard.Shortcut.Common.New,
  removeCustomModel: Keyboard.Shortcut.Common.RemoveAll,
  toggleDetail: Keyboard.Shortcut.Common.ToggleQuickLook,
  showInFinder: { modifiers: ["cmd", "shift"], key: "f" },
  openInBrowser: Keyboard.Shortcut.Common.Open,
  copyRepoId: Keyboard.Shortcut.Common.Copy,
  refresh: Keyboard.Shortcut.Common.Refresh,
  copyResponse: Keyboard.Shortcut.Common.Copy,
  retry: Keyboard.Shortcut.Common.Refresh,
  showOriginal: { modifiers: ["cmd"], key: "o" },
  manageModels: { modifiers: ["cmd", "shift"], key: "m" },
  setUpRuntime: { modifiers: ["cmd", "shift"], key: "u" },
} satisfies Record<string, Keyboard.Shortcut>;
