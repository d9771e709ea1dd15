/**
 * A small, honest stand-in for `@raycast/api` (which only runs inside Raycast). Components render as
 * host elements named after the Raycast component ("List.Item", "Action"), carrying their props, with
 * `actions`, `metadata` and `detail` rendered as children so tests can find and invoke them. Imperative
 * APIs record what they were asked to do in `raycast` (see `resetRaycast`).
 *
 * It keeps Raycast's window state, because what a user can reach depends on it (developers.raycast.com):
 * `closeMainWindow`, `showHUD` ("A HUD will automatically hide the main window"), `Clipboard.paste` and
 * `Action.Paste` close the window; `popToRoot` leaves the command for the root search. A toast shown while
 * the window is closed falls back to a HUD ("showToast() will fallback to showHUD() if the Raycast window
 * is closed"): its title is all the user sees and its actions cannot be clicked (`clickToastAction` throws).
 * `getSelectedText` fails the two ways Raycast does: nothing selected, or no Accessibility permission.
 */
import React, { type ReactNode } from "react";

type Props = Record<string, unknown> & { children?: ReactNode };

function host(name: string, slots: string[] = []) {
  const component = (props: Props) => {
    const slotChildren = slots.map((slot) =>
      props[slot] ? React.createElement(`${name}#${slot}`, { key: slot }, props[slot] as ReactNode) : null,
    );
    const ownProps: Props = { ...props };
    for (const slot of slots) delete ownProps[slot];
    // Every Detail text Raycast was given, in order: what a user could have seen, however briefly.
    if (name === "Detail" && typeof props.markdown === "string") raycast.detailMarkdown.push(props.markdown);
    return React.createElement(name, ownProps, props.children, ...slotChildren);
  };
  component.displayName = name;
  return component;
}

// ---- recorded imperative calls -------------------------------------------------------------

export interface RecordedToast {
  style: string;
  title: string;
  message?: string;
  primaryAction?: { title: string; onAction: (toast: RecordedToast) => void };
  secondaryAction?: { title: string; onAction: (toast: RecordedToast) => void };
  history: { style: string; title: string; message?: string }[];
  hidden: boolean;
  /** Shown while Raycast's window was closed: the user saw a HUD with the title, and no action. */
  shownAsHud: boolean;
  hide: () => Promise<void>;
  show: () => Promise<void>;
}

export const raycast = {
  preferences: {} as Record<string, unknown>,
  toasts: [] as RecordedToast[],
  huds: [] as string[],
  clipboard: { copied: [] as string[], pasted: [] as string[], text: undefined as string | undefined },
  selectedText: undefined as string | undefined,
  /** While set, `getSelectedText` waits for it: the time Raycast takes to copy the selection out of the app. */
  selectionReady: undefined as Promise<void> | undefined,
  /** The app in front (`getFrontmostApplication`); undefined makes it reject, as Raycast does when none is. */
  frontmostApplication: undefined as { name: string; bundleId?: string; path: string } | undefined,
  confirmAnswer: true,
  alerts: [] as { title: string; message?: string; primaryAction?: { title?: string; style?: string } }[],
  opened: [] as string[],
  shownInFinder: [] as string[],
  launched: [] as unknown[],
  preferencesOpened: 0,
  windowClosed: 0,
  poppedToRoot: 0,
  /** Views popped off the navigation stack (`useNavigation().pop`): a pushed form closing itself. */
  popped: 0,
  /** Whether Raycast's window is showing. A command launched from a hotkey starts with it closed. */
  window: "open" as "open" | "closed",
  /** False when Raycast lacks the Accessibility permission: `getSelectedText` then always fails. */
  accessibilityGranted: true,
  localStorage: new Map<string, string | number | boolean>(),
  detailMarkdown: [] as string[],
};

