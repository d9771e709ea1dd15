/**
 * The OpenAI-compatible endpoint end to end: the official `openai` client, the endpoint, `polish()`, the
 * real helper (mlx-lm on the CPU) and a tiny generated model. Random weights write nonsense, so every
 * expected answer is `polish()`'s own for the same text and settings: the endpoint must add nothing,
 * drop nothing, and pick the same model, style and instructions. The faithfulness check refuses most
 * nonsense (the original text comes back), so the model's own words are compared through what the check
 * found in them (`faithfulness`, also in the endpoint's `mlx_polish` report).
 */
import path from "node:path";
import OpenAI from "openai";
import {
  POLISH_HEADERS,
  getHelperStatus,
  modelNames,
  polish,
  setAppleSiliconOverride,
  startServer,
  stopHelper,
  type PolishParams,
  type RunningServer,
} from "../../../src/core";
import { cachedModel, polishFolders } from "../polish/polish-fixtures";

const root = path.resolve(__dirname, "..", "..", "..");
const TEXT = "um so i think we should uh meet on tuesday no wait wednesday";
// For the tiny Qwen 3 model this text draws an answer far longer than itself: the guard refuses it.
const GUARD_TRIPPING_TEXT = "so we meet at noon";
const SYSTEM_PROMPT = "Always write the day names in capitals.";

