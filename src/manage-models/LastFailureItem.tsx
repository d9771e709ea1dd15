import { Action, ActionPanel, Color, Icon, List, open, openExtensionPreferences } from "@raycast/api";
import { adviceFor, FIX_TITLES } from "../raycast/advice";
import { copyLogs } from "../raycast/copy-logs";
import { modelTitle } from "../raycast/fallback-toast";
import type { LastFailure } from "../raycast/last-failure";
import { ACCESSIBILITY_SETTINGS_URL } from "../raycast/read-input";

export interface LastFailureItemProps {
  failure: LastFailure;
  onDismiss: () => void;
}

/**
 * The last failure Polish Transcription met with Raycast's window closed, at the top of Manage Local
 * Models, with the fix the HUD could not offer, until the user dismisses it.
 */
export function LastFailureItem({ failure, onDismiss }: LastFailureItemProps) {
  const advice = adviceFor(failure.reason, modelTitle(failure.modelId));
  const logs = `${failure.reason}: ${failure.message ?? advice.title}`;
  return (
    <List.Item
      id="last-failure"
      title={advice.title}
      subtitle={failure.message ?? advice.hint}
      icon={{ source: Icon.ExclamationMark, tintColor: Color.Red }}
      accessories={[{ date: new Date(failure.at), tooltip: "When it happened" }]}
      actions={
        <ActionPanel title={advice.title}>
          {advice.fix === "copy-logs" ? (
            <Action title={FIX_TITLES["copy-logs"]} icon={Icon.Clipboard} onAction={() => copyLogs(logs)} />
          ) : null}
          {advice.fix === "preferences" ? (
            <Action title={FIX_TITLES.preferences} icon={Icon.Gear} onAction={openExtensionPreferences} />
          ) : null}
          {advice.fix === "accessibility" ? (
            <Action
              title={FIX_TITLES.accessibility}
              icon={Icon.Lock}
              onAction={() => open(ACCESSIBILITY_SETTINGS_URL)}
            />
          ) : null}
          <Action title="Dismiss" icon={Icon.XMarkCircle} onAction={onDismiss} />
          {advice.fix !== "copy-logs" ? (
            <Action title={FIX_TITLES["copy-logs"]} icon={Icon.Clipboard} onAction={() => copyLogs(logs)} />
          ) : null}
        </ActionPanel>
      }
    />
  );
}
