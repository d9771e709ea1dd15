import { environment } from "@raycast/api";
import { usePromise } from "@raycast/utils";
import { useRef, useState } from "react";
import { polish, type StyleId } from "../core";
import { readSettings } from "../raycast/preferences";

/**
 * Polishes `text` in `style`, streaming the text so far (after `@raycast/utils`' `useAI`): a new style or
 * a retry aborts the running generation and drops its late tokens, and unmounting (Escape) aborts it too.
 */
export function usePolishStream(text: string | undefined, style: StyleId) {
  const [streamed, setStreamed] = useState("");
  const abortable = useRef<AbortController>(null);
  const {
    data: result,
    isLoading,
    revalidate,
  } = usePromise(
    async (input: string, styleId: StyleId) => {
      setStreamed("");
      const signal = abortable.current?.signal;
      const settings = readSettings();
      return polish({
        text: input,
        style: styleId,
        modelId: settings.model.id,
        customInstructions: settings.customInstructions,
        unloadAfterSeconds: settings.unloadAfterSeconds,
        supportDir: environment.supportPath,
        assetsDir: environment.assetsPath,
        signal,
        onText: (textSoFar) => {
          if (!signal?.aborted) setStreamed(textSoFar);
        },
      });
    },
    [text ?? "", style],
    { execute: text !== undefined, abortable },
  );
  // A finished result belongs to the current text and style only while no newer run is streaming.
  const current = isLoading ? undefined : result;
  return { streamed: current?.polished ? current.text : streamed, result: current, isLoading, retry: revalidate };
}
