/**
 * Renders a command's React tree against the `@raycast/api` mock and answers the questions a user
 * would ask of the screen: which items are there, what do they show, which actions can I take.
 */
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import type { ReactElement } from "react";

// React 19 wants this flag for act() outside a DOM testing library.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// react-test-renderer still works on React 19 but says so on every render; Raycast has no DOM for the
// DOM testing library to stand in for, so the renderer stays and only its deprecation notice goes.
const consoleError = console.error;
console.error = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith("react-test-renderer is deprecated")) return;
  consoleError(...args);
};

export interface Screen {
  renderer: ReactTestRenderer;
  root: ReactTestInstance;
  all: (type: string) => ReactTestInstance[];
  one: (type: string) => ReactTestInstance;
  items: () => ReactTestInstance[];
  item: (title: string) => ReactTestInstance;
  actionTitles: (within?: ReactTestInstance) => string[];
  runAction: (title: string, within?: ReactTestInstance) => Promise<void>;
  /** Starts an action that keeps running (a download, a generation) and returns without waiting for it. */
  startAction: (title: string, within?: ReactTestInstance) => Promise<void>;
  settle: (ms?: number) => Promise<void>;
  unmount: () => Promise<void>;
}

const ACTION_TYPES = /^Action(\.|$)/;

export async function render(element: ReactElement): Promise<Screen> {
  let renderer!: ReactTestRenderer;
  await act(async () => {
    renderer = create(element);
  });
  const all = (type: string) => renderer.root.findAll((node) => node.type === type);
  const actionsIn = (within?: ReactTestInstance) =>
    (within ?? renderer.root).findAll((node) => typeof node.type === "string" && ACTION_TYPES.test(node.type));
  const findAction = (title: string, within?: ReactTestInstance) => {
    const action = actionsIn(within).find((node) => node.props.title === title);
    if (!action) throw new Error(`No action "${title}" (have: ${screen.actionTitles(within).join(", ")})`);
    return action;
  };
  const screen: Screen = {
    renderer,
    get root() {
      return renderer.root;
    },
    all,
    one: (type) => {
      const found = all(type);
      if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
      return found[0];
    },
    items: () => all("List.Item"),
    item: (title) => {
      const found = all("List.Item").find((node) => node.props.title === title);
      if (!found) throw new Error(`No List.Item titled "${title}"`);
      return found;
    },
    actionTitles: (within) => actionsIn(within).map((node) => String(node.props.title)),
    runAction: async (title, within) => {
      const action = findAction(title, within);
      await act(async () => {
        await action.props.onAction?.();
      });
    },
    startAction: async (title, within) => {
      const action = findAction(title, within);
      await act(async () => {
        void action.props.onAction?.();
      });
    },
    settle: async (ms = 0) => {
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
      });
    },
    unmount: async () => {
      await act(async () => {
        renderer.unmount();
      });
    },
  };
  return screen;
}

/** Waits until `check` passes, re-rendering between tries; fails with the last error after `timeoutMs`. */
export async function waitFor<T>(check: () => T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    }
  }
}
