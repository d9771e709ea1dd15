import { formatBytes, getHelperStatus, stopHelper, type HelperStatusResult } from "../core";
import { EXIT_CODES } from "./exit-codes";
import { HELP_OPTION, parseCommandArgs, printHelp, usageError } from "./parse-command-args";

const USAGE = "usage: mlx-polish helper status [--json] | helper stop";

/** `helper status [--json]` and `helper stop`: the warm helper process, seen from outside. */
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
    const status = await getHelperStatus();
    const output = values.json ? JSON.stringify({ running: Boolean(status), ...status }) : describe(status);
    process.stdout.write(`${output}\n`);
    return EXIT_CODES.ok;
  }
  if (action === "stop") {
    const { stopped } = await stopHelper();
    process.stderr.write(stopped ? "Stopped the helper.\n" : "No helper was running.\n");
    return EXIT_CODES.ok;
  }
  return usageError(USAGE);
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
