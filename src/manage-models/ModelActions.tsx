import { Action, ActionPanel, Icon, openExtensionPreferences } from "@raycast/api";
import { modelPageUrl } from "../core";
import { SHORTCUTS } from "../raycast/shortcuts";
import { AddModelForm } from "./AddModelForm";
import type { MlxModels, ModelRow } from "./useMlxModels";

export interface ModelActionsProps {
  row: ModelRow;
  /** The model chosen in the preferences. */
  selected: boolean;
  isShowingDetail: boolean;
  onToggleDetail: () => void;
  models: MlxModels;
}

/** What can be done with a model in its current state; nothing that would fail is offered. */
export function ModelActions({ row, selected, isShowingDetail, onToggleDetail, models }: ModelActionsProps) {
  const { model, status } = row;
  return (
    <ActionPanel title={model.title}>
      <ActionPanel.Section>
        {status.kind === "not_downloaded" ? (
          <Action
            title="Download"
            icon={Icon.Download}
            shortcut={SHORTCUTS.download}
            onAction={() => models.download(row)}
          />
        ) : null}
        {status.kind === "partial" ? (
          <Action title="Resume Download" icon={Icon.Download} onAction={() => models.download(row)} />
        ) : null}
        {status.kind === "downloading" ? (
          <Action
            title="Cancel Download"
            icon={Icon.XMarkCircle}
            shortcut={SHORTCUTS.cancelDownload}
            onAction={() => models.cancel(row)}
          />
        ) : null}
        {status.kind === "failed" && status.code === "unauthorized" ? (
          <Action title="Set Hugging Face Token" icon={Icon.Key} onAction={openExtensionPreferences} />
        ) : null}
        {status.kind === "failed" || status.kind === "corrupt" ? (
          <Action title="Retry Download" icon={Icon.RotateClockwise} onAction={() => models.download(row)} />
        ) : null}
        {status.kind === "ready" && !row.loaded && !row.activity ? (
          <Action title="Load Now" icon={Icon.Bolt} shortcut={SHORTCUTS.load} onAction={() => models.load(row)} />
        ) : null}
        {status.kind === "ready" && !row.activity ? (
          <Action title="Verify Files" icon={Icon.CheckCircle} onAction={() => models.verify(row)} />
        ) : null}
        {row.loaded ? (
          <Action
            title="Unload Now"
            icon={Icon.BoltDisabled}
            shortcut={SHORTCUTS.unload}
            onAction={() => models.unload(row)}
          />
        ) : null}
        {selected ? null : (
          <Action
            title="Use This Model"
            icon={Icon.Star}
            shortcut={SHORTCUTS.useModel}
            onAction={() => models.select(row)}
          />
        )}
      </ActionPanel.Section>
      {models.runtime && !models.runtime.upToDate && models.runtime.kind !== "override" ? (
        <ActionPanel.Section>
          <Action
            // "Set Up" is a phrasal verb, capitalized in title case; the rule's library lowercases "up".
            // eslint-disable-next-line @raycast/prefer-title-case
            title="Set Up Local Runtime"
            icon={Icon.Hammer}
            shortcut={SHORTCUTS.setUpRuntime}
            onAction={() => void models.setUpRuntime()}
          />
        </ActionPanel.Section>
      ) : null}
      <ActionPanel.Section>
        <Action
          title={isShowingDetail ? "Hide Details" : "Show Details"}
          icon={Icon.Sidebar}
          shortcut={SHORTCUTS.toggleDetail}
          onAction={onToggleDetail}
        />
        {row.path ? (
          <Action.ShowInFinder title="Show in Finder" path={row.path} shortcut={SHORTCUTS.showInFinder} />
        ) : null}
        <Action.OpenInBrowser
          title="Open on Hugging Face"
          url={modelPageUrl(model)}
          shortcut={SHORTCUTS.openInBrowser}
        />
        <Action.CopyToClipboard title="Copy Repo ID" content={model.repo} shortcut={SHORTCUTS.copyRepoId} />
      </ActionPanel.Section>
      <ActionPanel.Section>
        {row.sizeOnDiskBytes > 0 && !row.busyReason ? (
          <Action
            title="Delete Model…"
            icon={Icon.Trash}
            style={Action.Style.Destructive}
            shortcut={SHORTCUTS.remove}
            onAction={() => models.remove(row)}
          />
        ) : null}
        {model.custom && !row.busyReason ? (
          <Action
            title="Remove Model…"
            icon={Icon.MinusCircle}
            style={Action.Style.Destructive}
            shortcut={SHORTCUTS.removeCustomModel}
            onAction={() => models.forget(row)}
          />
        ) : null}
        <Action.Push
          title="Add Model…"
          icon={Icon.Plus}
          shortcut={SHORTCUTS.addModel}
          target={<AddModelForm models={models} />}
        />
        <Action title="Refresh" icon={Icon.ArrowClockwise} shortcut={SHORTCUTS.refresh} onAction={models.refresh} />
      </ActionPanel.Section>
    </ActionPanel>
  );
}
