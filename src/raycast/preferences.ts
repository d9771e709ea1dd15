import { environment, getPreferenceValues } from "@raycast/api";
import {
  CUSTOM_MODEL_PREFERENCE,
  DEFAULT_MODEL_ID,
  chosenCustomModel,
  DEFAULT_STYLE_ID,
  findModel,
  parseUnloadAfter,
  type CatalogModel,
  type StyleId,
} from "../core";

export interface Settings {
  model: CatalogModel;
  style: StyleId;
  /** Undefined when the preference is blank. */
  customInstructions?: string;
  /** The Vocabulary File preference: a path, undefined when none is chosen. */
  vocabularyFile?: string;
  /** The App Styles preference as written ("Slack=casual; com.apple.mail=email"), undefined when blank. */
  appStyles?: string;
  /** Seconds of idle time before the helper frees the model; null = never. */
  unloadAfterSeconds: number | null;
  afterPolishing: "paste" | "copy";
  /** Undefined when no token is set (public repositories need none). */
  accessToken?: string;
}

/** Reads the preferences now (they can change between launches), with the manifest's defaults filled in. */
export function readSettings(): Settings {
  const preferences = getPreferenceValues<Preferences>();
  return {
    model: preferredModel(preferences.model),
    style: preferences.style || DEFAULT_STYLE_ID,
    customInstructions: preferences.customInstructions?.trim() || undefined,
    vocabularyFile: preferences.vocabulary?.trim() || undefined,
    appStyles: preferences.appStyles?.trim() || undefined,
    unloadAfterSeconds: parseUnloadAfter(preferences.unloadAfter || "300"),
    afterPolishing: preferences.afterPolishing === "copy" ? "copy" : "paste",
    accessToken: preferences.huggingFaceToken?.trim() || undefined,
  };
}

/**
 * The Model preference's model. `custom` is the model chosen with Use This Model in Manage Local Models
 * (Raycast's dropdown is fixed in `package.json`); with none chosen it is a stand-in whose id polishing
 * refuses with the reason (`unknown_model`: choose one), so the commands still open and explain.
 */
function preferredModel(value: string | undefined): CatalogModel {
  if (value !== CUSTOM_MODEL_PREFERENCE) return findModel(value || DEFAULT_MODEL_ID);
  let chosen: CatalogModel | undefined;
  try {
    chosen = chosenCustomModel(environment.supportPath);
  } catch {
    // A registry broken by hand: polishing names the file (`findModel`).
  }
  return chosen ?? { ...findModel(DEFAULT_MODEL_ID), id: CUSTOM_MODEL_PREFERENCE, title: "Custom Model (none chosen)" };
}
