import { Detail } from "@raycast/api";
import { usePromise } from "@raycast/utils";
import { useState } from "react";
import { STYLES, type StyleId } from "./core";
import { PolishActions } from "./polish/PolishActions";
import { usePolishStream } from "./polish/usePolishStream";
import { adviceFor } from "./raycast/advice";
import { modelTitle } from "./raycast/fallback-toast";
import { formatSeconds } from "./raycast/format";
import { readSettings } from "./raycast/preferences";
import { readInput } from "./raycast/read-input";

/** The hotkey command: streams a polished rewrite of the selection (else the clipboard) into a Detail view. */
export default function PolishSelection() {
  const input = usePromise(() => readInput());
  const [style, setStyle] = useState<StyleId>(() => readSettings().style);
  const { streamed, result, isLoading, retry } = usePolishStream(input.data?.text, style);
  const original = input.data?.text;
  const model = modelTitle(result?.model ?? readSettings().model.id);

  let markdown = streamed;
  if (!input.isLoading && original === undefined) markdown = "Nothing to polish. Select some text or copy it first.";
  else if (result && !result.polished) {
    const advice = adviceFor(result.reason ?? "internal", model);
    const why = result.message ?? `${advice.title}. ${advice.hint}`;
    markdown = `> **Kept your original text.** ${why}\n\n${original}`;
  }

  return (
    <Detail
      isLoading={input.isLoading || isLoading}
      markdown={markdown}
      metadata={
        original === undefined ? undefined : (
          <Detail.Metadata>
            <Detail.Metadata.Label title="Model" text={model} />
            <Detail.Metadata.Label title="Style" text={STYLES.find((entry) => entry.id === style)?.title} />
            <Detail.Metadata.Label title="From" text={input.data?.source === "clipboard" ? "Clipboard" : "Selection"} />
            {result ? <Detail.Metadata.Label title="Time" text={formatSeconds(result.timings.totalMs)} /> : null}
            {result?.timings.tokensPerSecond ? (
              <Detail.Metadata.Label title="Speed" text={`${result.timings.tokensPerSecond.toFixed(0)} tokens/s`} />
            ) : null}
          </Detail.Metadata>
        )
      }
      actions={
        original === undefined ? undefined : (
          <PolishActions
            original={original}
            response={result?.polished ? result.text : undefined}
            result={result}
            modelTitle={model}
            style={style}
            onRetry={retry}
            onChangeStyle={setStyle}
          />
        )
      }
    />
  );
}
