import { Action, ActionPanel, Detail } from "@raycast/api";

export function OriginalTextDetail({ text }: { text: string }) {
  return (
    <Detail
      navigationTitle="Original Text"
      markdown={text}
      actions={
        <ActionPanel>
          <Action.Paste title="Paste Original" content={text} />
          <Action.CopyToClipboard title="Copy Original" content={text} />
        </ActionPanel>
      }
    />
  );
}