/** The errors Raycast's `getSelectedText` rejects with (seen in raycast/extensions issues #16794, #6129). */
export const SELECTED_TEXT_ERRORS = {
  nothingSelected: "Unable to get selected text from frontmost application",
  noPermission:
    "Raycast does not have Accessibility permission. Grant it in System Settings → Privacy & Security → Accessibility.",
};

export function resetRaycast(preferences: Record<string, unknown> = {}): void {
  raycast.preferences = preferences;
  raycast.toasts = [];
  raycast.huds = [];
  raycast.clipboard = { copied: [], pasted: [], text: undefined };
  raycast.selectedText = undefined;
  raycast.selectionReady = undefined;
  raycast.frontmostApplication = {
    name: "TextEdit",
    bundleId: "com.apple.TextEdit",
    path: "/System/Applications/TextEdit.app",
  };
  raycast.confirmAnswer = true;
  raycast.alerts = [];
  raycast.opened = [];
  raycast.shownInFinder = [];
  raycast.launched = [];
  raycast.preferencesOpened = 0;
  raycast.windowClosed = 0;
  raycast.poppedToRoot = 0;
  raycast.popped = 0;
  raycast.window = "open";
  raycast.accessibilityGranted = true;
  raycast.localStorage = new Map();
  raycast.detailMarkdown = [];
  environment.launchType = LaunchType.UserInitiated;
  resetCaches();
}

// Cached hooks (`@raycast/utils`) keep their data between launches of a command, like Raycast's cache.
const cacheResetters: (() => void)[] = [];
export function onResetRaycast(reset: () => void): void {
  cacheResetters.push(reset);
}
function resetCaches(): void {
  for (const reset of cacheResetters) reset();
}

/** Clicks a toast's action, as a user would; a toast that fell back to a HUD has no action to click. */
export async function clickToastAction(
  toast: RecordedToast,
  which: "primary" | "secondary" = "primary",
): Promise<void> {
  if (toast.shownAsHud)
    throw new Error(`"${toast.title}" was shown as a HUD (window closed): its actions are unreachable`);
  const action = which === "primary" ? toast.primaryAction : toast.secondaryAction;
  if (!action) throw new Error(`"${toast.title}" has no ${which} action`);
  await action.onAction(toast);
}

export interface LaunchOptions<A, C> {
  launchType?: string;
  arguments?: A;
  fallbackText?: string;
  launchContext?: C;
  /** How the command was started: from the root search (window open) or a hotkey (no window). */
  from?: "root-search" | "hotkey";
}

/**
 * The `LaunchProps` Raycast passes a command, with the matching `environment.launchType` and window state.
 * Every test launches commands through it, so a command sees what it would see in Raycast.
 */
export function launchProps<A = Record<string, never>, C = undefined>(options: LaunchOptions<A, C> = {}) {
  environment.launchType = options.launchType ?? LaunchType.UserInitiated;
  raycast.window = options.from === "hotkey" || environment.launchType === LaunchType.Background ? "closed" : "open";
  return {
    // Raycast's LaunchType is an enum; the mock's values are its strings.
    launchType: environment.launchType as never,
    arguments: (options.arguments ?? {}) as A,
    fallbackText: options.fallbackText,
    launchContext: options.launchContext,
  };
}

// ---- components ------------------------------------------------------------------------

const ListItemDetailMetadata = Object.assign(host("List.Item.Detail.Metadata"), {
  Label: host("List.Item.Detail.Metadata.Label"),
  Separator: host("List.Item.Detail.Metadata.Separator"),
  TagList: Object.assign(host("List.Item.Detail.Metadata.TagList"), {
    Item: host("List.Item.Detail.Metadata.TagList.Item"),
  }),
  Link: host("List.Item.Detail.Metadata.Link"),
});

export const List = Object.assign(host("List", ["actions", "searchBarAccessory"]), {
  Item: Object.assign(host("List.Item", ["actions", "detail"]), {
    Detail: Object.assign(host("List.Item.Detail", ["metadata"]), { Metadata: ListItemDetailMetadata }),
  }),
  Section: host("List.Section"),
  EmptyView: host("List.EmptyView", ["actions"]),
  Dropdown: Object.assign(host("List.Dropdown"), {
    Item: host("List.Dropdown.Item"),
    Section: host("List.Dropdown.Section"),
  }),
});

