/**
 * Manage Local Models with models added by repo id, against the real store: a local Hub over HTTP serving a
 * tiny model under a repo no catalogue knows, a temporary cache and support folder. Only Raycast is faked.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { act, type ReactTestInstance } from "react-test-renderer";
import type { ReactElement } from "react";
import ManageModels from "../../src/manage-models";
import { customModelsFile, setAppleSiliconOverride } from "../../src/core";
import { readSettings } from "../../src/raycast/preferences";
import { environment, LaunchType, raycast, resetRaycast } from "../mocks/raycast-api";
import { useLocalStore } from "../support/local-store";
import { render, waitFor, type Screen } from "../support/render";
import { tinyModel } from "../support/tiny-model";

const REPO = "someone/tiny-dictation-mlx";
const ID = "someone--tiny-dictation-mlx";
const TITLE = "tiny-dictation-mlx";

let files: Record<string, { file: string }>;
const local = useLocalStore(REPO, {}, "ui-custom");
const saved = { ...process.env };
const savedSupportPath = environment.supportPath;

beforeAll(async () => {
  const model = await tinyModel("qwen3");
  files = {};
  for (const name of await fs.readdir(model)) files[name] = { file: path.join(model, name) };
});

beforeEach(async () => {
  await local.hub.addRepo(REPO, { files });
  const config = JSON.parse(await fs.readFile(files["config.json"].file, "utf8"));
  await local.hub.addRepo("someone/strange-arch-mlx", {
    files: { ...files, "config.json": JSON.stringify({ ...config, model_type: "not_a_real_arch" }) },
  });
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

/** The rows of the Custom Models section (none while it is hidden). */
const customItems = (screen: Screen) =>
  screen
    .all("List.Section")
    .filter((section) => section.props.title === "Custom Models")
    .flatMap((section) => section.findAll((node) => (node.type as string) === "List.Item"));

/** Opens "Add Model…" from a row, types the fields and submits, as a user would. */
async function addModel(screen: Screen, values: { repo: string; revision?: string }) {
  const push = screen.all("Action.Push").find((action) => action.props.title === "Add Model…");
  if (!push) throw new Error("No Add Model… action");
  const form = await render(push.props.target as ReactElement);
  for (const field of form.all("Form.TextField")) {
    const value = values[field.props.id as keyof typeof values];
    if (value !== undefined) await act(async () => field.props.onChange(value));
  }
  const fieldValues = Object.fromEntries(
    form.all("Form.TextField").map((field) => [field.props.id, field.props.value]),
  );
  await act(async () => {
    await form.one("Action.SubmitForm").props.onSubmit(fieldValues);
  });
  return form;
}

const launch = () => render(<ManageModels launchType={LaunchType.UserInitiated as never} arguments={{}} />);

test("Add Model… adds a Hub repo to Custom Models; it downloads, and Remove Model deletes and forgets it", async () => {
  const screen = await launch();
  await waitFor(() => expect(screen.items().length).toBeGreaterThan(0));
  expect(customItems(screen)).toEqual([]);

  const form = await addModel(screen, { repo: REPO });
  expect(raycast.toasts.at(-1)).toMatchObject({ style: "success", title: `Added ${TITLE}` });
  expect(raycast.toasts.at(-1)!.history[0]).toMatchObject({ style: "animated", title: `Checking ${REPO}` });
  expect(raycast.popped).toBe(1);
  await form.unmount();

  await waitFor(() => expect(tagOf(screen.item(TITLE))).toBe("Not Downloaded"));
  expect(customItems(screen).map((item) => item.props.id)).toEqual([ID]);
  expect(screen.item(TITLE).props.subtitle).toMatch(/^qwen3 · ~\d+K$/);
  expect(screen.actionTitles(screen.item(TITLE))).toEqual(
    expect.arrayContaining(["Download", "Use This Model", "Remove Model…", "Add Model…", "Open on Hugging Face"]),
  );

  await screen.startAction("Download", screen.item(TITLE));
  const toast = raycast.toasts.at(-1)!;
  await waitFor(() => expect(toast.title).toBe(`Downloaded ${TITLE}`), 30_000);
  await waitFor(() => expect(tagOf(screen.item(TITLE))).toBe("Ready"));
  expect(screen.actionTitles(screen.item(TITLE))).toEqual(expect.arrayContaining(["Verify Files", "Delete Model…"]));

  await screen.runAction("Remove Model…", screen.item(TITLE));
  expect(raycast.alerts.at(-1)).toMatchObject({
    title: `Remove ${TITLE}?`,
    primaryAction: { style: "destructive" },
  });
  expect(raycast.toasts.at(-1)).toMatchObject({ style: "success", title: `Removed ${TITLE}` });
  await waitFor(() => expect(customItems(screen)).toEqual([]));
  await expect(fs.access(path.join(local.store.cacheDir, "models--someone--tiny-dictation-mlx"))).rejects.toThrow();
  expect(JSON.parse(await fs.readFile(customModelsFile(local.store.supportDir), "utf8")).models).toEqual([]);
  await screen.unmount();
}, 60_000);

