import {
  formatBytes,
  getHelperStatus,
  locateHelper,
  removeRuntime,
  setupRuntime,
  stopHelper,
  type HelperCommand,
  type HelperStatusResult,
  describeSetupProgress,
  type RuntimeSetupProgress,
} from "../core";
import { cancelOnInterrupt } from "./interrupt";
import { reportFailure } from "./report-failure";
import { EXIT_CODES } from "./exit-codes";
import { HELP_OPTION, parseCommandArgs, printHelp, usageError } from "./parse-command-args";

const USAGE = `usage: mlx-polish helper <status|stop|setup|remove> [--json]
  status [--json]   the running helper, and where the helper is started from
  stop              stop the running helper
  setup [--json]    set up the local runtime (uv, Python, the locked packages); progress as JSON lines
                    on stdout with --json. Exit 0 ready, 4 disk full, 5 network, 6 integrity
  remove            stop the helper and delete the local runtime`;

/** `helper status|stop|setup|remove`: the warm helper process and the runtime it runs on, seen from outside. */
export async function helperCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, ...HELP_OPTION },
    },
    USAGE,
  );
  const [action] = positionals;
  if (values.help) return printHelp(USAGE);
  if (action === "status") {
    const [status, runtime] = await Promise.all([getHelperStatus(), locateHelper()]);
    const output = values.json
      ? JSON.stringify({ running: Boolean(status), ...status, runtime: runtime ? describeRuntimeJson(runtime) : null })
      : `${describe(status)}\nruntime: ${runtime ? `${runtime.kind} (${runtime.path})` : "not set up"}`;
    process.stdout.write(`${output}\n`);
    return EXIT_CODES.ok;
  }
  if (action === "stop") {
    const { stopped } = await stopHelper();
    process.stderr.write(stopped ? "Stopped the helper.\n" : "No helper was running.\n");
    return EXIT_CODES.ok;
  }
  if (action === "setup") return setup(values.json);
  if (action === "remove") {
    const { removed } = await removeRuntime();
    process.stderr.write(removed ? "Removed the local runtime.\n" : "No local runtime was set up.\n");
    return EXIT_CODES.ok;
  }
  return usageError(USAGE);
}

function describeRuntimeJson(runtime: HelperCommand): { kind: string; path: string; lock: string | null } {
  return { kind: runtime.kind, path: runtime.path, lock: runtime.lock };
}

/** `helper setup [--json]`: Ctrl-C cancels (the previous runtime, if any, stays in use). */
async function setup(json: boolean): Promise<number> {
  let lastLine = 0;
  let lastStage = "";
  const report = (progress: RuntimeSetupProgress) => {
    if (json) {
      process.stdout.write(`${JSON.stringify({ event: "progress", ...progress })}\n`);
    } else if (progress.stage !== lastStage || Date.now() - lastLine >= 2000) {
      lastLine = Date.now();
      lastStage = progress.stage;
      process.stderr.write(`setup: ${describeSetupProgress(progress)}\n`);
    }
  };
  try {
    const runtime = await cancelOnInterrupt((signal) => setupRuntime({ signal, onProgress: report }));
    const done = { event: "done", ready: true, changed: runtime.changed, path: runtime.path, lock: runtime.lock };
    process.stdout.write(
      json ? `${JSON.stringify(done)}\n` : `${runtime.changed ? "Set up" : "Already set up:"} ${runtime.path}\n`,
    );
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, json);
  }
}

function describe(status: HelperStatusResult | undefined): string {
  if (!status) return "No helper is running.";
  const lines = [
    `state: ${status.state}`,
    `model: ${status.model ? `${status.model.id} (${status.model.path})` : "none loaded"}`,
    `memory: ${formatBytes(status.memory.active_bytes)} in use, ${formatBytes(status.memory.rss_bytes)} resident`,
    `unloads: ${describeUnload(status)}`,
    `uptime: ${Math.round(status.uptime_seconds)} s`,
  ];
  return lines.join("\n");
}

function describeUnload(status: HelperStatusResult): string {
  if (status.unload_deadline !== null) {
    return `in ${Math.max(0, Math.round(status.unload_deadline - Date.now() / 1000))} s`;
  }
  if (status.unload_after_seconds === null) return "never";
  return `${status.unload_after_seconds} s after the last request`;
}
