/**
 * Runs `work` with a signal that Ctrl-C (or a polite `kill`) aborts, so a long subcommand (download,
 * verify, runtime set-up, polish) cleans up and reports the cancel instead of dying mid-write.
 */
export async function cancelOnInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
