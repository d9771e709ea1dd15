import type { AdviceKey, ErrorCode } from "../core";
import type { InputFailure } from "./last-failure";
import { ACCESSIBILITY_HOW_TO } from "./read-input";

/** What a user can do about a failure; each command turns it into an action. */
export type Fix =
  "retry" | "download" | "manage-models" | "preferences" | "copy-logs" | "setup-runtime" | "accessibility";

/** The title of the action that applies each fix, wherever it is offered. */
export const FIX_TITLES: Record<Fix, string> = {
  retry: "Retry",
  download: "Download Model",
  "manage-models": "Open Manage Local Models",
  preferences: "Open Extension Preferences",
  "copy-logs": "Copy Logs",
  "setup-runtime": "Set Up Local Runtime",
  accessibility: "Open Accessibility Settings",
};

export interface Advice {
  /** What happened, in a few words. */
  title: string;
  /** What to do about it. */
  hint: string;
  fix?: Fix;
}

/**
 * The words for every store error code and polishing fallback reason, so the list, the toasts and both
 * polish commands explain a failure the same way. `model` is the model's title.
 */
export function adviceFor(code: AdviceKey | InputFailure, model: string): Advice {
  switch (code) {
    case "no_accessibility":
      return {
        title: "Raycast cannot read your selection",
        hint: `Allow Raycast in ${ACCESSIBILITY_HOW_TO}, or copy the text and use the clipboard.`,
        fix: "accessibility",
      };
    case "network":
      return { title: "Could not reach Hugging Face", hint: "Check your connection, then retry.", fix: "retry" };
    case "disk_full":
      return { title: "Not enough disk space", hint: "Free some space, then retry.", fix: "retry" };
    case "unauthorized":
      return {
        title: "This repository needs a Hugging Face token",
        hint: "Set the Hugging Face Token preference, then retry.",
        fix: "preferences",
      };
    case "not_found":
      return { title: "Not found on Hugging Face", hint: "The repository or a file in it has gone." };
    case "integrity":
      return {
        title: "Downloaded files were damaged",
        hint: "Retry re-downloads only the bad files.",
        fix: "retry",
      };
    case "incompatible_model":
      return { title: "MLX Polish cannot run this model", hint: "Nothing was downloaded. Try an MLX conversion." };
    case "hostile_repo":
      return { title: "The repository holds unexpected files", hint: "MLX Polish refused to download it." };
    case "busy":
      return { title: `${model} is in use`, hint: "Try again when it is done." };
    case "cancelled":
      return { title: "Canceled", hint: "Nothing was lost; you can start again." };
    case "empty_input":
    case "bad_input":
      return { title: "Nothing to polish", hint: "Select some text or copy it first." };
    case "unknown_model":
      return { title: "Unknown model", hint: "Choose a model in the preferences.", fix: "preferences" };
    case "unsupported_platform":
      return { title: "MLX needs a Mac with Apple Silicon", hint: "Your original text was kept." };
    case "model_not_downloaded":
      return { title: `${model} is not downloaded`, hint: "Download it, then try again.", fix: "download" };
    case "runtime_missing":
      return {
        title: "The local runtime is not set up",
        hint: "Set it up once from Manage Local Models (about 100 MB from PyPI).",
        fix: "setup-runtime",
      };
    case "helper_unavailable":
      return { title: "The MLX helper did not start", hint: "Copy the logs to see why.", fix: "copy-logs" };
    case "model_corrupt":
      return {
        title: `${model}'s files are damaged`,
        hint: "Retry the download in Manage Local Models; it replaces only the bad files.",
        fix: "manage-models",
      };
    case "load_failed":
      return { title: `Could not load ${model}`, hint: "Copy the logs to see why.", fix: "copy-logs" };
    case "out_of_memory":
      return {
        title: `Not enough memory for ${model}`,
        hint: "Choose a smaller model in the preferences.",
        fix: "preferences",
      };
    case "timeout":
      return { title: "Polishing took too long", hint: "A smaller model answers faster.", fix: "manage-models" };
    case "guard_tripped":
      return { title: "The rewrite strayed from your text", hint: "Your original text was kept." };
    case "unfaithful":
      return { title: "The rewrite changed what you said", hint: "Your original text was kept." };
    case "internal":
      return { title: "Something went wrong", hint: "Copy the logs to see why.", fix: "copy-logs" };
  }
}

/**
 * Whether a polishing fallback is kept for Manage Local Models (until dismissed) when it happened with
 * Raycast's window closed: it is when the user has something to do about it (copy the logs, change a
 * preference, grant a permission, look at a model). A missing model opens Manage Local Models instead;
 * a stray rewrite, a busy model or an unsupported Mac have nothing to fix and end with the HUD.
 */
export function keepsForLater(advice: Advice): boolean {
  return advice.fix !== undefined && advice.fix !== "download" && advice.fix !== "retry";
}

/**
 * The words for a failed runtime set-up, where they differ from a model download's: the packages come
 * from PyPI, and nothing of a failed set-up is kept.
 */
export function runtimeSetupAdvice(code: ErrorCode): Advice | undefined {
  switch (code) {
    case "network":
      return { title: "Could not reach PyPI", hint: "Check your connection, then retry.", fix: "retry" };
    case "integrity":
      return {
        title: "A downloaded package did not match its pinned hash",
        hint: "Nothing was installed. Retry; if it persists, report it.",
        fix: "retry",
      };
    case "busy":
      return { title: "The local runtime is being set up", hint: "Wait for the other set-up to finish." };
    default:
      return undefined;
  }
}
