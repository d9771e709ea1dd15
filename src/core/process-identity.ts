import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { isProcessAlive } from "./is-process-alive";

/**
 * A process as state files name it: its pid plus when it started, so a pid the system has since handed to
 * another process is not mistaken for the one that wrote the file.
 */
export interface ProcessIdentity {
  pid: number;
  /** Opaque start mark (Linux: clock ticks after boot; macOS: `ps`'s start time); absent where unknown. */
  startTime?: string;
}

let self: ProcessIdentity | undefined;

/** This process's identity, read once. */
export function currentProcess(): ProcessIdentity {
  self ??= { pid: process.pid, startTime: processStartTime(process.pid) ?? undefined };
  return self;
}

/**
 * When a process started: a string, `null` when it is gone or a zombie (killed, not yet reaped), `undefined`
 * when this system cannot tell.
 */
export function processStartTime(pid: number): string | null | undefined {
  if (process.platform === "linux") {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return null;
    }
    // The name (field 2) may hold spaces and parentheses: the fields that follow start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [state] = fields;
    if (state === "Z" || state === "X") return null;
    return fields[19]; // field 22, starttime
  }
  if (process.platform === "darwin") {
    try {
      const [state, ...start] = execFileSync("ps", ["-o", "stat=,lstart=", "-p", String(pid)], { encoding: "utf8" })
        .trim()
        .split(/\s+/);
      if (!state || state.startsWith("Z")) return null;
      return start.join(" ");
    } catch {
      return null;
    }
  }
  return undefined;
}

/** True while the very process named (same pid, same start) still runs. */
export function isSameProcessAlive(identity: ProcessIdentity): boolean {
  if (!isProcessAlive(identity.pid)) return false;
  const started = processStartTime(identity.pid);
  if (started === null) return false;
  return identity.startTime === undefined || started === undefined || started === identity.startTime;
}
