import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startLocalHub, type LocalHub, type RepoSpec } from "./hub-server";

export interface LocalStore {
  hub: LocalHub;
  /** The test's temporary folder, holding `hub/` (the Hugging Face cache) and `support/`. */
  root: string;
  /** Store options pointing at them: pass to the core, or as env to the CLI. */
  store: { cacheDir: string; supportDir: string; hubUrl: string };
}

/**
 * Around each test of the calling file: a local Hub serving `repo`, and an empty Hugging Face cache and
 * support folder in a fresh temporary folder, removed afterwards. Read its fields inside tests only.
 */
export function useLocalStore(repo: string, files: RepoSpec["files"], name: string): LocalStore {
  const local = {} as LocalStore;
  beforeEach(async () => {
    local.hub = await startLocalHub();
    await local.hub.addRepo(repo, { files });
    local.root = await fs.mkdtemp(path.join(os.tmpdir(), `mlx-polish-${name}-`));
    local.store = {
      cacheDir: path.join(local.root, "hub"),
      supportDir: path.join(local.root, "support"),
      hubUrl: local.hub.url,
    };
  });
  afterEach(async () => {
    await local.hub.close();
    await fs.rm(local.root, { recursive: true, force: true });
  });
  return local;
}
