/**
 * The `mlx-polish` command line: the `mlx-polish` binary (this file bundled by `scripts/build-cli.mjs`) or
 * `npm run --silent cli -- ARGS`. It drives the same core as the Raycast commands. stdout carries only
 * results; progress and messages go to stderr.
 */
// Straight from their files, not the core's index: the bundled binary then loads the rest of the core only
// when a subcommand needs it, and `--version` or a usage error start in a few tens of milliseconds.
import { EXIT_CODES, PolishError, exitCodeFor } from "../core/errors";
import { HELPER_VERSION } from "../core/helper/helper-constants";
import { printHelp, usageError } from "./parse-command-args";

type Subcommand = (args: string[]) => Promise<number>;

const subcommands: Record<string, () => Promise<Subcommand>> = {
  polish: async () => (await import("./polish")).polishCommand,
  helper: async () => (await import("./helper")).helperCommand,
  models: async () => (await import("./models")).modelsCommand,
  serve: async () => (await import("./serve")).serveCommand,
  doctor: async () => (await import("./doctor")).doctorCommand,
};

const USAGE = `usage: mlx-polish <command> [args] | mlx-polish --version

commands:
${Object.keys(subcommands)
  .map((name) => `  ${name}`)
  .join("\n")}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    process.stdout.write(`mlx-polish ${HELPER_VERSION}\n`);
    return 0;
  }
  const load = name ? subcommands[name] : undefined;
  if (name === "--help" || name === "-h") return printHelp(USAGE);
  if (!load) return usageError(USAGE);
  const run = await load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mlx-polish: ${error instanceof PolishError ? error.message : String(error)}\n`);
    process.exitCode = error instanceof PolishError ? exitCodeFor(error) : EXIT_CODES.error;
  },
);
