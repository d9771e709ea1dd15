/**
 * A small, honest stand-in for `@raycast/api` (which only runs inside Raycast). Components render as
 * host elements named after the Raycast component ("List.Item", "Action"), carrying their props, with
 * `actions`, `metadata` and `detail` rendered as children so tests can find and invoke them. Imperative
 * APIs record what they were asked to do in `raycast` (see `resetRaycast`).
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
  hide: () => Promise<void>;
  show: () => Promise<void>;
}

export const raycast = {
  preferences: {} as Record<string, unknown>,
  toasts: [] as RecordedToast[],
  huds: [] as string[],
  clipboard: { copied: [] as string[], pasted: [] as string[], text: undefined as string | undefined },
  selectedText: undefined as string | undefined,
  confirmAnswer: true,
  alerts: [] as { title: string; message?: string; primaryAction?: { title?: string; style?: string } }[],
  opened: [] as string[],
  shownInFinder: [] as string[],
  launched: [] as unknown[],
  preferencesOpened: 0,
  windowClosed: 0,
  poppedToRoot: 0,
};

export function resetRaycast(preferences: Record<string, unknown> = {}): void {
  raycast.preferences = preferences;
  raycast.toasts = [];
  raycast.huds = [];
  raycast.clipboard = { copied: [], pasted: [], text: undefined };
  raycast.selectedText = undefined;
  raycast.confirmAnswer = true;
  raycast.alerts = [];
  raycast.opened = [];
  raycast.shownInFinder = [];
  raycast.launched = [];
  raycast.preferencesOpened = 0;
  raycast.windowClosed = 0;
  raycast.poppedToRoot = 0;
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

export const ActionPanel = Object.assign(host("ActionPanel"), {
  Section: host("ActionPanel.Section"),
  Submenu: host("ActionPanel.Submenu"),
});

export const Action = Object.assign(host("Action"), {
  CopyToClipboard: host("Action.CopyToClipboard"),
  Paste: host("Action.Paste"),
  OpenInBrowser: host("Action.OpenInBrowser"),
  ShowInFinder: host("Action.ShowInFinder"),
  Push: host("Action.Push"),
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

export const environment = {
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
  return toast;
}

export async function showHUD(title: string): Promise<void> {
  raycast.huds.push(title);
}

export const Clipboard = {
  async copy(content: string | { text: string }) {
    const text = typeof content === "string" ? content : content.text;
    raycast.clipboard.copied.push(text);
    raycast.clipboard.text = text;
  },
  async paste(content: string | { text: string }) {
    raycast.clipboard.pasted.push(typeof content === "string" ? content : content.text);
  },
  async readText() {
    return raycast.clipboard.text;
  },
};

export async function getSelectedText(): Promise<string> {
  if (raycast.selectedText === undefined) throw new Error("Unable to get selected text from frontmost application");
  return raycast.selectedText;
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

export async function launchCommand(options: unknown): Promise<void> {
  raycast.launched.push(options);
}

export async function openExtensionPreferences(): Promise<void> {
  raycast.preferencesOpened += 1;
}

export async function openCommandPreferences(): Promise<void> {
  raycast.preferencesOpened += 1;
}

export async function closeMainWindow(): Promise<void> {
  raycast.windowClosed += 1;
}

export async function popToRoot(): Promise<void> {
  raycast.poppedToRoot += 1;
}

export function useNavigation() {
  return { push: () => undefined, pop: () => undefined };
}
