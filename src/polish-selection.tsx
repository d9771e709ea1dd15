import { Action, ActionPanel, Detail, Icon, open, openExtensionPreferences } from "@raycast/api";
import { usePromise } from "@raycast/utils";
import { useState } from "react";
import { type StyleId } from "./core";
import { PolishActions } from "./polish/PolishActions";
import { usePolishStream } from "./polish/usePolishStream";
import { adviceFor, FIX_TITLES } from "./raycast/advice";
import { FIX_ICONS } from "./raycast/fixes";
import { modelTitle, reportSettingProblems } from "./raycast/fallback-toast";
import { formatSeconds } from "./raycast/format";
import { readPolishContext, startPrewarm, styleLabel } from "./raycast/polish-context";
import { readSettings } from "./raycast/preferences";
import { ACCESSIBILITY_SETTINGS_URL, readInput } from "./raycast/read-input";

/**
 * The hotkey command: streams a polished rewrite of the selection (else the clipboard) into a Detail view.
 * The model starts loading as the command opens, while the selection is read. Without the Accessibility
 * permission it explains how to grant it, and polishes the clipboard only when the user asks.
 */
export default function PolishSelection() {
  // Before the selection is read: loading a cold model is the longest wait of a polish.
  const [warmUp] = useState(() => startPrewarm(readSettings()));
  const [allowClipboard, setAllowClipboard] = useState(false);
  const input = usePromise(
    async (clipboard: boolean) => {
      const [read, context] = await Promise.all([
        readInput(undefined, { allowClipboard: clipboard }),
        readPolishContext(readSettings()),
      ]);
      return { ...read, context };
    },
    [allowClipboard],
    { onData: (data) => void reportSettingProblems(data.context) },
  );
  const context = input.data?.context;
  const [chosenStyle, setStyle] = useState<StyleId>();
  const style = chosenStyle ?? context?.style ?? readSettings().style;
  const text = input.data?.kind === "text" ? input.data : undefined;
  const polishable = context?.vocabularyProblem ? undefined : text?.text;
  const { streamed, result, isLoading, retry } = usePolishStream(polishable, style, {
    vocabulary: context?.vocabulary,
    warmUp,
  });
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
  else if (context?.vocabularyProblem) {
    markdown = `> **Kept your original text.** ${context.vocabularyProblem} Fix it in the extension's preferences.\n\n${original}`;
  } else if (result && !result.polished) {
    const advice = adviceFor(result.reason ?? "internal", model);
    const why = result.message ?? `${advice.title}. ${advice.hint}`;
    markdown = `> **Kept your original text.** ${why}\n\n${original}`;
  }
  const timings = result?.timings;

  return (
    <Detail
      isLoading={input.isLoading || isLoading}
      markdown={markdown}
      metadata={
        original === undefined ? undefined : (
          <Detail.Metadata>
            <Detail.Metadata.Label title="Model" text={model} />
            <Detail.Metadata.Label title="Style" text={styleLabel(style, chosenStyle ? undefined : context?.app)} />
            <Detail.Metadata.Label title="From" text={text?.source === "clipboard" ? "Clipboard" : "Selection"} />
            {timings ? <Detail.Metadata.Label title="Time" text={formatSeconds(timings.totalMs)} /> : null}
            {timings?.loadMs !== undefined ? (
              <Detail.Metadata.Label
                title="Model Load"
                text={timings.loadMs > 0 ? formatSeconds(timings.loadMs) : "Already loaded"}
              />
            ) : null}
            {timings?.generationMs !== undefined ? (
              <Detail.Metadata.Label title="Generation" text={formatSeconds(timings.generationMs)} />
            ) : null}
            {timings?.tokensPerSecond ? (
              <Detail.Metadata.Label title="Speed" text={`${timings.tokensPerSecond.toFixed(0)} tokens/s`} />
            ) : null}
          </Detail.Metadata>
        )
      }
      actions={
        original === undefined ? undefined : context?.vocabularyProblem ? (
          <ActionPanel>
            <Action title={FIX_TITLES.preferences} icon={FIX_ICONS.preferences} onAction={openExtensionPreferences} />
          </ActionPanel>
        ) : (
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
