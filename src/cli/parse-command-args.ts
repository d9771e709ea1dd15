import { parseArgs, type ParseArgsConfig } from "node:util";
import { PolishError } from "../core";

/** `parseArgs` with its complaints (an unknown option, a missing value) turned into a usage error. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, usage: string) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new PolishError("bad_input", `${(error as Error).message}\n${usage}`);
  }
}
