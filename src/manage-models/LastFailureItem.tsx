import { Action, ActionPanel, Color, Icon, List, open } from "@raycast/api";
import { adviceFor, FIX_TITLES } from "../raycast/advice";
import { copyLogs } from "../raycast/copy-logs";
import { modelTitle } from "../raycast/fallback-toast";
import { commonFixes, FIX_ICONS, type FixHandlers } from "../raycast/fixes";
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
  const fixes: FixHandlers = {
    ...commonFixes({ modelId: failure.modelId, summary: logs }),
    accessibility: () => open(ACCESSIBILITY_SETTINGS_URL),
  };
  const fix = advice.fix && fixes[advice.fix] ? advice.fix : undefined;
  return (
    <List.Item
      id="last-failure"
      title={advice.title}
      subtitle={failure.message ?? advice.hint}
      icon={{ source: Icon.ExclamationMark, tintColor: Color.Red }}
      accessories={[{ date: new Date(failure.at), tooltip: "When it happened" }]}
      actions={
        <ActionPanel title={advice.title}>
          {fix ? <Action title={FIX_TITLES[fix]} icon={FIX_ICONS[fix]} onAction={() => fixes[fix]!()} /> : null}
          <Action title="Dismiss" icon={Icon.XMarkCircle} onAction={onDismiss} />
          {fix !== "copy-logs" ? (
            <Action title={FIX_TITLES["copy-logs"]} icon={Icon.Clipboard} onAction={() => copyLogs(logs)} />
          ) : null}
        </ActionPanel>
      }
    />
  );
}
