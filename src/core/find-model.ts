import { CATALOG, type CatalogModel } from "./catalog";
import { PolishError } from "./errors";

/** Looks a model up by id; an unknown id is a user error with the list of known ids. */
export function findModel(id: string): CatalogModel {
  const model = CATALOG.find((entry) => entry.id === id);
  if (!model) {
    throw new PolishError(
      "unknown_model",
      `Unknown model "${id}". Known models: ${CATALOG.map((entry) => entry.id).join(", ")}.`,
    );
  }
  return model;
}
