import { writeFile } from "node:fs/promises";
import path from "node:path";
import {
  API_KEY_ENV,
  checkoutRoot,
  PolishError,
  SERVER_DEFAULTS,
  STYLES,
  installLaunchAgent,
  parseUnloadAfter,
  startServer,
  supportDir,
  uninstallLaunchAgent,
  type RunningServer,
  type StyleId,
  VOCABULARY_ENV,
} from "../core";
import { EXIT_CODES } from "./exit-codes";
import { HELP_OPTION, parseCommandArgs, printHelp } from "./parse-command-args";
import { DEFAULT_UNLOAD_AFTER, vocabularyFromArgs } from "./polish";

const USAGE = `usage: mlx-polish serve [--host ${SERVER_DEFAULTS.host}] [--port ${SERVER_DEFAULTS.port}] [--port-file FILE] [--api-key KEY]
                        [--style NAME] [--instructions TEXT] [--vocabulary FILE] [--system-prompt-as-instructions]
                        [--unload-after never|SECONDS] [--install-agent | --uninstall-agent]
An OpenAI-compatible endpoint (/v1/models, /v1/chat/completions) for dictation apps. The key can come
from ${API_KEY_ENV}, the vocabulary file from ${VOCABULARY_ENV}. --port 0 picks a free port (see --port-file). --install-agent starts it at login (macOS).`;

/** `serve`: the endpoint in the foreground until SIGINT/SIGTERM; or installs/removes its login agent. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    {
      args,
      options: {
        host: { type: "string", default: SERVER_DEFAULTS.host },
        port: { type: "string", default: String(SERVER_DEFAULTS.port) },
        "port-file": { type: "string" },
        "api-key": { type: "string" },
        style: { type: "string" },
        instructions: { type: "string" },
        vocabulary: { type: "string" },
        "system-prompt-as-instructions": { type: "boolean", default: false },
        "unload-after": { type: "string", default: DEFAULT_UNLOAD_AFTER },
        "install-agent": { type: "boolean", default: false },
        "uninstall-agent": { type: "boolean", default: false },
        ...HELP_OPTION,
      },
    },
    USAGE,
  );
  if (values.help) return printHelp(USAGE);
  if (values["uninstall-agent"]) {
    const removed = await uninstallLaunchAgent();
    process.stderr.write(removed ? `Removed the login agent (${removed}).\n` : "No login agent was installed.\n");
    return EXIT_CODES.ok;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new PolishError("bad_input", `--port must be a number from 0 to 65535 (got "${values.port}").\n${USAGE}`);
  }
  if (values.style && !STYLES.some((style) => style.id === values.style)) {
    throw new PolishError(
      "bad_input",
      `Unknown style "${values.style}". Styles: ${STYLES.map((style) => style.id).join(", ")}.`,
    );
  }
  const unloadAfterSeconds = parseUnloadAfter(values["unload-after"]);
  const vocabulary = await vocabularyFromArgs(values.vocabulary);
  const apiKey = values["api-key"] || process.env[API_KEY_ENV] || undefined;
  if (values["install-agent"]) return installAgent(args, apiKey);

  let server: RunningServer;
  try {
    server = await startServer({
      host: values.host,
      port,
      apiKey,
      style: values.style as StyleId | undefined,
      customInstructions: values.instructions,
      vocabulary,
      systemPromptAsInstructions: values["system-prompt-as-instructions"],
      unloadAfterSeconds,
      log: (line) => process.stderr.write(`mlx-polish: ${line}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new PolishError(
        "bad_input",
        `Port ${port} on ${values.host} is in use (another serve?): pick one with --port.`,
      );
    }
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
      throw new PolishError("bad_input", `Cannot listen on ${values.host}: not an address of this machine.`);
    }
    throw error;
  }
  process.stderr.write(
    `mlx-polish: serving an OpenAI-compatible API at ${server.baseUrl}${apiKey ? " (API key required)" : ""}; Ctrl-C stops.\n`,
  );
  if (values["port-file"]) await writeFile(values["port-file"], `${server.port}\n`);
  await untilStopped(server);
  process.stderr.write("mlx-polish: stopped.\n");
  return EXIT_CODES.ok;
}

/**
 * Waits for SIGINT or SIGTERM, then stops taking requests and lets those in flight finish; a second
 * signal cancels them (their clients get their original text back).
 */
async function untilStopped(server: RunningServer): Promise<void> {
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
      const onSecond = () => server.cancelAll();
      process.on("SIGINT", onSecond).on("SIGTERM", onSecond);
      process.stderr.write("mlx-polish: stopping once the requests in flight are answered (again to cancel them).\n");
      void server.close().then(() => {
        process.off("SIGINT", onSecond).off("SIGTERM", onSecond);
        resolve();
      });
    };
    process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  });
}

/** Writes and loads the launchd agent that runs this same `serve` (its flags kept) at login. */
async function installAgent(args: string[], apiKey: string | undefined): Promise<number> {
  // The bundled `mlx-polish` runs on Node alone; from the sources, the agent runs them through tsx.
  const bundled = __filename.endsWith(".cjs");
  const command = bundled ? [__filename] : [require.resolve("tsx/cli"), path.join(__dirname, "main.ts")];
  const plistPath = await installLaunchAgent({
    programArguments: [process.execPath, ...command, "serve", ...agentServeArgs(args)],
    workingDirectory: checkoutRoot() ?? path.dirname(__filename),
    logPath: path.join(supportDir(), "serve.log"),
    apiKey,
  });
  process.stderr.write(
    `Installed and started the login agent (${plistPath}); its log: ${path.join(supportDir(), "serve.log")}.\n`,
  );
  return EXIT_CODES.ok;
}

/**
 * The `serve` flags the agent runs with: the ones given (a vocabulary file's path made absolute), without
 * `--install-agent` and without the API key, which goes into the agent's environment since arguments are visible to every process (`ps`).
 */
export function agentServeArgs(args: string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === "--api-key") index++;
    // The agent runs in another folder: a vocabulary file's path must not depend on this one.
    else if (arg === "--vocabulary" && index + 1 < args.length) kept.push(arg, path.resolve(args[++index]));
    else if (arg.startsWith("--vocabulary="))
      kept.push(`--vocabulary=${path.resolve(arg.slice("--vocabulary=".length))}`);
    else if (arg !== "--install-agent" && !arg.startsWith("--api-key=")) kept.push(arg);
  }
  return kept;
}
