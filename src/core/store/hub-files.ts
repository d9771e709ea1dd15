import { downloadFile, listFiles, modelInfo, type ListFileEntry } from "@huggingface/hub";
import { PolishError } from "../errors";

/** One file of the revision being downloaded, checked to be safe to write into the cache. */
export interface HubFile {
  path: string;
  size: number;
  /** Name of its blob in the cache: the LFS sha256, else the git blob sha1 (as `huggingface_hub` names them). */
  blobName: string;
  /** How the content is verified: sha256 of the bytes (LFS) or git's sha1 of `blob <size>\0<bytes>`. */
  digest: "sha256" | "git-sha1";
}

export interface HubRequest {
  repo: string;
  hubUrl: string;
  fetch: typeof fetch;
  accessToken?: string;
}

/** Whether a download fetches this file: mlx-lm's own allow-list, minus `*.py` (we never fetch code we would not run). */
export function isWantedFile(filePath: string): boolean {
  return WANTED.some((pattern) => pattern.test(filePath));
}

const WANTED = [
  /\.json$/,
  /(^|\/)model[^/]*\.safetensors$/,
  /(^|\/)tokenizer\.model$/,
  /\.tiktoken$/,
  /\.txt$/,
  /\.jsonl$/,
  /\.jinja$/,
];
// Commits and git blob ids are sha1 hex; LFS ids are sha256 hex. Both become folder and file names.
const GIT_OID = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The commit sha a revision (the main branch unless told) points to now: we download exactly that commit. */
export async function resolveCommit(request: HubRequest & { revision?: string }): Promise<string> {
  const info = await modelInfo({
    name: request.repo,
    hubUrl: request.hubUrl,
    fetch: request.fetch,
    accessToken: request.accessToken,
    additionalFields: ["sha"],
    ...(request.revision && { revision: request.revision }),
  });
  if (typeof info.sha !== "string" || !GIT_OID.test(info.sha)) {
    throw new PolishError("hostile_repo", `The Hub answered an invalid commit for ${request.repo}.`);
  }
  return info.sha;
}

/** The files mlx-lm needs from that commit. Any path or id that could escape the cache refuses the whole repo. */
export async function listModelFiles(request: HubRequest & { revision: string }): Promise<HubFile[]> {
  const files = (await listRepoFiles(request)).filter((file) => isWantedFile(file.path));
  if (files.length === 0) {
    throw new PolishError("not_found", `${request.repo} has no model files at ${request.revision}.`);
  }
  return files;
}

/** Every file of that commit, wanted or not (`models add` reads what kind of repo it is from the names). */
export async function listRepoFiles(request: HubRequest & { revision: string }): Promise<HubFile[]> {
  const files: HubFile[] = [];
  for await (const entry of listFiles({
    repo: request.repo,
    revision: request.revision,
    recursive: true,
    hubUrl: request.hubUrl,
    fetch: request.fetch,
    accessToken: request.accessToken,
  })) {
    if (entry.type !== "file") continue;
    checkPath(request.repo, entry.path);
    files.push(toHubFile(request.repo, entry));
  }
  return files;
}

/**
 * A small text file of that commit (a config), read whole into memory; undefined when the repo has none.
 * Refused beyond `maxBytes`, so a hostile repo cannot make us read a weight file as a config.
 */
export async function readHubTextFile(
  request: HubRequest & { revision: string; path: string; maxBytes: number },
): Promise<string | undefined> {
  const blob = await downloadFile({
    repo: request.repo,
    path: request.path,
    revision: request.revision,
    hubUrl: request.hubUrl,
    fetch: request.fetch,
    accessToken: request.accessToken,
    xet: false,
  });
  if (!blob) return undefined;
  if (blob.size > request.maxBytes) {
    throw new PolishError(
      "hostile_repo",
      `${request.repo}'s ${request.path} is too large to be a config (${blob.size} bytes).`,
    );
  }
  return blob.text();
}

function toHubFile(repo: string, entry: ListFileEntry): HubFile {
  const size = entry.lfs?.size ?? entry.size;
  const blobName = (entry.lfs ? entry.lfs.oid : entry.oid) ?? "";
  const valid = entry.lfs ? SHA256.test(blobName) : GIT_OID.test(blobName);
  if (!valid || !Number.isSafeInteger(size) || size < 0) {
    throw new PolishError(
      "hostile_repo",
      `The Hub listed ${JSON.stringify(entry.path)} in ${repo} with an invalid id or size.`,
    );
  }
  return { path: entry.path, size, blobName, digest: entry.lfs ? "sha256" : "git-sha1" };
}

function checkPath(repo: string, filePath: string): void {
  const segments = filePath.split("/");
  const hostile =
    filePath.length === 0 ||
    filePath.length > 1000 ||
    /[\\\0]/.test(filePath) ||
    /^[a-zA-Z]:/.test(filePath) ||
    segments.some((segment) => segment === "" || segment === "." || segment === "..");
  if (hostile) {
    throw new PolishError(
      "hostile_repo",
      `Refusing ${repo}: the Hub listed a file path outside the repository (${JSON.stringify(filePath.slice(0, 200))}).`,
    );
  }
}
