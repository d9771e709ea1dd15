/**
 * What a model is, below everything that lists or finds models: the catalogue (`catalog.ts`) and the
 * models added by repo id (`custom-models.ts`) both describe theirs with these types, so neither needs
 * the other to say what a model is.
 */
/** `custom`: a model added by repo id (`custom-models.ts`). */
export type ModelFamily = "qwen3" | "gemma3" | "smollm3" | "ministral3" | "custom";

export interface CatalogModel {
  /** Stable id used in preferences, the CLI and state files. */
  id: string;
  title: string;
  family: ModelFamily;
  /** Hugging Face repository of the MLX conversion. */
  repo: string;
  /** Parameter count as people say it ("1.7B"). */
  parameters: string;
  /** Approximate download size in bytes. */
  downloadBytes: number;
  /** Unified memory the model needs while generating, in bytes (weights + KV cache + runtime). */
  ramBytes: number;
  license: string;
  /** What its chat template needs from the prompt builder. */
  chatTemplate: {
    /** False for templates without a system role (Gemma folds it into the first user turn). */
    systemRole: boolean;
    /** True for templates that think unless told not to (`enable_thinking=False`). */
    thinksByDefault: boolean;
  };
  /** One line on what the model is good at, for the README and the detail pane. */
  strengths: string;
  /** Set only for a model added by repo id (`models add`): where it came from. */
  custom?: CustomModelSource;
}

/** Where a custom model came from and what its config said, read when it was added. */
export interface CustomModelSource {
  /** The revision asked for (a branch, tag or commit; `main` unless `--revision`): its `refs/` name in the Hub cache. */
  revision: string;
  /** The commit checked when the model was added: downloads fetch exactly this one. */
  commit: string;
  /** `model_type` from its `config.json`. */
  architecture: string;
  /** Bits per weight from the config's quantization block; absent for an unquantized model. */
  quantizationBits?: number;
  /** When it was added (ISO 8601). */
  addedAt: string;
}
