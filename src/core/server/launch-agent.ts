/**
 * Starting the endpoint at login without a terminal: a launchd agent in `~/Library/LaunchAgents`. The
 * plist is written by a pure function (tested on any platform with an injected home); installing loads
 * it with `launchctl`, which only macOS has.
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PolishError } from "../errors";
import { API_KEY_ENV } from "./server-settings";

/** The agent's launchd label, also its plist's file name. */
export const AGENT_LABEL = "com.mlx-polish.serve";

/** Environment variables the agent inherits from the shell that installs it, so it uses the same folders. */
const INHERITED_ENV = ["MLX_POLISH_SUPPORT_DIR", "MLX_POLISH_HELPER", "HF_HOME", "HF_HUB_CACHE"] as const;

export interface LaunchAgentParams {
  /** The full command line: an absolute node, then its script and arguments (launchd has no useful PATH). */
  programArguments: string[];
  workingDirectory: string;
  /** Where the server's stderr (its listening line and request log) goes. */
  logPath: string;
  /** Put in the agent's environment rather than its arguments, which any process can read with `ps`. */
  apiKey?: string;
  /** Defaults to `process.env`: the variables in `INHERITED_ENV` are copied when set. */
  env?: NodeJS.ProcessEnv;
}

export interface AgentLocation {
  /** Defaults to `os.homedir()`. */
  home?: string;
  /** Defaults to `process.platform`. */
  platform?: NodeJS.Platform;
  /** Runs `launchctl` with these arguments; tests pass their own. */
  launchctl?: (args: string[]) => Promise<void>;
}

/** Where the agent's plist lives. */
export function launchAgentPath(home: string = os.homedir()): string {
  return path.join(home, "Library", "LaunchAgents", `${AGENT_LABEL}.plist`);
}

/** The plist launchd reads: run at login, restarted if it fails, logging to `logPath`. */
export function launchAgentPlist({
  programArguments,
  workingDirectory,
  logPath,
  apiKey,
  env = process.env,
}: LaunchAgentParams): string {
  const environment: [string, string][] = INHERITED_ENV.filter((name) => env[name]).map((name) => [name, env[name]!]);
  if (apiKey) environment.push([API_KEY_ENV, apiKey]);
  const string = (value: string) => `<string>${escapeXml(value)}</string>`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">`,
    `<plist version="1.0">`,
    `<dict>`,
    `  <key>Label</key>`,
    `  ${string(AGENT_LABEL)}`,
    `  <key>ProgramArguments</key>`,
    `  <array>`,
    ...programArguments.map((argument) => `    ${string(argument)}`),
    `  </array>`,
    ...(environment.length
      ? [
          `  <key>EnvironmentVariables</key>`,
          `  <dict>`,
          ...environment.flatMap(([name, value]) => [`    <key>${escapeXml(name)}</key>`, `    ${string(value)}`]),
          `  </dict>`,
        ]
      : []),
    `  <key>WorkingDirectory</key>`,
    `  ${string(workingDirectory)}`,
    `  <key>RunAtLoad</key>`,
    `  <true/>`,
    // Restarted when it crashes, not when it exits cleanly (launchctl bootout, SIGTERM).
    `  <key>KeepAlive</key>`,
    `  <dict>`,
    `    <key>SuccessfulExit</key>`,
    `    <false/>`,
    `  </dict>`,
    // Dictation waits on it: do not let macOS throttle it as a background job.
    `  <key>ProcessType</key>`,
    `  <string>Interactive</string>`,
    `  <key>StandardOutPath</key>`,
    `  ${string(logPath)}`,
    `  <key>StandardErrorPath</key>`,
    `  ${string(logPath)}`,
    `</dict>`,
    `</plist>`,
    ``,
  ].join("\n");
}

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Writes the agent's plist (0600: it may hold the API key) and loads it, replacing an older one. */
export async function installLaunchAgent(params: LaunchAgentParams, location: AgentLocation = {}): Promise<string> {
  const { launchctl, plistPath } = agentTools(location);
  await mkdir(path.dirname(plistPath), { recursive: true });
  await mkdir(path.dirname(params.logPath), { recursive: true });
  await launchctl(["bootout", `${guiDomain()}/${AGENT_LABEL}`]).catch(() => undefined);
  await writeFile(plistPath, launchAgentPlist(params), { mode: 0o600 });
  await chmod(plistPath, 0o600);
  await launchctl(["bootstrap", guiDomain(), plistPath]);
  return plistPath;
}

/** Stops the agent and deletes its plist; returns the path, or undefined when none was installed. */
export async function uninstallLaunchAgent(location: AgentLocation = {}): Promise<string | undefined> {
  const { launchctl, plistPath } = agentTools(location);
  await launchctl(["bootout", `${guiDomain()}/${AGENT_LABEL}`]).catch(() => undefined);
  try {
    await rm(plistPath);
    return plistPath;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function agentTools({ home, platform = process.platform, launchctl = runLaunchctl }: AgentLocation) {
  if (platform !== "darwin") {
    throw new PolishError(
      "unsupported_platform",
      "The login agent uses launchd, which only macOS has. Elsewhere, run `serve` from your own service manager (for example a systemd user unit).",
    );
  }
  return { launchctl, plistPath: launchAgentPath(home) };
}

function guiDomain(): string {
  return `gui/${os.userInfo().uid}`;
}

async function runLaunchctl(args: string[]): Promise<void> {
  try {
    await promisify(execFile)("launchctl", args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new PolishError("internal", `launchctl ${args[0]} failed${stderr ? `: ${stderr}` : "."}`, { cause: error });
  }
}
