// The exit codes live in the core's one error table; the CLI keeps this name for them.
export { EXIT_CODES, exitCodeFor } from "../core";
