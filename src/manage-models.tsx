import { List, type LaunchProps } from "@raycast/api";
import { useCachedState } from "@raycast/utils";
import { useEffect, useRef } from "react";
import { formatBytes, isAppleSilicon, type RuntimeStatus } from "./core";
import { ModelListItem } from "./manage-models/ModelListItem";
import { UnsupportedMacView } from "./manage-models/UnsupportedMacView";
import { useMlxModels } from "./manage-models/useMlxModels";
import { readSettings } from "./raycast/preferences";

/** Other commands launch this one with a model to download (the "Download Model" fix after a fallback). */
export interface ManageModelsContext {
  downloadModelId?: string;
  /** Start the local runtime's set-up (the "Set Up Local Runtime" fix after a fallback). */
  setUpRuntime?: boolean;
}

export default function ManageModels(props: LaunchProps<{ launchContext?: ManageModelsContext }>) {
  if (!isAppleSilicon()) return <UnsupportedMacView />;
  return <ModelList {...props.launchContext} />;
}

function ModelList({ downloadModelId, setUpRuntime }: ManageModelsContext) {
  const models = useMlxModels();
  const [isShowingDetail, setShowingDetail] = useCachedState("show-model-details", false);
  const selectedId = readSettings().model.id;
  useDownloadOnLaunch(models, downloadModelId);
  useSetUpOnLaunch(models, setUpRuntime);

  const storage =
    models.usedBytes === undefined || models.freeBytes === undefined
      ? undefined
      : `${formatBytes(models.usedBytes)} used · ${formatBytes(models.freeBytes)} free`;
  return (
    <List isLoading={models.isLoading} isShowingDetail={isShowingDetail} searchBarPlaceholder="Search models">
      <List.Section title="Models" subtitle={runtimeSubtitle(models.runtime, storage)}>
        {models.models.map((row) => (
          <ModelListItem
            key={row.model.id}
            row={row}
            selected={row.model.id === selectedId}
            isShowingDetail={isShowingDetail}
            onToggleDetail={() => setShowingDetail((shown) => !shown)}
            models={models}
          />
        ))}
      </List.Section>
    </List>
  );
}

/** Starts the requested download once the list knows the model is not on disk yet. */
function useDownloadOnLaunch(models: ReturnType<typeof useMlxModels>, modelId: string | undefined) {
  const started = useRef(false);
  const row = models.models.find((candidate) => candidate.model.id === modelId);
  useEffect(() => {
    if (!row || started.current) return;
    started.current = true;
    if (row.status.kind === "not_downloaded" || row.status.kind === "partial" || row.status.kind === "failed") {
      void models.download(row);
    }
  }, [row]);
}

/** The runtime's state beside the storage figures: what the user must do first shows first. */
function runtimeSubtitle(runtime: RuntimeStatus | undefined, storage: string | undefined): string | undefined {
  const state = runtime && !runtime.kind ? "Local runtime not set up" : undefined;
  return [state, storage].filter(Boolean).join(" · ") || undefined;
}

/** Starts the runtime's set-up once, when launched for it (the fix offered after a fallback). */
function useSetUpOnLaunch(models: ReturnType<typeof useMlxModels>, wanted: boolean | undefined) {
  const started = useRef(false);
  useEffect(() => {
    if (!wanted || started.current) return;
    started.current = true;
    void models.setUpRuntime();
  }, [wanted]);
}