test("a repo that cannot run is refused in a failure toast with the reason, and nothing is added or fetched", async () => {
  const screen = await launch();
  await waitFor(() => expect(screen.items().length).toBeGreaterThan(0));
  const form = await addModel(screen, { repo: "someone/strange-arch-mlx" });
  expect(raycast.toasts.at(-1)).toMatchObject({
    style: "failure",
    title: "MLX Polish cannot run this model",
    message: expect.stringContaining("mlx-lm 0.32.2 cannot load architecture 'not_a_real_arch'"),
  });
  // The form stays open to fix the id.
  expect(raycast.popped).toBe(0);
  expect(local.hub.requests.filter((request) => request.url.endsWith(".safetensors"))).toEqual([]);
  await screen.settle(50);
  expect(customItems(screen)).toEqual([]);

  // An empty id is caught on the field, before anything is asked of the Hub.
  const requests = local.hub.requests.length;
  await act(async () => {
    await form.one("Action.SubmitForm").props.onSubmit({ repo: "  ", revision: "" });
  });
  expect(form.all("Form.TextField").find((field) => field.props.id === "repo")!.props.error).toMatch(/Enter a repo id/);
  expect(local.hub.requests.length).toBe(requests);
  await form.unmount();
  await screen.unmount();
}, 30_000);

test("Use This Model chooses a custom model for the Model preference's Custom Model value", async () => {
  const screen = await launch();
  await waitFor(() => expect(screen.items().length).toBeGreaterThan(0));
  await (await addModel(screen, { repo: REPO })).unmount();
  await waitFor(() => screen.item(TITLE));

  // Preference on a catalogue model: the choice is kept, and the preferences open on the value to pick.
  await screen.runAction("Use This Model", screen.item(TITLE));
  expect(raycast.toasts.at(-1)).toMatchObject({ title: "Choose “Custom Model” under Model" });
  expect(raycast.preferencesOpened).toBe(1);
  expect(readSettings().model.id).toBe("qwen3-1.7b");

  raycast.preferences.model = "custom";
  expect(readSettings().model.id).toBe(ID);
  await screen.unmount();
  const again = await launch();
  await waitFor(() => expect(again.item(TITLE).props.accessories[0].tooltip).toBe("Selected model"));
  await again.unmount();
}, 30_000);

test("with Custom Model chosen in the preferences but no model chosen, polishing says what to do", async () => {
  resetRaycast({ model: "custom", unloadAfter: "300" });
  expect(readSettings().model).toMatchObject({ id: "custom", title: "Custom Model (none chosen)" });
  const { polish } = await import("../../src/core");
  const result = await polish({ text: "hello there", modelId: readSettings().model.id });
  expect(result).toMatchObject({ polished: false, reason: "unknown_model" });
  expect(result.message).toMatch(
    /no model you added is chosen: add one in Manage Local Models and choose Use This Model/,
  );
});
