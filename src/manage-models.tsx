import { List, type LaunchProps } from "@raycast/api";
import { useCachedState, usePromise } from "@raycast/utils";
import { useEffect, useRef } from "react";
import { formatBytes, isAppleSilicon, type RuntimeStatus } from "./core";
import { LastFailureItem } from "./manage-models/LastFailureItem";
import { ModelListItem } from "./manage-models/ModelListItem";
import { UnsupportedMacView } from "./manage-models/UnsupportedMacView";
import { useMlxModels } from "./manage-models/useMlxModels";
import { dismissLastFailure, readLastFailure } from "./raycast/last-failure";
import type { ManageModelsContext } from "./raycast/launch-manage-models";
import { readSettings } from "./raycast/preferences";

export type { ManageModelsContext } from "./raycast/launch-manage-models";

/**
 * Downloads run in a detached worker: Node loading this command's bundle (`ray build` output) and calling
 * this export, so the worker needs no file of its own in the extension (see `core/store/background-download.ts`).
 */
export { runDownloadWorker } from "./core";

export default function ManageModels(props: LaunchProps<{ launchContext?: ManageModelsContext }>) {
  if (!isAppleSilicon()) return <UnsupportedMacView />;
  return <ModelList {...props.launchContext} />;
}

function ModelList({ downloadModelId, focusModelId, setUpRuntime }: ManageModelsContext) {
  const models = useMlxModels();
  const lastFailure = usePromise(readLastFailure);
  const [isShowingDetail, setShowingDetail] = useCachedState("show-model-details", false);
  const selectedId = readSettings().model.id;
  useDownloadOnLaunch(models, downloadModelId);
  useSetUpOnLaunch(models, setUpRuntime);

  const customRows = models.models.filter((row) => row.model.custom);
  const itemProps = { isShowingDetail, onToggleDetail: () => setShowingDetail((shown) => !shown), models };
  const storage =
    models.usedBytes === undefined || models.freeBytes === undefined
      ? undefined
      : `${formatBytes(models.usedBytes)} used · ${formatBytes(models.freeBytes)} free`;
  return (
    <List
      isLoading={models.isLoading}
      isShowingDetail={isShowingDetail}
      searchBarPlaceholder="Search models"
      selectedItemId={focusModelId ?? downloadModelId}
    >
      {lastFailure.data ? (
        <List.Section title="Last Failure">
          <LastFailureItem
            failure={lastFailure.data}
            onDismiss={() => void lastFailure.mutate(dismissLastFailure(), { optimisticUpdate: () => undefined })}
          />
        </List.Section>
      ) : null}
      <List.Section title="Models" subtitle={runtimeSubtitle(models.runtime, storage)}>
        {models.models
          .filter((row) => !row.model.custom)
          .map((row) => (
            <ModelListItem key={row.model.id} row={row} selected={row.model.id === selectedId} {...itemProps} />
          ))}
      </List.Section>
      {customRows.length > 0 ? (
        <List.Section title="Custom Models">
          {customRows.map((row) => (
            <ModelListItem key={row.model.id} row={row} selected={row.model.id === selectedId} {...itemProps} />
          ))}
        </List.Section>
      ) : null}
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
