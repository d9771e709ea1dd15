/**
 * A tiny PyPI "simple" index on 127.0.0.1 for the runtime set-up's failure tests: it serves small pure
 * Python wheels built here, and can serve other bytes than the lock pinned (tamper) or stall mid-file
 * (interrupt). Also the lock file that pins those wheels, and the real pinned uv wheel cached under .tmp/.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { UV_VERSION, UV_WHEELS, runtimePlatform } from "../../src/core";

const root = path.resolve(__dirname, "..", "..");

export interface TestWheel {
  name: string;
  version: string;
  file: string;
  bytes: Buffer;
  sha256: string;
  /** A well-formed wheel of the same name with other content: what a tampering mirror would serve. */
  forged: Buffer;
}

/** What the index does when a wheel is asked for. */
export type WheelMode = "serve" | "tamper" | "stall";

export interface LocalIndex {
  url: string;
  wheels: TestWheel[];
  mode: WheelMode;
  /** Resolves at the next wheel request (the set-up is then mid-download). */
  nextWheelRequest(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a pure Python wheel (`<name>/__init__.py` and its dist-info) with the standard library's zipfile. */
export async function buildWheel(name: string, version: string, folder: string): Promise<TestWheel> {
  const file = `${name}-${version}-py3-none-any.whl`;
  const bytes = await zipWheel(name, version, path.join(folder, file), "VALUE = 1");
  const forged = await zipWheel(name, version, path.join(folder, `forged-${file}`), "VALUE = 'forged'");
  return { name, version, file, bytes, forged, sha256: createHash("sha256").update(bytes).digest("hex") };
}

async function zipWheel(name: string, version: string, out: string, code: string): Promise<Buffer> {
  const script = `
import base64, hashlib, sys, zipfile
name, version, out, code = sys.argv[1:5]
info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": code.encode() + b"\\n" + b"#" * 200_000 + b"\\n",
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n".encode(),
    f"{info}/WHEEL": b"Wheel-Version: 1.0\\nGenerator: mlx-polish-tests\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = [f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()},{len(b)}" for p, b in files.items()]
files[f"{info}/RECORD"] = ("\\n".join(record + [f"{info}/RECORD,,"]) + "\\n").encode()
with zipfile.ZipFile(out, "w") as archive:
    for p, b in files.items():
        archive.writestr(p, b)
`;
  await promisify(execFile)("python3", ["-c", script, name, version, out, code]);
  return fs.readFile(out);
}

/** The lock a platform's set-up reads, pinning these wheels, in an assets folder of its own. */
export async function assetsWithLock(wheels: TestWheel[], tamperHash = false): Promise<string> {
  const assetsDir = await fs.mkdtemp(path.join(os.tmpdir(), "mlx-polish-assets-"));
  const lines = wheels.map((wheel) => {
    const hash = tamperHash ? createHash("sha256").update("not the wheel").digest("hex") : wheel.sha256;
    return `${wheel.name}==${wheel.version} \\\n    --hash=sha256:${hash}\n`;
  });
  await fs.mkdir(path.join(assetsDir, "runtime", "helper"), { recursive: true });
  await fs.writeFile(path.join(assetsDir, "runtime", `requirements-${runtimePlatform()}.txt`), lines.join(""));
  return assetsDir;
}

/** Serves `/simple/<name>/` pages and `/files/<wheel>`; `index.mode` decides what a wheel request gets. */
export async function startLocalIndex(wheels: TestWheel[]): Promise<LocalIndex> {
  let waiters: (() => void)[] = [];
  const onWheel = () => {
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  const stalled: http.ServerResponse[] = [];
  const index = { wheels, mode: "serve" as WheelMode } as LocalIndex;
  const server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    const simple = /^\/simple\/([^/]+)\/?$/.exec(url);
    if (simple) {
      const wheel = wheels.find((candidate) => candidate.name === simple[1]);
      if (!wheel) return void response.writeHead(404).end();
      response.writeHead(200, { "content-type": "text/html" });
      return void response.end(`<html><body><a href="/files/${wheel.file}">${wheel.file}</a></body></html>`);
    }
    const wheel = wheels.find((candidate) => url === `/files/${candidate.file}`);
    if (!wheel) return void response.writeHead(404).end();
    onWheel();
    if (index.mode === "tamper") {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": wheel.forged.length });
      return void response.end(wheel.forged);
    }
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": wheel.bytes.length });
    if (index.mode === "stall") {
      response.write(wheel.bytes.subarray(0, 1024));
      stalled.push(response);
      return;
    }
    response.end(wheel.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(index, {
    url: `http://127.0.0.1:${port}/simple/`,
    nextWheelRequest: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: async () => {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/**
 * The real uv wheel this platform pins, downloaded from PyPI once and kept under .tmp/ (so only the first
 * test run needs the network for it); the set-up still checks it against the pin.
 */
export async function cachedUvWheel(): Promise<string> {
  const pin = UV_WHEELS[runtimePlatform()!];
  const file = path.join(root, ".tmp", "uv", `uv-${UV_VERSION}-${pin.sha256.slice(0, 12)}.whl`);
  if (existsSync(file)) return file;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const response = await fetch(pin.url);
  if (!response.ok) throw new Error(`PyPI answered ${response.status} for ${pin.url}`);
  const staging = `${file}.${process.pid}`;
  await fs.writeFile(staging, Buffer.from(await response.arrayBuffer()));
  await fs.rename(staging, file);
  return file;
}

/** A finished runtime as `setupRuntime` leaves it (marker last), standing in for a previous set-up. */
export async function previousRuntime(supportDir: string): Promise<{ path: string; lock: string }> {
  const lock = `sha256:${"1".repeat(64)}`;
  const folder = path.join(supportDir, "runtime", "env-1111111111111111");
  await fs.mkdir(path.join(folder, "venv", "bin"), { recursive: true });
  await fs.symlink(process.env.PYTHON ?? "/usr/bin/python3", path.join(folder, "venv", "bin", "python"));
  await fs.writeFile(
    path.join(folder, "mlx-polish-runtime.json"),
    JSON.stringify({ lock, uv: UV_VERSION, python: "3.11", createdAt: new Date().toISOString() }),
  );
  return { path: folder, lock };
}
