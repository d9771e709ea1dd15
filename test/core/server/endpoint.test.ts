/**
 * The OpenAI-compatible endpoint without a model: what a dictation app gets when nothing is downloaded
 * (its transcript back, with the headers), and every request the endpoint must refuse — each with the
 * right status and OpenAI's error JSON, the server answering normally afterwards. Raw HTTP for the
 * refusals (a real client would never send most of them), the official `openai` client for the rest.
 */
import http from "node:http";
import OpenAI from "openai";
import {
  POLISH_HEADERS,
  SERVER_DEFAULTS,
  setAppleSiliconOverride,
  startServer,
  type RunningServer,
} from "../../../src/core";
import { polishFolders } from "../polish/polish-fixtures";

const TRANSCRIPT = "um so we meet tuesday no wait wednesday at three";

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request exactly as given: no client fills in or fixes anything. */
function raw(
  server: RunningServer,
  { method = "POST", path = "/v1/chat/completions", headers = {}, body }: RawRequest,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: server.host, port: server.port, method, path, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const JSON_HEADERS = { "content-type": "application/json" };
const chatBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: "qwen3-1.7b", messages: [{ role: "user", content: TRANSCRIPT }], ...extra });

/** Asserts OpenAI's error shape and returns its fields. */
function openAiError(response: RawResponse) {
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(body.error).toMatchObject({ message: expect.any(String), type: expect.any(String), code: expect.any(String) });
  expect(body.error.param === null || typeof body.error.param === "string").toBe(true);
  return body.error as { message: string; type: string; param: string | null; code: string };
}

