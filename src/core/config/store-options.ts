import { hubCacheDir, hubUrl, supportDir } from "./paths";

/** Where the store lives and how it reaches the Hub. Every field defaults to `paths.ts` (and so to the environment). */
export interface StoreOptions {
  /** MLX Polish's own folder: download state, locks, manifests. */
  supportDir?: string;
  /** The Hugging Face cache (`HF_HUB_CACHE` layout). */
  cacheDir?: string;
  /** The Hub or a mirror (`HF_ENDPOINT`). */
  hubUrl?: string;
  /** The fetch for the Hub's API (commit, file list); tests and callers may wrap it. File bytes come over `node:http(s)` ranged connections (`store/fetch-file.ts`). */
  fetch?: typeof fetch;
}

export interface ResolvedStoreOptions {
  supportDir: string;
  cacheDir: string;
  hubUrl: string;
  fetch: typeof fetch;
}

export function resolveStoreOptions(options: StoreOptions = {}): ResolvedStoreOptions {
  return {
    supportDir: supportDir(options.supportDir),
    cacheDir: options.cacheDir ?? hubCacheDir(),
    hubUrl: (options.hubUrl ?? hubUrl()).replace(/\/+$/, ""),
    fetch: options.fetch ?? globalThis.fetch,
  };
}
