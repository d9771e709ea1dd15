import { environment } from "@raycast/api";
import { usePromise } from "@raycast/utils";
import { useRef, useState } from "react";
import { polish, type Prewarm, type StyleId, type VocabularyEntry } from "../core";
import { readSettings } from "../raycast/preferences";

export interface PolishStreamOptions {
  vocabulary?: readonly VocabularyEntry[];
  /** The pre-warm started when the command opened: the first polish joins it and reports its load time. */
  warmUp?: Promise<Prewarm | undefined>;
}

/**
 * Polishes `text` in `style`, streaming the text so far (after `@raycast/utils`' `useAI`): a new style or
 * a retry aborts the running generation and drops its late tokens, and unmounting (Escape) aborts it too.
 */
export function usePolishStream(text: string | undefined, style: StyleId, options: PolishStreamOptions = {}) {
  const [streamed, setStreamed] = useState("");
  const abortable = useRef<AbortController>(null);
  // Only the first polish met the pre-warm: a retry or another style finds the model warm.
  const warmUp = useRef(options.warmUp);
  const {
    data: result,
    isLoading,
    revalidate,
  } = usePromise(
    async (input: string, styleId: StyleId, vocabulary: readonly VocabularyEntry[] | undefined) => {
      setStreamed("");
      const signal = abortable.current?.signal;
      const settings = readSettings();
      const joined = warmUp.current;
      warmUp.current = undefined;
      return polish({
        text: input,
        style: styleId,
        modelId: settings.model.id,
        customInstructions: settings.customInstructions,
        vocabulary,
        warmUp: joined,
        unloadAfterSeconds: settings.unloadAfterSeconds,
        supportDir: environment.supportPath,
        assetsDir: environment.assetsPath,
        signal,
        onText: (textSoFar) => {
          if (!signal?.aborted) setStreamed(textSoFar);
        },
      });
    },
    [text ?? "", style, options.vocabulary],
    { execute: text !== undefined, abortable },
  );
  // A finished result belongs to the current text and style only while no newer run is streaming.
  const current = isLoading ? undefined : result;
  return { streamed: current?.polished ? current.text : streamed, result: current, isLoading, retry: revalidate };
}
