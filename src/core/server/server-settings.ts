/** The endpoint's fixed facts, in one place: the CLI, the launchd agent, the README recipes and tests use these. */
export const SERVER_DEFAULTS = {
  host: "127.0.0.1",
  /** Next to Ollama's 11434, which dictation apps suggest for local models. */
  port: 11435,
  /** Bodies above this are refused with 413 (a transcript is a few kB; the split pipeline handles long text). */
  maxBodyBytes: 1024 * 1024,
} as const;

/** The environment variable holding the API key, as an alternative to `--api-key`. */
export const API_KEY_ENV = "MLX_POLISH_API_KEY";

/** The headers that tell a client whether the text it got back is a rewrite or its original. */
export const POLISH_HEADERS = {
  polished: "x-mlx-polish-polished",
  reason: "x-mlx-polish-reason",
} as const;
