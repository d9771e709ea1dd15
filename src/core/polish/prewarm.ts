import { canRunHelper } from "../config";
import { loadModel, type LoadModelParams } from "../helper";

/** What a pre-warm did: how long the helper spent loading the model (0 when it was loaded already). */
export interface Prewarm {
  loadMs: number;
  alreadyLoaded: boolean;
}

/**
 * How long a model stays loaded while a polish needs it when Unload Model After is "Immediately": a
 * pre-warmed model waits this long for its polish (time for a user to pick the text), and a polish keeps
 * it through its own second tries; the polish then unloads it, as asked.
 */
export const PREWARM_HOLD_SECONDS = 60;

/**
 * Starts loading the model (and the helper, when none runs) as soon as a polish command opens, while it
 * still reads the selection: the polish that follows waits behind this load in the helper's queue instead
 * of starting it. Never rejects and never blocks: a failure resolves undefined, and the polish itself then
 * meets it and says why.
 */
export function prewarm(params: LoadModelParams): Promise<Prewarm | undefined> {
  if (!canRunHelper()) return Promise.resolve(undefined);
  const unloadAfterSeconds = params.unloadAfterSeconds === 0 ? PREWARM_HOLD_SECONDS : params.unloadAfterSeconds;
  return loadModel({ ...params, unloadAfterSeconds }).then(
    (loaded) => ({ loadMs: Math.round(loaded.load_ms * 10) / 10, alreadyLoaded: loaded.already_loaded }),
    () => undefined,
  );
}