describe("the endpoint with no model downloaded", () => {
  let server: RunningServer;
  let client: OpenAI;
  const log: string[] = [];

  beforeAll(async () => {
    setAppleSiliconOverride(true);
    const { supportDir, cacheDir } = await polishFolders();
    server = await startServer({ port: 0, supportDir, cacheDir, log: (line) => log.push(line) });
    client = new OpenAI({ baseURL: server.baseUrl, apiKey: "anything", maxRetries: 0 });
  });
  afterAll(async () => {
    await server.close();
    setAppleSiliconOverride(undefined);
  });

  it("listens on loopback at /v1", () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}/v1`);
    expect(server.port).toBeGreaterThan(0);
  });

  it("lists no models when none is ready", async () => {
    const models = await client.models.list();
    expect(models.data).toEqual([]);
  });

  it("answers 200 with the transcript unchanged and headers saying why", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "qwen3-1.7b", messages: [{ role: "user", content: TRANSCRIPT }] })
      .withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get(POLISH_HEADERS.polished)).toBe("false");
    expect(response.headers.get(POLISH_HEADERS.reason)).toBe("model_not_downloaded");
    expect(data.object).toBe("chat.completion");
    expect(data.model).toBe("qwen3-1.7b");
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0].message).toMatchObject({ role: "assistant", content: TRANSCRIPT });
    expect(data.choices[0].finish_reason).toBe("stop");
  });

  it("streams the transcript back the same way, ending with [DONE]", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: "qwen3-1.7b:email", messages: [{ role: "user", content: TRANSCRIPT }], stream: true })
      .withResponse();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get(POLISH_HEADERS.polished)).toBe("false");
    expect(response.headers.get(POLISH_HEADERS.reason)).toBe("model_not_downloaded");
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(
      chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.model === "qwen3-1.7b:email"),
    ).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0].delta.content ?? "").join("")).toBe(TRANSCRIPT);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("stop");
    const rawStream = await raw(server, { headers: JSON_HEADERS, body: chatBody({ stream: true }) });
    expect(rawStream.body.trimEnd().split("\n\n").at(-1)).toBe("data: [DONE]");
  });

  it("returns the transcript inside VoiceInk's <TRANSCRIPT> tags, byte for byte, whatever else the app sends", async () => {
    const transcript = "Ship it 🚀 tomorrow — 明日の会議\nsecond line";
    const { data, response } = await client.chat.completions
      .create({
        model: "gemma3-1b",
        messages: [
          { role: "system", content: "You are a transcription enhancer. Fix grammar. Output only the text." },
          { role: "user", content: `<TRANSCRIPT>\n${transcript}\n</TRANSCRIPT>` },
        ],
        temperature: 0.3,
        reasoning_effort: "low",
        // @ts-expect-error OpenWhispr sends vendor fields the client does not type
        chat_template_kwargs: { enable_thinking: false },
        think: false,
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(data.choices[0].message.content).toBe(transcript);
  });

  it("logs each request by route and outcome, never the text", () => {
    const answered = /^POST \/v1\/chat\/completions 200 kept the original \(model_not_downloaded\) \d+ ms$/;
    expect(log.some((line) => answered.test(line))).toBe(true);
    expect(log.join("\n")).not.toMatch(/tuesday|wednesday|明日/);
  });

  it("hands empty dictation straight back", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "qwen3-1.7b", messages: [{ role: "user", content: "  " }] })
      .withResponse();
    expect(data.choices[0].message.content).toBe("  ");
    expect(response.headers.get(POLISH_HEADERS.reason)).toBe("empty_input");
  });

  it("refuses an unknown model or style with 404, which the openai client reports as NotFoundError", async () => {
    for (const model of ["gpt-4o", "qwen3-1.7b:pirate", "qwen3-1.7b:email:x"]) {
      const failure = await client.chat.completions
        .create({ model, messages: [{ role: "user", content: TRANSCRIPT }] })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
      expect(failure).toMatchObject({ status: 404, code: "model_not_found", param: "model" });
      expect((failure as Error).message).toMatch(new RegExp(`The model \`${model}\` does not exist`));
    }
  });

  describe("refuses, with OpenAI's error JSON, and keeps serving", () => {
    afterEach(async () => {
      // The server is still up and answering after each refusal.
      const after = await raw(server, { headers: JSON_HEADERS, body: chatBody() });
      expect(after.status).toBe(200);
      expect(JSON.parse(after.body).choices[0].message.content).toBe(TRANSCRIPT);
    });

    it("a request from a web page (Origin header): 403", async () => {
      const response = await raw(server, {
        headers: { ...JSON_HEADERS, origin: "https://evil.example" },
        body: chatBody(),
      });
      expect(response.status).toBe(403);
      expect(openAiError(response)).toMatchObject({ code: "origin_not_allowed", type: "permission_error" });
      for (const origin of ["http://localhost:3000", "chrome-extension://abcdef"]) {
        const models = await raw(server, { method: "GET", path: "/v1/models", headers: { origin } });
        expect(models.status).toBe(403);
      }
    });

    it("a web page's CORS preflight: refused, with no CORS header, so its JSON POST is never sent", async () => {
      const preflight = await raw(server, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    });

    it("serves desktop apps whose web view sends its own origin (OpenWhispr's Electron sends null)", async () => {
      for (const origin of ["null", "file://", "app://openwhispr", "tauri://localhost"]) {
        const response = await raw(server, { headers: { ...JSON_HEADERS, origin }, body: chatBody() });
        expect(response.status).toBe(200);
        expect(response.headers["access-control-allow-origin"]).toBeUndefined();
      }
    });

    it("a request for another host name (DNS rebinding): 403", async () => {
      const response = await raw(server, {
        headers: { ...JSON_HEADERS, host: `evil.example:${server.port}` },
        body: chatBody(),
      });
      expect(response.status).toBe(403);
      expect(openAiError(response).code).toBe("host_not_allowed");
      const localhost = await raw(server, {
        headers: { ...JSON_HEADERS, host: `localhost:${server.port}` },
        body: chatBody(),
      });
      expect(localhost.status).toBe(200);
    });

    it("a body that is not JSON by its content type (a form post a page could send): 415", async () => {
      for (const contentType of ["text/plain", "application/x-www-form-urlencoded", undefined]) {
        const response = await raw(server, {
          headers: contentType ? { "content-type": contentType } : {},
          body: chatBody(),
        });
        expect(response.status).toBe(415);
        expect(openAiError(response)).toMatchObject({ code: "unsupported_media_type", type: "invalid_request_error" });
      }
      const withCharset = await raw(server, {
        headers: { "content-type": "application/json; charset=utf-8" },
        body: chatBody(),
      });
      expect(withCharset.status).toBe(200);
    });

    it("a body over 1 MB: 413, declared or not", async () => {
      const big = chatBody({ padding: "x".repeat(SERVER_DEFAULTS.maxBodyBytes) });
      const declared = await raw(server, { headers: JSON_HEADERS, body: big });
      expect(declared.status).toBe(413);
      expect(openAiError(declared).code).toBe("request_too_large");
      const chunked = await raw(server, {
        headers: { ...JSON_HEADERS, "transfer-encoding": "chunked" },
        body: big,
      });
      expect(chunked.status).toBe(413);
    });

    it("malformed JSON: 400", async () => {
      const response = await raw(server, { headers: JSON_HEADERS, body: '{"model": "qwen3-1.7b", "messages": [' });
      expect(response.status).toBe(400);
      expect(openAiError(response)).toMatchObject({ code: "invalid_json", type: "invalid_request_error" });
    });

    it("a chat request without a model or a user message: 400 naming the field", async () => {
      const noModel = await raw(server, {
        headers: JSON_HEADERS,
        body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
      });
      expect(noModel.status).toBe(400);
      expect(openAiError(noModel).param).toBe("model");
      const noUser = await raw(server, {
        headers: JSON_HEADERS,
        body: JSON.stringify({ model: "qwen3-1.7b", messages: [{ role: "system", content: "hi" }] }),
      });
      expect(noUser.status).toBe(400);
      expect(openAiError(noUser).param).toBe("messages");
      const notObject = await raw(server, { headers: JSON_HEADERS, body: "[1, 2]" });
      expect(notObject.status).toBe(400);
    });

    it("an unknown route: 404; a wrong method: 405", async () => {
      const route = await raw(server, { method: "GET", path: "/v1/embeddings" });
      expect(route.status).toBe(404);
      expect(openAiError(route).code).toBe("not_found");
      const method = await raw(server, { method: "GET", path: "/v1/chat/completions" });
      expect(method.status).toBe(405);
      expect(openAiError(method).code).toBe("method_not_allowed");
      const dictated = await raw(server, { method: "GET", path: "/v1/meet%20on%20tuesday" });
      expect(dictated.status).toBe(404);
      expect(log.at(-1)).toMatch(/^GET \(another path\) 404 not_found \d+ ms$/);
    });
  });
});

