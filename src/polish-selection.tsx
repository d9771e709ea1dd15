import { Detail } from "@raycast/api";

export default function PolishSelection() {
  return <Detail markdown="Polishing is not available yet." />;
}
