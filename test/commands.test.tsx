import fs from "node:fs";
import path from "node:path";
import ManageModels from "../src/manage-models";
import * as core from "../src/core";
import { setAppleSiliconOverride } from "../src/core";
import { LaunchType, resetRaycast } from "./mocks/raycast-api";
import { helperStatus, modelState, storeSummary } from "./support/model-fixtures";
import { render, waitFor } from "./support/render";

// The store and the helper are faked at their boundary; catalogue, styles and formatting run for real.
jest.mock("../src/core/store", () =>
  require("./support/mock-concern").withMockedFunctions(jest.requireActual("../src/core/store"), ["getModelStates"]),
);
jest.mock("../src/core/helper", () =>
  require("./support/mock-concern").withMockedFunctions(jest.requireActual("../src/core/helper"), ["getHelperStatus"]),
);
const mocked = jest.mocked(core);

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
  commands: { name: string; mode: string }[];
};

beforeEach(() => {
  resetRaycast({ model: "qwen3-1.7b", unloadAfter: "300" });
  setAppleSiliconOverride(true);
});
afterEach(() => setAppleSiliconOverride(undefined));

describe("the commands", () => {
  it.each(manifest.commands.map((command) => command.name))("%s has a command file Raycast can run", (name) => {
    const module = require(path.join(__dirname, "..", "src", `${name}.tsx`)) as { default?: unknown };
    expect(typeof module.default).toBe("function");
  });

  it("never gives two actions of one model the same shortcut, in any state", async () => {
    mocked.getModelStates.mockResolvedValue(
      storeSummary([
        modelState("qwen3-1.7b", { kind: "ready" }),
        modelState("qwen3-4b", { kind: "partial", downloadedBytes: 1, totalBytes: 2 }),
        modelState("gemma3-1b", { kind: "failed", code: "unauthorized", message: "401", retryable: false }),
        modelState("gemma3-4b", { kind: "corrupt", message: "bad" }),
        modelState("ministral3-3b", { kind: "ready" }),
        modelState("qwen3-0.6b", {
          kind: "downloading",
          pid: 1,
          progress: { downloadedBytes: 1, totalBytes: 2, bytesPerSecond: 1 },
        }),
      ]),
    );
    mocked.getHelperStatus.mockResolvedValue(helperStatus("qwen3-1.7b"));
    const screen = await render(<ManageModels launchType={LaunchType.UserInitiated as never} arguments={{}} />);
    await waitFor(() => screen.item("Qwen 3 1.7B"));
    for (const item of screen.items()) {
      const shortcuts = item
        .findAll((node) => typeof node.type === "string" && node.type.startsWith("Action") && node.props.shortcut)
        .map((node) => JSON.stringify(node.props.shortcut));
      expect({ item: item.props.title, shortcuts }).toEqual({
        item: item.props.title,
        shortcuts: [...new Set(shortcuts)],
      });
    }
    await screen.unmount();
  });
});
