import { getPreferenceValues } from "@raycast/api";
import {
  DEFAULT_MODEL_ID,
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
    model: findModel(preferences.model || DEFAULT_MODEL_ID),
    style: preferences.style || DEFAULT_STYLE_ID,
    customInstructions: preferences.customInstructions?.trim() || undefined,
    vocabularyFile: preferences.vocabulary?.trim() || undefined,
    appStyles: preferences.appStyles?.trim() || undefined,
    unloadAfterSeconds: parseUnloadAfter(preferences.unloadAfter || "300"),
    afterPolishing: preferences.afterPolishing === "copy" ? "copy" : "paste",
    accessToken: preferences.huggingFaceToken?.trim() || undefined,
  };
}
