/// <reference types="@raycast/api">

/* 🚧 🚧 🚧
 * This file is auto-generated from the extension's manifest.
 * Do not modify manually. Instead, update the `package.json` file.
 * 🚧 🚧 🚧 */

/* eslint-disable @typescript-eslint/ban-types */

type ExtensionPreferences = {
  /** Model - The local model that polishes your text. */
  "model": "qwen3-1.7b" | "qwen3-0.6b" | "qwen3-4b" | "gemma3-1b" | "gemma3-4b" | "smollm3-3b" | "ministral3-3b" | "custom",
  /** Unload Model After - Free the model's memory after this long without a request. */
  "unloadAfter": "never" | "0" | "120" | "300" | "600" | "900" | "3600",
  /** Style - How the text is rewritten. */
  "style": "clean-up" | "formal" | "casual" | "concise" | "email" | "bullet-list",
  /** Custom Instructions - Extra rules for every rewrite, e.g. spellings of names you use. */
  "customInstructions"?: string,
  /** Vocabulary File - A text file of the names and words your dictation gets wrong, one a line: a spelling (Postgres) or heard -> written (post gress -> Postgres). */
  "vocabulary"?: string,
  /** App Styles - Take the style from the app in front: App=Style rules, app name or bundle id, separated by ;. Other apps use Style. */
  "appStyles"?: string,
  /** After Polishing - What Polish Transcription does with the result. */
  "afterPolishing": "paste" | "copy",
  /** Hugging Face Token - Only needed for gated or private model repositories. */
  "huggingFaceToken"?: string
}

/** Preferences accessible in all the extension's commands */
declare type Preferences = ExtensionPreferences

declare namespace Preferences {
  /** Preferences accessible in the `manage-models` command */
  export type ManageModels = ExtensionPreferences & {}
  /** Preferences accessible in the `polish-transcription` command */
  export type PolishTranscription = ExtensionPreferences & {}
  /** Preferences accessible in the `polish-selection` command */
  export type PolishSelection = ExtensionPreferences & {}
}

declare namespace Arguments {
  /** Arguments passed to the `manage-models` command */
  export type ManageModels = {}
  /** Arguments passed to the `polish-transcription` command */
  export type PolishTranscription = {
  /** Text to polish */
  "text": string
}
  /** Arguments passed to the `polish-selection` command */
  export type PolishSelection = {}
}

