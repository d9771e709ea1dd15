import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PolishError } from "../errors";
import { UV_VERSION, UV_WHEELS, uvBinaryPath, type RuntimePlatform } from "../config";

export interface InstallUvParams {
  root: string;
  platform: RuntimePlatform;
  /** A local path or URL to take the wheel from instead of PyPI (`MLX_POLISH_UV_WHEEL`); still checked against the pin. */
  wheelSource?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onBytes?: (received: number, total: number) => void;
}

/**
 * Puts the pinned uv binary at `uvBinaryPath(root)`, once: downloads its PyPI wheel, checks the
 * sha256 pinned in `runtime-pins.ts`, unzips the binary and makes it executable. Nothing unverified is
 * kept: a mismatch or an interruption deletes the download.
 */
export async function installUv(params: InstallUvParams): Promise<string> {
  const binary = uvBinaryPath(params.root);
  if (await isExecutable(binary)) return binary;
  const pin = UV_WHEELS[params.platform];
  const folder = path.dirname(binary);
  const staging = `${folder}.partial-${process.pid}`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging, { recursive: true });
  try {
    const wheel = path.join(staging, "uv.whl");
    const digest = await saveWheel(params, pin.size, wheel);
    if (digest !== pin.sha256) {
      throw new PolishError(
        "integrity",
        `The uv ${UV_VERSION} wheel does not match its pinned sha256 (expected ${pin.sha256}, got ${digest}).`,
      );
    }
    const { execa } = await import("execa");
    const member = `uv-${UV_VERSION}.data/scripts/uv`;
    await execa("unzip", ["-q", "-o", "-j", wheel, member, "-d", staging], { cancelSignal: params.signal }).catch(
      (error: unknown) => {
        throw new PolishError("internal", `Could not unpack uv from its wheel: ${(error as Error).message}`, {
          cause: error,
        });
      },
    );
    await fs.rm(wheel);
    await fs.chmod(path.join(staging, "uv"), 0o755);
    await fs.rm(folder, { recursive: true, force: true });
    await fs.rename(staging, folder);
    return binary;
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    if (params.signal?.aborted)
      throw new PolishError("cancelled", "The runtime set-up was canceled.", { cause: error });
    throw error;
  }
}

/** Streams the wheel from PyPI, the override URL or the override file into `target`; resolves its sha256. */
async function saveWheel(params: InstallUvParams, total: number, target: string): Promise<string> {
  const source = params.wheelSource || UV_WHEELS[params.platform].url;
  const hash = createHash("sha256");
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      received += chunk.length;
      params.onBytes?.(received, total);
      callback(null, chunk);
    },
  });
  let input: NodeJS.ReadableStream;
  if (/^https?:\/\//.test(source)) {
    const response = await (params.fetch ?? fetch)(source, { signal: params.signal }).catch((error: unknown) => {
      if (params.signal?.aborted) throw error;
      throw new PolishError(
        "network",
        `Could not download uv from ${new URL(source).host}: ${(error as Error).message}`,
        {
          cause: error,
          retryable: true,
        },
      );
    });
    if (!response.ok || !response.body) {
      throw new PolishError("network", `Downloading uv failed: ${source} answered ${response.status}.`, {
        retryable: true,
      });
    }
    input = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  } else {
    input = createReadStream(source.replace(/^file:\/\//, ""));
  }
  try {
    await pipeline(input, counter, createWriteStream(target), { signal: params.signal });
  } catch (error) {
    if (params.signal?.aborted || error instanceof PolishError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOSPC")
      throw new PolishError("disk_full", "The disk filled up while downloading uv.", { cause: error });
    if (code === "ENOENT") throw new PolishError("not_found", `No uv wheel at ${source}.`, { cause: error });
    throw new PolishError("network", `Downloading uv was interrupted: ${(error as Error).message}`, {
      cause: error,
      retryable: true,
    });
  }
  return hash.digest("hex");
}

async function isExecutable(file: string): Promise<boolean> {
  return fs.access(file, fs.constants.X_OK).then(
    () => true,
    () => false,
  );
}
