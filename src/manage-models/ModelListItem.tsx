import { Color, Icon, List } from "@raycast/api";
import { FAMILY_TITLES, formatBytes, memoryFit } from "../core";
import { ModelActions, type ModelActionsProps } from "./ModelActions";
import { ModelDetail } from "./ModelDetail";
import { statusAdvice, statusTag } from "./status-tag";

/** A row and what the list lets it do: the same props its action panel takes. */
export type ModelListItemProps = ModelActionsProps;

export function ModelListItem(props: ModelListItemProps) {
  const { row, selected, isShowingDetail } = props;
  const { model } = row;
  const tag = statusTag(row);
  const fit = memoryFit(model.ramBytes);
  const onDisk = row.status.kind === "ready" || row.status.kind === "corrupt";
  const accessories: List.Item.Accessory[] = [{ tag, tooltip: statusAdvice(row) }];
  if (!isShowingDetail) {
    accessories.unshift(
      onDisk
        ? { icon: Icon.HardDrive, text: formatBytes(row.sizeOnDiskBytes), tooltip: "Size on disk" }
        : { icon: Icon.Download, text: formatBytes(model.downloadBytes), tooltip: "Download size" },
      fit.fits
        ? {
            icon: Icon.MemoryChip,
            text: `${formatBytes(model.ramBytes)} RAM`,
            tooltip: `Needs about ${formatBytes(model.ramBytes)} of this Mac's ${formatBytes(fit.totalBytes)}`,
          }
        : {
            icon: { source: Icon.Warning, tintColor: Color.Orange },
            text: { value: `${formatBytes(model.ramBytes)} RAM`, color: Color.Orange },
            tooltip: `Needs about ${formatBytes(model.ramBytes)}, more than the ${formatBytes(fit.usableBytes)} this Mac can give a model`,
          },
    );
  }
  if (selected)
    accessories.unshift({ icon: { source: Icon.Star, tintColor: Color.Yellow }, tooltip: "Selected model" });
  return (
    <List.Item
      id={model.id}
      title={model.title}
      subtitle={`${model.custom ? model.custom.architecture : FAMILY_TITLES[model.family]} · ${model.parameters}`}
      icon={{ source: Icon.ComputerChip, tintColor: tag.color }}
      keywords={[model.id, model.family, model.repo]}
      accessories={accessories}
      detail={<ModelDetail row={row} selected={selected} />}
      actions={<ModelActions {...props} />}
    />
  );
}
