/**
 * Manage Local Models against the real store: a local Hub over HTTP, a temporary Hugging Face cache and
 * support folder. Nothing in the core is faked; only Raycast is (its mock records toasts and alerts).
 */
import { randomBytes } from "node:crypto";
import type { ReactTestInstance } from "react-test-renderer";
import ManageModels from "../../src/manage-models";
import { setAppleSiliconOverride } from "../../src/core";
import { environment, LaunchType, raycast, resetRaycast } from "../mocks/raycast-api";
import { useLocalStore } from "../support/local-store";
import { render, waitFor } from "../support/render";

const REPO = "mlx-community/Qwen3-0.6B-4bit";
const FILES = {
  "config.json": JSON.stringify({ model_type: "qwen3" }),
  "tokenizer.json": JSON.stringify({ version: "1.0" }),
  "model.safetensors": randomBytes(3_000_000),
};

const local = useLocalStore(REPO, FILES, "ui");
const saved = { ...process.env };
const savedSupportPath = environment.supportPath;

beforeEach(async () => {
  process.env.HF_HUB_CACHE = local.store.cacheDir;
  process.env.HF_ENDPOINT = local.store.hubUrl;
  environment.supportPath = local.store.supportDir;
  resetRaycast({ model: "qwen3-1.7b", unloadAfter: "300" });
  setAppleSiliconOverride(true);
});

afterEach(async () => {
  process.env = { ...saved };
  environment.supportPath = savedSupportPath;
  setAppleSiliconOverride(undefined);
});

const tagOf = (item: ReactTestInstance) =>
  (item.props.accessories as { tag?: { value: string } }[]).find((accessory) => accessory.tag)!.tag!.value;

test("downloads a model with live progress until it is Ready, then deletes it and frees its space", async () => {
  local.hub.limitRate(4_000_000);
  const screen = await render(<ManageModels launchType={LaunchType.UserInitiated as never} arguments={{}} />);
  await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toBe("Not Downloaded"));

  await screen.startAction("Download", screen.item("Qwen 3 0.6B"));
  const toast = raycast.toasts.at(-1)!;
  await waitFor(() => expect(toast.title).toBe("Downloaded Qwen 3 0.6B"), 20_000);
  expect(toast.style).toBe("success");
  expect(toast.history.some((entry) => /^\d+%/.test(entry.message ?? ""))).toBe(true);
  await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toBe("Ready"));
  expect(screen.actionTitles(screen.item("Qwen 3 0.6B"))).toEqual(expect.arrayContaining(["Show in Finder"]));

  await screen.runAction("Delete Model…", screen.item("Qwen 3 0.6B"));
  expect(raycast.alerts.at(-1)?.message).toContain("frees 3.0 MB");
  expect(raycast.toasts.at(-1)).toMatchObject({ title: "Deleted Qwen 3 0.6B", message: "Freed 3.0 MB" });
  await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toBe("Not Downloaded"));
  await screen.unmount();
});

test("Cancel in the progress toast stops the download and leaves nothing behind", async () => {
  // The Hub stops sending a third of the way into the weights, holding the download in flight.
  local.hub.fault({ kind: "stall", afterBytes: 1_000_000, times: 1, path: "model.safetensors" });
  const screen = await render(<ManageModels launchType={LaunchType.UserInitiated as never} arguments={{}} />);
  await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toBe("Not Downloaded"));

  await screen.startAction("Download", screen.item("Qwen 3 0.6B"));
  const toast = raycast.toasts.at(-1)!;
  await waitFor(() => expect(toast.message).toMatch(/^[1-9]\d*%/), 20_000);
  toast.primaryAction!.onAction(toast);
  await waitFor(() => expect(toast.title).toBe("Canceled the download of Qwen 3 0.6B"), 20_000);
  expect(toast.style).toBe("success");
  await waitFor(() => expect(tagOf(screen.item("Qwen 3 0.6B"))).toBe("Not Downloaded"), 10_000);
  expect(screen.actionTitles(screen.item("Qwen 3 0.6B"))).toContain("Download");
  expect(screen.actionTitles(screen.item("Qwen 3 0.6B"))).not.toContain("Delete Model…");
  await screen.unmount();
});
