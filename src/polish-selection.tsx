import { Action, ActionPanel, Detail, Icon, open } from "@raycast/api";
import { usePromise } from "@raycast/utils";
import { useState } from "react";
import { STYLES, type StyleId } from "./core";
import { PolishActions } from "./polish/PolishActions";
import { usePolishStream } from "./polish/usePolishStream";
import { adviceFor, FIX_TITLES } from "./raycast/advice";
import { modelTitle } from "./raycast/fallback-toast";
import { formatSeconds } from "./raycast/format";
import { readSettings } from "./raycast/preferences";
import { ACCESSIBILITY_SETTINGS_URL, readInput } from "./raycast/read-input";

/**
 * The hotkey command: streams a polished rewrite of the selection (else the clipboard) into a Detail view.
 * Without the Accessibility permission it explains how to grant it, and polishes the clipboard only when
 * the user asks.
 */
export default function PolishSelection() {
  const [allowClipboard, setAllowClipboard] = useState(false);
  const input = usePromise(
    (clipboard: boolean) => readInput(undefined, { allowClipboard: clipboard }),
    [allowClipboard],
  );
  const [style, setStyle] = useState<StyleId>(() => readSettings().style);
  const text = input.data?.kind === "text" ? input.data : undefined;
  const { streamed, result, isLoading, retry } = usePolishStream(text?.text, style);
  const original = text?.text;
  const model = modelTitle(result?.model ?? readSettings().model.id);

  if (input.data?.kind === "no-permission") {
    const advice = adviceFor("no_accessibility", model);
    return (
      <Detail
        navigationTitle="Polish Selected Text"
        markdown={`> **${advice.title}.** ${advice.hint}`}
        actions={
          <ActionPanel>
            <Action
              title={FIX_TITLES.accessibility}
              icon={Icon.Lock}
              onAction={() => open(ACCESSIBILITY_SETTINGS_URL)}
            />
            <Action title="Polish Clipboard Instead" icon={Icon.Clipboard} onAction={() => setAllowClipboard(true)} />
          </ActionPanel>
        }
      />
    );
  }

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
            <Detail.Metadata.Label title="From" text={text?.source === "clipboard" ? "Clipboard" : "Selection"} />
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