describe("the endpoint with an API key", () => {
  let server: RunningServer;

  beforeAll(async () => {
    setAppleSiliconOverride(true);
    const { supportDir, cacheDir } = await polishFolders();
    server = await startServer({ port: 0, apiKey: "s3cret key", supportDir, cacheDir });
  });
  afterAll(async () => {
    await server.close();
    setAppleSiliconOverride(undefined);
  });

  it("refuses a missing or wrong bearer token with 401, and serves the right one", async () => {
    for (const authorization of [undefined, "Bearer wrong", "Basic s3cret key", "Bearer s3cret"]) {
      const response = await raw(server, {
        headers: { ...JSON_HEADERS, ...(authorization && { authorization }) },
        body: chatBody(),
      });
      expect(response.status).toBe(401);
      expect(openAiError(response)).toMatchObject({ code: "invalid_api_key", type: "authentication_error" });
    }
    const wrongClient = new OpenAI({ baseURL: server.baseUrl, apiKey: "nope", maxRetries: 0 });
    await expect(wrongClient.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: "s3cret key", maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: "qwen3-1.7b",
      messages: [{ role: "user", content: TRANSCRIPT }],
    });
    expect(completion.choices[0].message.content).toBe(TRANSCRIPT);
  });
});

describe("starting the endpoint", () => {
  it("refuses to listen beyond loopback without an API key", async () => {
    await expect(startServer({ host: "0.0.0.0", port: 0 })).rejects.toMatchObject({
      code: "bad_input",
      message: expect.stringMatching(/Listening on 0\.0\.0\.0 lets other machines reach the model: set an API key/),
    });
  });
});