export const Detail = Object.assign(host("Detail", ["actions", "metadata"]), {
  Metadata: Object.assign(host("Detail.Metadata"), {
    Label: host("Detail.Metadata.Label"),
    Separator: host("Detail.Metadata.Separator"),
    TagList: Object.assign(host("Detail.Metadata.TagList"), { Item: host("Detail.Metadata.TagList.Item") }),
    Link: host("Detail.Metadata.Link"),
  }),
});

export const Form = Object.assign(host("Form", ["actions"]), {
  TextField: host("Form.TextField"),
  Description: host("Form.Description"),
});

export const ActionPanel = Object.assign(host("ActionPanel"), {
  Section: host("ActionPanel.Section"),
  Submenu: host("ActionPanel.Submenu"),
});

export const Action = Object.assign(host("Action"), {
  CopyToClipboard: host("Action.CopyToClipboard"),
  // Raycast pastes into the frontmost app, which means closing its own window first.
  Paste: (props: Props) =>
    React.createElement("Action.Paste", {
      ...props,
      onAction: async () => {
        await Clipboard.paste(props.content as string);
        await (props.onPaste as ((content: unknown) => void) | undefined)?.(props.content);
      },
    }),
  OpenInBrowser: host("Action.OpenInBrowser"),
  ShowInFinder: host("Action.ShowInFinder"),
  Push: host("Action.Push"),
  SubmitForm: host("Action.SubmitForm"),
  Open: host("Action.Open"),
  Style: { Regular: "regular", Destructive: "destructive" },
});

// ---- enums and constants ---------------------------------------------------------------

const iconNames = new Proxy({} as Record<string, string>, { get: (_target, name) => String(name) });
export const Icon = iconNames;
export const Color = {
  Red: "red",
  Orange: "orange",
  Yellow: "yellow",
  Green: "green",
  Blue: "blue",
  Purple: "purple",
  Magenta: "magenta",
  PrimaryText: "primary-text",
  SecondaryText: "secondary-text",
};

export const Toast = { Style: { Animated: "animated", Success: "success", Failure: "failure" } };
export const Alert = { ActionStyle: { Default: "default", Cancel: "cancel", Destructive: "destructive" } };

export const Keyboard = {
  Shortcut: {
    Common: new Proxy({} as Record<string, { modifiers: string[]; key: string; name: string }>, {
      get: (_target, name) => ({ modifiers: ["cmd"], key: String(name), name: String(name) }),
    }),
  },
};

export const LaunchType = { UserInitiated: "userInitiated", Background: "background" };
export const PopToRootType = { Default: "default", Immediate: "immediate", Suspended: "suspended" };

export const environment: {
  supportPath: string;
  assetsPath: string;
  commandName: string;
  extensionName: string;
  isDevelopment: boolean;
  launchType: string;
} = {
  supportPath: process.env.MLX_POLISH_SUPPORT_DIR ?? "/tmp/mlx-polish-test-support",
  assetsPath: "/tmp/mlx-polish-test-assets",
  commandName: "test",
  extensionName: "mlx-polish",
  isDevelopment: true,
  launchType: LaunchType.UserInitiated,
};

// ---- imperative APIs -------------------------------------------------------------------

export function getPreferenceValues<T>(): T {
  return { ...raycast.preferences } as T;
}

