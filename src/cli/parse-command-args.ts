import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXIT_CODES, PolishError } from "../core/errors";

/** The option every subcommand takes: `--help`/`-h` prints its usage on stdout and exits 0. */
export const HELP_OPTION = { help: { type: "boolean", short: "h", default: false } } as const;

/**
 * The one argument parser of every subcommand: `parseArgs` (strict) with its complaints (an unknown
 * option, a missing value) turned into a `bad_input` error that carries the usage (exit 1).
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new PolishError("bad_input", `${(error as Error).message}\n${usage}`);
  }
}

/** Prints a usage asked for with `--help`, on stdout: it is the result. */
export function printHelp(usage: string): number {
  process.stdout.write(`${usage}\n`);
  return EXIT_CODES.ok;
}

/** Prints the usage after arguments that name no action, on stderr, and fails. */
export function usageError(usage: string): number {
  process.stderr.write(`${usage}\n`);
  return EXIT_CODES.error;
}
