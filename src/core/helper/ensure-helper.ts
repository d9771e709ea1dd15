import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import lockfile from "proper-lockfile";
import { isProcessAlive } from "../is-process-alive";
import { PolishError, toPolishError } from "../errors";
import { findHelper } from "./find-helper";
import { connectHelper, requestHelper, type HelperConnection } from "./helper-connection";
import {
  HELPER_LOG_FILE,
  HELPER_PID_FILE,
  HELPER_PROTOCOL,
  HELPER_START_LOCK_FILE,
  HELPER_TIMEOUTS,
  HELPER_VERSION,
} from "./helper-constants";
import { helperSocketPath } from "./helper-socket-path";
import { supportDir as defaultSupportDir } from "../config";
import type { HelperHelloResult } from "./protocol";

export interface HelperOptions {
  /** Support folder holding the socket, start lock and log; defaults to `paths.ts` `supportDir()`. */
  supportDir?: string;
  /** The extension's assets folder (Raycast's `environment.assetsPath`): the runtime's locks and helper source, the frozen helper. */
  assetsDir?: string;
  /** How long a fresh helper may take to answer `hello`. */
  startTimeoutMs?: number;
}

export interface ConnectedHelper {
  connection: HelperConnection;
  hello: HelperHelloResult;
  socketPath: string;
}

const CONNECT_POLL_MS = 50;

/** Connects to the running helper if it is ours, else (re)starts it, once, whoever else races to. */
export async function ensureHelper(
  options: HelperOptions = {},
  /** A `connectSameVersionHelper` already under way (callers overlap it with their own checks). */
  running: Promise<ConnectedHelper | undefined> = connectSameVersionHelper(options),
): Promise<ConnectedHelper> {
  const helper = await running;
  if (helper) return helper;
  const folder = defaultSupportDir(options.supportDir);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const startTimeoutMs = options.startTimeoutMs ?? HELPER_TIMEOUTS.startMs;
  const release = await lockfile
    .lock(folder, {
      lockfilePath: path.join(folder, HELPER_START_LOCK_FILE),
      retries: { retries: Math.ceil(startTimeoutMs / 100), factor: 1, minTimeout: 100 },
    })
    .catch((error: unknown) => {
      throw new PolishError(
        "helper_unavailable",
        `Another process has been starting the helper for over ${Math.round(startTimeoutMs / 1000)} s.`,
        { cause: error },
      );
    });
  try {
    // Whoever held the lock before us may have started it already.
    const started = await connectSameVersionHelper(options);
    if (started) return started;
    await killRecordedHelper(folder);
    return await startHelper(options);
  } finally {
    await release().catch(() => undefined);
  }
}

/** Connects to a live helper of this version, never starting one; a helper of another version is shut down. */
export async function connectSameVersionHelper(options: HelperOptions): Promise<ConnectedHelper | undefined> {
  const helper = await connectRunningHelper(helperSocketPath({ supportDir: options.supportDir }));
  if (!helper) return undefined;
  if (helper.hello.protocol === HELPER_PROTOCOL && helper.hello.helper_version === HELPER_VERSION) return helper;
  await requestHelper(helper.connection, "shutdown", {}, HELPER_TIMEOUTS.requestMs).catch(() => undefined);
  helper.connection.close();
  killHelper(helper.hello.pid);
  return undefined;
}

/** Connects to whatever helper answers on `socketPath`, without starting one. */
export async function connectRunningHelper(socketPath: string): Promise<ConnectedHelper | undefined> {
  let connection: HelperConnection;
  try {
    connection = await connectHelper(socketPath, HELPER_TIMEOUTS.requestMs);
  } catch {
    return undefined;
  }
  try {
    return { connection, socketPath, hello: await requestHelper(connection, "hello", {}, HELPER_TIMEOUTS.requestMs) };
  } catch {
    // Accepting connections but not answering: hung. Its pid is unknown; starting anew replaces its socket.
    connection.close();
    return undefined;
  }
}

async function startHelper(options: HelperOptions): Promise<ConnectedHelper> {
  const folder = defaultSupportDir(options.supportDir);
  const socketPath = helperSocketPath({ supportDir: options.supportDir });
  const logPath = path.join(folder, HELPER_LOG_FILE);
  const command = await findHelper({ assetsDir: options.assetsDir, supportDir: options.supportDir });
  await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  await rm(socketPath, { force: true });

  // execa ships ESM only: imported on use so this CommonJS module also loads under plain Node and tsx.
  const { execa } = await import("execa");
  // Its stderr goes to the log too: a crash before its logging starts (a broken build, a missing
  // library) then still says why. The descriptor is the child's own, so it outlives us.
  const stderr = createWriteStream(logPath, { flags: "a", mode: 0o600 });
  await once(stderr, "open");
  // Detached and unreferenced: the helper outlives the command that started it and keeps the model warm.
  const child = execa(command.file, [...command.args, "--socket", socketPath, "--log", logPath], {
    detached: true,
    env: command.env,
    stdin: "ignore",
    stdout: "ignore",
    stderr,
    cleanup: false,
    reject: false,
  });
  child.unref();
  stderr.close();
  let exit: { exitCode?: number; signal?: string; failed: boolean; message?: string } | undefined;
  void child.then((result) => {
    exit = result;
  });

  const startTimeoutMs = options.startTimeoutMs ?? HELPER_TIMEOUTS.startMs;
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    const helper = await connectRunningHelper(socketPath);
    if (helper) {
      await writeFile(path.join(folder, HELPER_PID_FILE), String(helper.hello.pid), { mode: 0o600 });
      return helper;
    }
    if (exit) throw await startFailure(`The helper exited before it was ready (${describeExit(exit)}).`, logPath);
    await new Promise((resolve) => setTimeout(resolve, CONNECT_POLL_MS));
  }
  if (child.pid) killHelper(child.pid);
  throw await startFailure(`The helper did not start within ${Math.round(startTimeoutMs / 1000)} s.`, logPath);
}

function describeExit(exit: { exitCode?: number; signal?: string; message?: string }): string {
  if (exit.signal) return `signal ${exit.signal}`;
  if (exit.exitCode !== undefined) return `exit code ${exit.exitCode}`;
  return exit.message ?? "could not run";
}

async function startFailure(message: string, logPath: string): Promise<PolishError> {
  const log = await readFile(logPath, "utf8").catch(() => "");
  const tail = log.trim().split("\n").slice(-5).join("\n");
  return new PolishError("helper_unavailable", tail ? `${message} Last log lines (${logPath}):\n${tail}` : message);
}

/**
 * Kills the helper recorded as started for this support folder when it still runs but did not answer:
 * frozen, it keeps the socket's lock and no new helper could start. The pid is only trusted while it
 * still names a helper process (pids are reused). Resolves whether one was killed.
 */
export async function killRecordedHelper(folder: string): Promise<boolean> {
  const pid = Number(await readFile(path.join(folder, HELPER_PID_FILE), "utf8").catch(() => ""));
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return false;
  const { execa } = await import("execa");
  const { stdout } = await execa("ps", ["-o", "command=", "-p", String(pid)], { reject: false });
  if (!/mlx[-_]polish[-_]helper/.test(stdout)) return false;
  killHelper(pid);
  return true;
}

/** Kills a helper that is dead to us (hung, or of another version); it may already be gone. */
export function killHelper(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw toPolishError(error);
  }
}