describe("the endpoint with a warm helper", () => {
  let supportDir: string;
  let cacheDir: string;
  let server: RunningServer;
  let client: OpenAI;
  const log: string[] = [];

  beforeAll(async () => {
    process.env.MLX_POLISH_HELPER = `${path.join(root, "helper", ".venv", "bin", "python")} -m mlx_polish_helper`;
    setAppleSiliconOverride(true);
    ({ supportDir, cacheDir } = await polishFolders());
    await cachedModel({ cacheDir, modelId: "qwen3-1.7b" });
    server = await startServer({ port: 0, supportDir, cacheDir, log: (line) => log.push(line) });
    client = new OpenAI({ baseURL: server.baseUrl, apiKey: "unused", maxRetries: 0 });
  });
  afterAll(async () => {
    await server.close();
    await stopHelper({ supportDir });
    setAppleSiliconOverride(undefined);
    delete process.env.MLX_POLISH_HELPER;
  });

  /** What `polish()` itself answers for this text and these settings. */
  const direct = (text: string, params: Partial<PolishParams> = {}) =>
    polish({ text, supportDir, cacheDir, ...params });

  const ask = (model: string, content: string, system?: string) =>
    client.chat.completions
      .create({
        model,
        messages: [...(system ? [{ role: "system" as const, content: system }] : []), { role: "user", content }],
      })
      .withResponse();

  it("lists the ready model under its name and one name per style", async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(modelNames({ id: "qwen3-1.7b" } as never));
    expect(models.data.map((model) => model.id)).toContain("qwen3-1.7b:email");
    expect(models.data[0]).toMatchObject({ object: "model", owned_by: "mlx-polish" });
  });

  /** Our report added to an answer (`mlx_polish`). */
  const report = (answer: object) => (answer as { mlx_polish: { faithfulness?: unknown } }).mlx_polish;

  /** The model's answer as polish() judged it: the text the user gets and what the check found in it. */
  const judged = (result: { text: string; faithfulness?: unknown }) => [result.text, result.faithfulness];

  it("answers with polish()'s result and says whether it is polished", async () => {
    const expected = await direct(TEXT);
    expect(expected.timings.helperMs).toBeGreaterThan(0);
    const { data, response } = await ask("qwen3-1.7b", TEXT);
    expect(data.choices[0].message.content).toBe(expected.text);
    expect(report(data).faithfulness).toEqual(expected.faithfulness);
    expect(response.headers.get(POLISH_HEADERS.polished)).toBe(String(expected.polished));
    expect(response.headers.get(POLISH_HEADERS.reason)).toBe(expected.reason ?? null);
  });

  it("streams the same rewrite in chat.completion.chunk events", async () => {
    const expected = await direct(TEXT);
    const { data: stream, response } = await client.chat.completions
      .create({ model: "qwen3-1.7b", messages: [{ role: "user", content: TEXT }], stream: true })
      .withResponse();
    expect(response.headers.get(POLISH_HEADERS.polished)).toBe(String(expected.polished));
    let content = "";
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      content += chunk.choices[0].delta.content ?? "";
      finishReason = chunk.choices[0].finish_reason ?? finishReason;
    }
    expect(content).toBe(expected.text);
    expect(finishReason).toBe("stop");
  });

  it("takes the transcript out of the <transcript> tags and ignores the app's system prompt", async () => {
    const expected = await direct(TEXT);
    const { data } = await ask("qwen3-1.7b", `<TRANSCRIPT>\n${TEXT}\n</TRANSCRIPT>`, SYSTEM_PROMPT);
    expect(data.choices[0].message.content).toBe(expected.text);
  });

  it("picks the style from the model name", async () => {
    const expected = await direct(TEXT, { style: "bullet-list" });
    const plain = await direct(TEXT);
    expect(judged(expected)).not.toEqual(judged(plain)); // the style changes this model's answer
    const { data } = await ask("qwen3-1.7b:bullet-list", TEXT);
    expect(data.choices[0].message.content).toBe(expected.text);
    expect(report(data).faithfulness).toEqual(expected.faithfulness);
    expect(data.model).toBe("qwen3-1.7b:bullet-list");
  });

  it("uses the app's system prompt as Custom Instructions when the user opts in", async () => {
    const expected = await direct(TEXT, { customInstructions: SYSTEM_PROMPT });
    expect(judged(expected)).not.toEqual(judged(await direct(TEXT))); // the instructions change this model's answer
    const optedIn = await startServer({ port: 0, supportDir, cacheDir, systemPromptAsInstructions: true });
    try {
      const optedInClient = new OpenAI({ baseURL: optedIn.baseUrl, apiKey: "unused", maxRetries: 0 });
      const completion = await optedInClient.chat.completions.create({
        model: "qwen3-1.7b",
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: TEXT },
        ],
      });
      expect(completion.choices[0].message.content).toBe(expected.text);
      expect(report(completion).faithfulness).toEqual(expected.faithfulness);
    } finally {
      await optedIn.close();
    }
  });

  it("answers 200 with the original transcript when the guard refuses the rewrite", async () => {
    const expected = await direct(GUARD_TRIPPING_TEXT);
    expect(expected.reason).toBe("guard_tripped");
    const { data, response } = await ask("qwen3-1.7b", GUARD_TRIPPING_TEXT);
    expect(response.status).toBe(200);
    expect(data.choices[0].message.content).toBe(GUARD_TRIPPING_TEXT);
    expect(response.headers.get(POLISH_HEADERS.polished)).toBe("false");
    expect(response.headers.get(POLISH_HEADERS.reason)).toBe("guard_tripped");
  });

  it("queues concurrent requests and answers every one", async () => {
    const requests = [
      { model: "qwen3-1.7b", text: TEXT },
      { model: "qwen3-1.7b", text: GUARD_TRIPPING_TEXT },
      { model: "qwen3-1.7b:email", text: TEXT },
      { model: "qwen3-1.7b", text: `${TEXT}. ${TEXT}` },
    ];
    const answers = await Promise.all(requests.map(({ model, text }) => ask(model, text)));
    for (const [index, { model, text }] of requests.entries()) {
      const expected = await direct(text, { style: model.endsWith(":email") ? "email" : undefined });
      expect(answers[index].data.choices[0].message.content).toBe(expected.text);
      expect(answers[index].response.headers.get(POLISH_HEADERS.polished)).toBe(String(expected.polished));
    }
  });

  it("cancels the generation when the client disconnects, and serves the next request", async () => {
    // Three pieces of about a second each on this model: the client leaves during the first.
    const longText = `${TEXT}. `.repeat(60);
    const controller = new AbortController();
    const request = client.chat.completions.create(
      { model: "qwen3-1.7b", messages: [{ role: "user", content: longText }] },
      { signal: controller.signal },
    );
    request.catch(() => undefined);
    await waitFor(async () => (await getHelperStatus({ supportDir }))?.state === "generating");
    log.length = 0;
    controller.abort();
    await expect(request).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    await waitFor(async () => log.length > 0);
    expect(log[0]).toMatch(/^POST \/v1\/chat\/completions \d+ kept the original \(cancelled\), client gone \d+ ms$/);
    await waitFor(async () => (await getHelperStatus({ supportDir }))?.state === "idle");
    const { data } = await ask("qwen3-1.7b", TEXT);
    expect(data.choices[0].message.content).toBe((await direct(TEXT)).text);
  });

  it("finishes the requests in flight when it stops, then stops", async () => {
    const closing = await startServer({ port: 0, supportDir, cacheDir });
    const closingClient = new OpenAI({ baseURL: closing.baseUrl, apiKey: "unused", maxRetries: 0 });
    const text = `${TEXT}. `.repeat(20);
    const answer = closingClient.chat.completions.create({
      model: "qwen3-1.7b",
      messages: [{ role: "user", content: text }],
    });
    await waitFor(async () => (await getHelperStatus({ supportDir }))?.state === "generating");
    await closing.close();
    expect((await answer).choices[0].message.content).toBe((await direct(text)).text);
    await expect(closingClient.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it("logs each request without the dictated text", () => {
    expect(log.length).toBeGreaterThan(0);
    for (const line of log) expect(line).not.toMatch(/tuesday|wednesday|noon/i);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
