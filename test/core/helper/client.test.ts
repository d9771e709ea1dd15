import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  HelperClient,
  PolishError,
  loadModel,
  polish,
  setAppleSiliconOverride,
  type ConnectedHelper,
  type HelperGenerateParams,
  type HelperGenerateResult,
} from "../../../src/core";
import { cachedModel, polishFolders } from "../polish/polish-fixtures";

const DONE: HelperGenerateResult = {
  text: "",
  finish_reason: "stop",
  prompt_tokens: 10,
  cached_prompt_tokens: 0,
  generation_tokens: 4,
  prompt_tps: 100,
  generation_tps: 40,
  peak_memory_bytes: 1,
  time_to_first_token_ms: 5,
  total_ms: 20,
  load_ms: 0,
};

/** A client with no process behind it: answers every generate with `reply`, or fails with `failure`. */
class ScriptedClient extends HelperClient {
  readonly generated: HelperGenerateParams[] = [];
  constructor(
    private readonly reply: string,
    private readonly failure?: PolishError,
  ) {
    super({ supportDir: "/nonexistent/support" });
  }
  override async connectOurs() {
    return undefined;
  }
  override async withHelper<T>(work: (helper: ConnectedHelper, markStarted: () => void) => Promise<T>) {
    if (this.failure) throw this.failure;
    return work({} as ConnectedHelper, () => undefined);
  }
  override async *generate(_helper: ConnectedHelper, params: HelperGenerateParams) {
    this.generated.push(params);
    yield this.reply;
    return { ...DONE, text: this.reply };
  }
}

beforeEach(() => setAppleSiliconOverride(true));
afterEach(() => setAppleSiliconOverride(undefined));

describe("the helper client", () => {
  it("reports no helper, unloads nothing and stops nothing when none runs, without starting one", async () => {
    const client = new HelperClient({ supportDir: await mkdtemp(path.join(os.tmpdir(), "client-")) });
    expect(await client.status()).toBeUndefined();
    expect(await client.unload()).toEqual({ unloaded: false });
    expect(await client.stop()).toEqual({ stopped: false });
    expect(await client.status()).toBeUndefined();
  });

  it("is the one polish() talks to when given: the rewrite comes from it", async () => {
    const { cacheDir, supportDir } = await polishFolders();
    const snapshot = await cachedModel({ cacheDir, modelId: "qwen3-0.6b" });
    const client = new ScriptedClient("Meet me at noon.");
    const result = await polish({ text: "meet me at noon", modelId: "qwen3-0.6b", cacheDir, supportDir, client });
    expect(result).toMatchObject({ text: "Meet me at noon.", polished: true });
    expect(client.generated).toHaveLength(1);
    expect(client.generated[0]).toMatchObject({ model_id: "qwen3-0.6b", model_path: snapshot });
  });

  it("turns its failure into polish()'s fallback reason from the error table", async () => {
    const { cacheDir, supportDir } = await polishFolders();
    await cachedModel({ cacheDir, modelId: "qwen3-0.6b" });
    const client = new ScriptedClient("", new PolishError("out_of_memory", "Not enough memory."));
    const result = await polish({ text: "meet me at noon", modelId: "qwen3-0.6b", cacheDir, supportDir, client });
    expect(result).toMatchObject({ text: "meet me at noon", polished: false, reason: "out_of_memory" });
  });

  it("is the one loadModel() loads into when given", async () => {
    const { cacheDir, supportDir } = await polishFolders();
    const snapshot = await cachedModel({ cacheDir, modelId: "qwen3-0.6b" });
    const client = new HelperClient({ supportDir: "/nonexistent/support" });
    const load = jest.spyOn(client, "load").mockResolvedValue({ model_id: "qwen3-0.6b", load_ms: 1 } as never);
    await loadModel({ modelId: "qwen3-0.6b", unloadAfterSeconds: 60, cacheDir, supportDir, client });
    expect(load).toHaveBeenCalledWith({ model_id: "qwen3-0.6b", model_path: snapshot, unload_after_seconds: 60 });
  });
});
