import { List } from "@raycast/api";
import { CATALOG } from "./core";

export default function ManageModels() {
  return (
    <List navigationTitle="Manage Local Models">
      {CATALOG.map((model) => (
        <List.Item key={model.id} title={model.title} subtitle={model.repo} />
      ))}
    </List>
  );
}
