import { Color, List } from "@raycast/api";
import { formatBytes, memoryFit, modelPageUrl } from "../core";
import type { ModelRow } from "./useMlxModels";
import { lastError, statusAdvice, statusTag } from "./status-tag";

export function ModelDetail({ row, selected }: { row: ModelRow; selected: boolean }) {
  const { model } = row;
  const fit = memoryFit(model.ramBytes);
  const tag = statusTag(row);
  const error = lastError(row);
  const advice = statusAdvice(row);
  const markdown = [`## ${model.title}`, model.strengths, advice ? `> **${advice}**\n>\n> ${error}` : ""].join("\n\n");
  return (
    <List.Item.Detail
      markdown={markdown}
      metadata={
        <List.Item.Detail.Metadata>
          <List.Item.Detail.Metadata.TagList title="Status">
            <List.Item.Detail.Metadata.TagList.Item text={tag.value} color={tag.color} />
            {selected ? <List.Item.Detail.Metadata.TagList.Item text="Selected" color={Color.Yellow} /> : null}
          </List.Item.Detail.Metadata.TagList>
          <List.Item.Detail.Metadata.Link title="Repository" text={model.repo} target={modelPageUrl(model)} />
          <List.Item.Detail.Metadata.Label title="Revision" text={row.revision ?? "Not downloaded"} />
          <List.Item.Detail.Metadata.Label title="Path" text={row.path ?? "Not downloaded"} />
          {model.custom ? (
            <List.Item.Detail.Metadata.Label
              title="Added At"
              text={`${model.custom.revision} (commit ${model.custom.commit.slice(0, 7)})`}
            />
          ) : null}
          {model.custom ? (
            <List.Item.Detail.Metadata.Label
              title="Architecture"
              text={`${model.custom.architecture}, ${model.custom.quantizationBits ? `${model.custom.quantizationBits}-bit` : "unquantized"}`}
            />
          ) : null}
          <List.Item.Detail.Metadata.Label title="License" text={model.license} />
          <List.Item.Detail.Metadata.Separator />
          <List.Item.Detail.Metadata.Label title="Parameters" text={model.parameters} />
          <List.Item.Detail.Metadata.Label title="Download Size" text={formatBytes(model.downloadBytes)} />
          <List.Item.Detail.Metadata.Label title="On Disk" text={formatBytes(row.sizeOnDiskBytes)} />
          <List.Item.Detail.Metadata.Label
            title="Memory Needed"
            text={{
              value: `${formatBytes(model.ramBytes)} of ${formatBytes(fit.totalBytes)}`,
              color: fit.fits ? Color.PrimaryText : Color.Orange,
            }}
          />
          {row.memoryBytes !== undefined ? (
            <List.Item.Detail.Metadata.Label title="In Memory Now" text={formatBytes(row.memoryBytes)} />
          ) : null}
          <List.Item.Detail.Metadata.Label title="Hardware" text="Mac with Apple Silicon (M1 or later)" />
          {error ? <List.Item.Detail.Metadata.Label title="Last Error" text={error} /> : null}
        </List.Item.Detail.Metadata>
      }
    />
  );
}
