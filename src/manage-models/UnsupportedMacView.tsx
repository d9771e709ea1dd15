import { Action, ActionPanel, Icon, List } from "@raycast/api";

/** Off Apple Silicon nothing here can run, so say so and what still works instead of offering downloads. */
export function UnsupportedMacView() {
  return (
    <List>
      <List.EmptyView
        icon={Icon.ComputerChip}
        title="MLX needs a Mac with Apple Silicon"
        description="Local models run with Apple's MLX, which needs an M1 or later. Polish Transcription still works here: it pastes or copies your original text unchanged."
        actions={
          <ActionPanel>
            <Action.OpenInBrowser title="About MLX" url="https://github.com/ml-explore/mlx" />
          </ActionPanel>
        }
      />
    </List>
  );
}
