/**
 * One `downloadModel` in a process of its own, for tests that SIGKILL a download: argv[2] is the JSON of its
 * params; each progress event is printed as a JSON line.
 */
import { downloadModel, type DownloadModelParams } from "../../src/core/store/download-model";

const params = JSON.parse(process.argv[2]) as DownloadModelParams;
void downloadModel({
  ...params,
  onProgress: (progress) => process.stdout.write(`${JSON.stringify(progress)}\n`),
}).then(
  () => process.stdout.write('{"done":true}\n'),
  (error: Error) => process.stdout.write(`${JSON.stringify({ error: error.message })}\n`),
);
