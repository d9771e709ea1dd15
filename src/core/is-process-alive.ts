/**
 * True while the process exists (one owned by another user counts). Used to tell an interrupted download
 * from a running one, and a dead helper from a live one.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
