import { Action, ActionPanel, Icon } from "@raycast/api";
import { STYLES, type PolishResult, type StyleId } from "../core";
import { adviceFor, FIX_TITLES } from "../raycast/advice";
import { commonFixes, FIX_ICONS } from "../raycast/fixes";
import { launchManageModels } from "../raycast/launch-manage-models";
import { SHORTCUTS } from "../raycast/shortcuts";
import { OriginalTextDetail } from "./OriginalTextDetail";

export interface PolishActionsProps {
  original: string;
  /** The finished polished text; undefined while streaming or after a fallback. */
  response?: string;
  /** The finished run, to offer the fix after a fallback. */
  result?: PolishResult;
  modelTitle: string;
  style: StyleId;
  onRetry: () => void;
  onChangeStyle: (style: StyleId) => void;
}

export function PolishActions(props: PolishActionsProps) {
  const { original, response, result } = props;
  const advice = result && !result.polished ? adviceFor(result.reason ?? "internal", props.modelTitle) : undefined;
  // Retry and Open Manage Local Models are always below; any other fix leads the panel.
  const fix = advice?.fix === "retry" || advice?.fix === "manage-models" ? undefined : advice?.fix;
  const fixAction =
    fix &&
    result &&
    commonFixes({ modelId: result.model, summary: `${result.reason}: ${result.message ?? advice?.title}` })[fix];
  return (
    <ActionPanel>
      <ActionPanel.Section>
        {response !== undefined ? (
          <>
            <Action.Paste title="Paste Response" content={response} />
            <Action.CopyToClipboard title="Copy Response" content={response} shortcut={SHORTCUTS.copyResponse} />
          </>
        ) : null}
        {fix && fixAction ? (
          <Action title={FIX_TITLES[fix]} icon={FIX_ICONS[fix]} onAction={() => void fixAction()} />
        ) : null}
      </ActionPanel.Section>
      <ActionPanel.Section>
        <Action title="Retry" icon={Icon.RotateClockwise} shortcut={SHORTCUTS.retry} onAction={props.onRetry} />
        <ActionPanel.Submenu title="Change Style" icon={Icon.Brush}>
          {STYLES.filter((style) => style.id !== props.style).map((style) => (
            <Action key={style.id} title={style.title} onAction={() => props.onChangeStyle(style.id)} />
          ))}
        </ActionPanel.Submenu>
        <Action.Push
          title="Show Original"
          icon={Icon.Document}
          shortcut={SHORTCUTS.showOriginal}
          target={<OriginalTextDetail text={original} />}
        />
        <Action
          title="Open Manage Local Models"
          icon={Icon.ComputerChip}
          shortcut={SHORTCUTS.manageModels}
          onAction={() => launchManageModels()}
        />
      </ActionPanel.Section>
    </ActionPanel>
  );
}
