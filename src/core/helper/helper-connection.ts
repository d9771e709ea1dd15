import net from "node:net";
import { PolishError, type ErrorCode } from "../errors";
import type { HelperErrorCode, HelperMethod, HelperMethods, HelperReplyLine } from "./protocol";

/** One socket to the helper, read as a queue of reply lines. */
export interface HelperConnection {
  /** Sends a request and returns its id. */
  send: (method: HelperMethod, params?: object) => string;
  /** The next line from the helper; rejects when it closes, goes silent for `timeoutMs`, or `signal` aborts. */
  nextLine: (options: { timeoutMs: number; signal?: AbortSignal }) => Promise<HelperReplyLine>;
  close: () => void;
}

let requestCounter = 0;

/** Connects to the helper's socket; rejects with `helper_unavailable` when nothing listens there. */
export function connectHelper(socketPath: string, timeoutMs: number): Promise<HelperConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PolishError("helper_unavailable", `The helper did not accept a connection within ${timeoutMs} ms.`));
    }, timeoutMs);
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(new PolishError("helper_unavailable", `No helper listens at ${socketPath}.`, { cause: error }));
    });
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(lineQueue(socket));
    });
  });
}

function lineQueue(socket: net.Socket): HelperConnection {
  const lines: HelperReplyLine[] = [];
  let waiter: ((line: HelperReplyLine | Error) => void) | undefined;
  let closedError: Error | undefined;
  let buffer = "";

  const deliver = (item: HelperReplyLine | Error) => {
    if (waiter) {
      const resolveWaiter = waiter;
      waiter = undefined;
      resolveWaiter(item);
    } else if (!(item instanceof Error)) {
      lines.push(item);
    }
  };
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf("\n");
    while (newline >= 0 && !closedError) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) deliver(parseLine(line));
      newline = buffer.indexOf("\n");
    }
  });
  const parseLine = (line: string): HelperReplyLine | Error => {
    try {
      return JSON.parse(line) as HelperReplyLine;
    } catch {
      // Nothing after a garbled line can be trusted: drop the connection.
      closedError = new PolishError("internal", `The helper sent a line that is not JSON (${line.length} characters).`);
      socket.destroy();
      return closedError;
    }
  };
  const onClose = (error?: Error) => {
    closedError ??= new PolishError("helper_unavailable", "The helper closed the connection.", { cause: error });
    deliver(closedError);
  };
  socket.on("error", onClose);
  socket.on("close", () => onClose());

  return {
    send(method, params) {
      const id = `${process.pid}-${++requestCounter}`;
      socket.write(`${JSON.stringify({ id, method, params: params ?? {} })}\n`);
      return id;
    },
    nextLine({ timeoutMs, signal }) {
      const queued = lines.shift();
      if (queued) return Promise.resolve(queued);
      if (closedError) return Promise.reject(closedError);
      if (signal?.aborted) return Promise.reject(new PolishError("cancelled", "Canceled."));
      return new Promise((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          waiter = undefined;
        };
        const onAbort = () => {
          finish();
          reject(new PolishError("cancelled", "Canceled."));
        };
        const timer = setTimeout(() => {
          finish();
          reject(new PolishError("timeout", `The helper did not answer within ${Math.round(timeoutMs / 1000)} s.`));
        }, timeoutMs);
        signal?.addEventListener("abort", onAbort, { once: true });
        waiter = (item) => {
          finish();
          if (item instanceof Error) reject(item);
          else resolve(item);
        };
      });
    },
    close() {
      socket.destroy();
    },
  };
}

/** Sends one request and waits for its single answer. */
export async function requestHelper<M extends Exclude<HelperMethod, "generate">>(
  connection: HelperConnection,
  method: M,
  params: HelperMethods[M]["params"] | Record<string, never> = {},
  timeoutMs: number,
): Promise<HelperMethods[M]["result"]> {
  const id = connection.send(method, params);
  for (;;) {
    const line = await connection.nextLine({ timeoutMs });
    if (line.id !== id) continue;
    if ("error" in line) throw helperError(line.error.code, line.error.message);
    if ("result" in line) return line.result as HelperMethods[M]["result"];
  }
}

/** The helper's wire error codes (`HelperErrorCode` in the protocol schema) and the core code each becomes. */
export const HELPER_ERROR_CODES: Record<HelperErrorCode, ErrorCode> = {
  model_not_found: "model_not_downloaded",
  model_corrupt: "model_corrupt",
  unsupported_model: "load_failed",
  out_of_memory: "out_of_memory",
  busy: "busy",
  bad_request: "internal",
  cancelled: "cancelled",
  internal: "internal",
};

/** Maps the helper's error codes onto the core's (`HELPER_ERROR_CODES`); only `busy` is worth retrying. */
export function helperError(code: string, message: string): PolishError {
  const coreCode = HELPER_ERROR_CODES[code as HelperErrorCode] ?? "internal";
  return new PolishError(coreCode, message, coreCode === "busy" ? { retryable: true } : {});
}
