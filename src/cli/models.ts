import {
  addCustomModel,
  cancelDownload,
  deleteModel,
  downloadModel,
  findModel,
  formatBytes,
  getModelState,
  getModelStates,
  isModelBusy,
  removeCustomModel,
  verifyModel,
  type CustomModel,
  type DownloadProgress,
  type ModelState,
} from "../core";
import { cancelOnInterrupt } from "./interrupt";
import { reportFailure } from "./report-failure";
import { EXIT_CODES } from "./exit-codes";
import { HELP_OPTION, parseCommandArgs, printHelp, usageError } from "./parse-command-args";

const USAGE = `usage: mlx-polish models <list|status|download|verify|cancel|delete|add|remove> [ID|REPO] [--json]
  list [--json]            every model (the catalog's, then yours) with status, sizes and path
  status ID [--json]       one model
  download ID [--json]     download (resumes a partial one); progress on stderr, or JSON lines on stdout
  verify ID [--json]       re-hash every file against the Hub's checksums; damaged ones make the model
                           corrupt (exit 6) and the next download fetches only them
  cancel ID                cancel a download running in any process
  delete ID                delete a downloaded model
  add REPO [--revision REV] [--json]
                           add any MLX model on the Hub by repo id (org/name): reads its config first
                           and refuses what cannot run here (exit 9), fetching no weights; its id is
                           org--name, usable wherever a catalog id is
  remove ID                delete an added model's files and forget it
Environment: HF_ENDPOINT, HF_HUB_CACHE, HF_TOKEN, MLX_POLISH_SUPPORT_DIR.`;

/** `models`: the model store from the command line; stdout carries only results. */
export async function modelsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, revision: { type: "string" }, ...HELP_OPTION },
    },
    USAGE,
  );
  const [action, argument] = positionals;
  if (values.help) return printHelp(USAGE);
  if (action === "list") return list(values.json);
  if (action === "add" && argument) return add(argument, values.revision, values.json);
  if (values.revision !== undefined) return usageError(USAGE);
  if (!action || !["status", "download", "verify", "cancel", "delete", "remove"].includes(action) || !argument)
    return usageError(USAGE);
  // An added model answers to its repo too; everything below works with the id.
  const modelId = findModel(argument).id;
  if (action === "remove") return forget(modelId);
  if (action === "status") return status(modelId, values.json);
  if (action === "download") return download(modelId, values.json);
  if (action === "verify") return verify(modelId, values.json);
  if (action === "cancel") {
    const cancelled = await cancelDownload(modelId);
    process.stderr.write(cancelled ? `Canceled the download of ${modelId}.\n` : `${modelId} is not downloading.\n`);
    return EXIT_CODES.ok;
  }
  return remove(modelId);
}

async function list(json: boolean): Promise<number> {
  const summary = await getModelStates();
  if (json) {
    process.stdout.write(`${JSON.stringify(summary.models.map(toJson))}\n`);
    return EXIT_CODES.ok;
  }
  for (const state of summary.models) process.stdout.write(`${describe(state)}\n`);
  process.stdout.write(`${formatBytes(summary.usedBytes)} used by models, ${formatBytes(summary.freeBytes)} free\n`);
  return EXIT_CODES.ok;
}

async function status(modelId: string, json: boolean): Promise<number> {
  const state = await getModelState(modelId);
  process.stdout.write(json ? `${JSON.stringify(toJson(state))}\n` : `${describe(state)}\n`);
  return EXIT_CODES.ok;
}

async function download(modelId: string, json: boolean): Promise<number> {
  let lastLine = 0;
  const report = (progress: DownloadProgress) => {
    if (json) {
      process.stdout.write(`${JSON.stringify({ event: "progress", ...progress })}\n`);
    } else if (Date.now() - lastLine >= 1000 || progress.downloadedBytes === progress.totalBytes) {
      lastLine = Date.now();
      process.stderr.write(`${modelId}: ${describeProgress(progress)}\n`);
    }
  };
  try {
    // Ctrl-C (or a polite kill) cancels: the download stops and removes its partial files.
    const state = await cancelOnInterrupt((signal) => downloadModel({ modelId, signal, onProgress: report }));
    process.stdout.write(json ? `${JSON.stringify({ event: "done", ...toJson(state) })}\n` : `${describe(state)}\n`);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, json);
  }
}

async function verify(modelId: string, json: boolean): Promise<number> {
  try {
    // Ctrl-C stops between reads and marks nothing.
    const result = await cancelOnInterrupt((signal) =>
      verifyModel({
        modelId,
        signal,
        onFile: ({ path, index, count }) => {
          if (!json) process.stderr.write(`${modelId}: checking ${path} (${index + 1} of ${count})\n`);
        },
      }),
    );
    const { damagedFiles, checkedFiles } = result;
    if (json) {
      process.stdout.write(`${JSON.stringify({ ...toJson(result.state), checkedFiles, damagedFiles })}\n`);
    } else {
      process.stdout.write(`${describe(result.state)}\n`);
    }
    return damagedFiles.length > 0 ? EXIT_CODES.integrity : EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, false);
  }
}

