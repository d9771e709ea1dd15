/**
 * Starting the endpoint at login: the launchd agent's plist (read back by Python's plistlib, a real
 * plist parser), installing and removing it in an injected home with `launchctl` recorded, and the
 * clear refusal on platforms without launchd.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { agentServeArgs } from "../../../src/cli/serve";
import {
  AGENT_LABEL,
  API_KEY_ENV,
  installLaunchAgent,
  launchAgentPath,
  launchAgentPlist,
  uninstallLaunchAgent,
  type LaunchAgentParams,
} from "../../../src/core";

const PARAMS: LaunchAgentParams = {
  programArguments: [
    "/Users/ann/mlx polish/node_modules/node/bin/node",
    "/Users/ann/mlx polish/node_modules/tsx/dist/cli.mjs",
    "/Users/ann/mlx polish/src/cli/main.ts",
    "serve",
    "--port",
    "11436",
    "--instructions",
    'Spell it <R&D> "Lab"',
  ],
  workingDirectory: "/Users/ann/mlx polish",
  logPath: "/Users/ann/Library/Application Support/mlx-polish/serve.log",
  apiKey: "k3y&<secret>",
  env: { HF_HUB_CACHE: "/Volumes/models/hub", HOME: "/Users/ann", MLX_POLISH_SUPPORT_DIR: "/tmp/support" },
};

/** The plist as launchd will read it. */
function readPlist(xml: string): Record<string, unknown> {
  const script = "import json, plistlib, sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: xml, encoding: "utf8" }));
}

describe("the login agent", () => {
  it("runs the same serve command at login, restarted if it crashes, with the key in its environment", () => {
    expect(readPlist(launchAgentPlist(PARAMS))).toEqual({
      Label: AGENT_LABEL,
      ProgramArguments: PARAMS.programArguments,
      EnvironmentVariables: {
        MLX_POLISH_SUPPORT_DIR: "/tmp/support",
        HF_HUB_CACHE: "/Volumes/models/hub",
        [API_KEY_ENV]: "k3y&<secret>",
      },
      WorkingDirectory: "/Users/ann/mlx polish",
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ProcessType: "Interactive",
      StandardOutPath: PARAMS.logPath,
      StandardErrorPath: PARAMS.logPath,
    });
  });

  it("leaves out the environment when there is nothing to pass", () => {
    const plist = readPlist(launchAgentPlist({ ...PARAMS, apiKey: undefined, env: {} }));
    expect(plist).not.toHaveProperty("EnvironmentVariables");
  });

  it("keeps the serve flags but never the API key in the agent's arguments", () => {
    expect(
      agentServeArgs(["--port", "11436", "--api-key", "k", "--install-agent", "--api-key=x", "--style", "email"]),
    ).toEqual(["--port", "11436", "--style", "email"]);
  });

  it("installs into ~/Library/LaunchAgents readable only by the user, loads it, and removes it", async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), "mlx-polish-home-"));
    const calls: string[][] = [];
    const location = { home, platform: "darwin" as const, launchctl: async (args: string[]) => void calls.push(args) };
    const logPath = path.join(home, "support", "serve.log");

    const plistPath = await installLaunchAgent({ ...PARAMS, logPath }, location);
    expect(plistPath).toBe(path.join(home, "Library", "LaunchAgents", `${AGENT_LABEL}.plist`));
    expect(plistPath).toBe(launchAgentPath(home));
    expect(await readFile(plistPath, "utf8")).toBe(launchAgentPlist({ ...PARAMS, logPath }));
    expect((await stat(plistPath)).mode & 0o777).toBe(0o600);
    expect(existsSync(path.dirname(logPath))).toBe(true);
    const domain = `gui/${os.userInfo().uid}`;
    expect(calls).toEqual([
      ["bootout", `${domain}/${AGENT_LABEL}`],
      ["bootstrap", domain, plistPath],
    ]);

    calls.length = 0;
    expect(await uninstallLaunchAgent(location)).toBe(plistPath);
    expect(existsSync(plistPath)).toBe(false);
    expect(calls).toEqual([["bootout", `${domain}/${AGENT_LABEL}`]]);
    expect(await uninstallLaunchAgent(location)).toBeUndefined();
  });

  it("explains that it needs macOS elsewhere, and writes nothing", async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), "mlx-polish-home-"));
    const launchctl = jest.fn(async () => undefined);
    const refusal = { code: "unsupported_platform", message: expect.stringMatching(/launchd, which only macOS has/) };
    await expect(installLaunchAgent(PARAMS, { home, platform: "linux", launchctl })).rejects.toMatchObject(refusal);
    await expect(uninstallLaunchAgent({ home, platform: "linux", launchctl })).rejects.toMatchObject(refusal);
    expect(existsSync(path.join(home, "Library"))).toBe(false);
    expect(launchctl).not.toHaveBeenCalled();
  });
});