export async function showToast(options: {
  style?: string;
  title: string;
  message?: string;
  primaryAction?: RecordedToast["primaryAction"];
  secondaryAction?: RecordedToast["secondaryAction"];
}): Promise<RecordedToast> {
  const history: RecordedToast["history"] = [];
  const state = { style: options.style ?? Toast.Style.Success, title: options.title, message: options.message };
  history.push({ ...state });
  // Setting title/message/style on the returned toast updates it in place, as in Raycast.
  const toast = {
    history,
    hidden: false,
    primaryAction: options.primaryAction,
    secondaryAction: options.secondaryAction,
    hide: async () => {
      toast.hidden = true;
    },
    show: async () => {
      toast.hidden = false;
    },
    shownAsHud: raycast.window === "closed",
  } as unknown as RecordedToast;
  for (const key of ["style", "title", "message"] as const) {
    Object.defineProperty(toast, key, {
      enumerable: true,
      get: () => state[key],
      set: (value: string) => {
        state[key] = value;
        history.push({ ...state });
      },
    });
  }
  raycast.toasts.push(toast);
  if (toast.shownAsHud) raycast.huds.push(options.title);
  return toast;
}

export async function showHUD(title: string): Promise<void> {
  raycast.huds.push(title);
  closeWindow();
}

function closeWindow(): void {
  if (raycast.window === "open") raycast.windowClosed += 1;
  raycast.window = "closed";
}

export const Clipboard = {
  async copy(content: string | { text: string }) {
    const text = typeof content === "string" ? content : content.text;
    raycast.clipboard.copied.push(text);
    raycast.clipboard.text = text;
  },
  async paste(content: string | { text: string }) {
    closeWindow();
    raycast.clipboard.pasted.push(typeof content === "string" ? content : content.text);
  },
  async readText() {
    return raycast.clipboard.text;
  },
};

export async function getSelectedText(): Promise<string> {
  await raycast.selectionReady;
  if (!raycast.accessibilityGranted) throw new Error(SELECTED_TEXT_ERRORS.noPermission);
  if (raycast.selectedText === undefined) throw new Error(SELECTED_TEXT_ERRORS.nothingSelected);
  return raycast.selectedText;
}

export async function getFrontmostApplication(): Promise<{ name: string; bundleId?: string; path: string }> {
  if (!raycast.frontmostApplication) throw new Error("No frontmost application found");
  return { ...raycast.frontmostApplication };
}

export async function confirmAlert(options: {
  title: string;
  message?: string;
  primaryAction?: { title?: string; style?: string };
}): Promise<boolean> {
  raycast.alerts.push(options);
  return raycast.confirmAnswer;
}

export async function open(target: string): Promise<void> {
  raycast.opened.push(target);
}

export async function showInFinder(path: string): Promise<void> {
  raycast.shownInFinder.push(path);
}

/** Launching a command opens Raycast's window on it (a user-initiated launch). */
export async function launchCommand(options: { type?: string }): Promise<void> {
  raycast.launched.push(options);
  if (options.type !== LaunchType.Background) raycast.window = "open";
}

export async function openExtensionPreferences(): Promise<void> {
  raycast.preferencesOpened += 1;
}

export async function openCommandPreferences(): Promise<void> {
  raycast.preferencesOpened += 1;
}

export async function closeMainWindow(): Promise<void> {
  closeWindow();
}

/** Leaves the command for the root search: the window stays open, the command's view is gone. */
export async function popToRoot(): Promise<void> {
  raycast.poppedToRoot += 1;
}

/** Raycast's per-extension key-value store, shared by its commands and kept across launches. */
export const LocalStorage = {
  async getItem<T extends string | number | boolean>(key: string): Promise<T | undefined> {
    return raycast.localStorage.get(key) as T | undefined;
  },
  async setItem(key: string, value: string | number | boolean): Promise<void> {
    raycast.localStorage.set(key, value);
  },
  async removeItem(key: string): Promise<void> {
    raycast.localStorage.delete(key);
  },
  async allItems(): Promise<Record<string, string | number | boolean>> {
    return Object.fromEntries(raycast.localStorage);
  },
  async clear(): Promise<void> {
    raycast.localStorage.clear();
  },
};

export function useNavigation() {
  return {
    push: () => undefined,
    pop: () => {
      raycast.popped += 1;
    },
  };
}