async function remove(modelId: string): Promise<number> {
  try {
    const { freedBytes } = await deleteModel({ modelId, isModelBusy: (id) => isModelBusy(id) });
    process.stdout.write(`Deleted ${modelId}, freed ${formatBytes(freedBytes)}.\n`);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, false);
  }
}

async function add(repo: string, revision: string | undefined, json: boolean): Promise<number> {
  try {
    const model = await addCustomModel({ repo, revision });
    process.stdout.write(json ? `${JSON.stringify(addedJson(model))}\n` : `${describeAdded(model)}\n`);
    if (!json) process.stderr.write(`Download it with: mlx-polish models download ${model.id}\n`);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, json);
  }
}

async function forget(modelId: string): Promise<number> {
  try {
    const { freedBytes } = await removeCustomModel({ modelId, isModelBusy: (id) => isModelBusy(id) });
    process.stdout.write(`Removed ${modelId}, freed ${formatBytes(freedBytes)}.\n`);
    return EXIT_CODES.ok;
  } catch (error) {
    return reportFailure(error, false);
  }
}

function addedJson(model: CustomModel) {
  const { id, repo, title, parameters, downloadBytes, ramBytes, chatTemplate, custom } = model;
  return {
    id,
    repo,
    title,
    revision: custom.revision,
    commit: custom.commit,
    architecture: custom.architecture,
    quantizationBits: custom.quantizationBits ?? null,
    parameters,
    downloadBytes,
    ramBytes,
    chatTemplate,
  };
}

function describeAdded(model: CustomModel): string {
  const { custom } = model;
  const bits = custom.quantizationBits ? `${custom.quantizationBits}-bit` : "unquantized";
  const template = [
    model.chatTemplate.systemRole ? "system role" : "no system role",
    model.chatTemplate.thinksByDefault ? "thinks unless told not to" : "no thinking",
  ].join(", ");
  return (
    `Added ${model.id} (${model.repo} at ${custom.revision}, commit ${custom.commit.slice(0, 7)}): ` +
    `${custom.architecture}, ${bits}, ${model.parameters} parameters, ${formatBytes(model.downloadBytes)} to download, ` +
    `needs about ${formatBytes(model.ramBytes)} of memory; chat template: ${template}.`
  );
}

function toJson(state: ModelState) {
  const { status } = state;
  const downloadedBytes =
    status.kind === "downloading"
      ? status.progress.downloadedBytes
      : status.kind === "partial"
        ? status.downloadedBytes
        : state.sizeOnDiskBytes;
  return {
    id: state.model.id,
    repo: state.model.repo,
    title: state.model.title,
    custom: state.model.custom ? { revision: state.model.custom.revision, commit: state.model.custom.commit } : null,
    status: status.kind,
    sizeBytes: state.model.downloadBytes,
    downloadedBytes,
    sizeOnDiskBytes: state.sizeOnDiskBytes,
    path: status.kind === "ready" ? (state.path ?? null) : null,
    revision: state.revision ?? null,
    ...(status.kind === "downloading" && { progress: status.progress, pid: status.pid }),
    ...(status.kind === "partial" && { totalBytes: status.totalBytes }),
    ...(status.kind === "failed" && {
      error: { code: status.code, message: status.message, retryable: status.retryable },
    }),
    ...(status.kind === "corrupt" && { error: { message: status.message } }),
  };
}

function describe(state: ModelState): string {
  const { status } = state;
  const detail =
    status.kind === "downloading"
      ? describeProgress(status.progress)
      : status.kind === "partial"
        ? `${formatBytes(status.downloadedBytes)} of ${formatBytes(status.totalBytes)}, resumable`
        : status.kind === "failed" || status.kind === "corrupt"
          ? status.message
          : status.kind === "ready"
            ? `${formatBytes(state.sizeOnDiskBytes)} at ${state.path}`
            : `about ${formatBytes(state.model.downloadBytes)}`;
  const marker = state.model.custom ? " (custom)" : "";
  return `${state.model.id.padEnd(16)} ${status.kind.padEnd(15)} ${detail}${marker}`;
}

function describeProgress(progress: DownloadProgress): string {
  const percent = progress.totalBytes > 0 ? Math.floor((100 * progress.downloadedBytes) / progress.totalBytes) : 0;
  const eta = progress.etaSeconds === undefined ? "" : `, ${progress.etaSeconds} s left`;
  return `${percent}% (${formatBytes(progress.downloadedBytes)} of ${formatBytes(progress.totalBytes)}, ${formatBytes(progress.bytesPerSecond)}/s${eta})`;
}
