import { showHUD, type LaunchProps } from "@raycast/api";

export default async function PolishTranscription(props: LaunchProps<{ arguments: Arguments.PolishTranscription }>) {
  await showHUD(props.arguments.text ? "Polishing is not available yet" : "Nothing to polish");
}
