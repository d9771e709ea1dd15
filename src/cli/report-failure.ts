import { exitCodeFor } from "./exit-codes";

/**
 * How a long-running subcommand (`models download`, `helper setup`) reports its failure: the
 * `{"event":"error",…}` line on stdout with `--json`, the message on stderr always; returns the exit code.
 */
export function reportFailure(error: unknown, json: boolean): number {
  const failure = error as { code?: string; message?: string; retryable?: boolean };
  if (json) {
    const line = {
      event: "error",
      code: failure.code ?? "internal",
      message: failure.message,
      retryable: failure.retryable,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  process.stderr.write(`mlx-polish: ${failure.message ?? String(error)}\n`);
  return exitCodeFor(error);
}
