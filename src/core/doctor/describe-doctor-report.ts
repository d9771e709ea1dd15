import { formatBytes } from "../store";
import type { DoctorReport } from "./doctor-report";

/** The doctor report as an aligned block of `label  value` lines, for a person to read and paste. */
export function describeDoctorReport(report: DoctorReport): string {
  const { runtime, helper, lastFailure } = report;
  const rows: [string, string][] = [
    ["mlx-polish", report.version],
    ["os", `${report.os.platform} ${report.os.release} (${report.os.arch})`],
    ["chip", report.chip ?? "unknown"],
    ["memory", `${formatBytes(report.memory.totalBytes)} total, ${formatBytes(report.memory.freeBytes)} free`],
    [
      "python",
      report.python
        ? `${report.python.version ?? "unknown version"} (${report.python.path})`
        : "none (no Python runtime in use)",
    ],
    [
      "runtime",
      runtime.kind
        ? `${runtime.kind} at ${runtime.path}${runtime.kind === "runtime" ? (runtime.upToDate ? ", lock up to date" : ", lock out of date") : ""}`
        : "not set up (run `mlx-polish helper setup`)",
    ],
    ["lock", runtime.lock ?? "none"],
    ["expected lock", runtime.expectedLock ?? "none for this platform"],
    [
      "helper",
      `${helper.version}, ${helper.running ? `running (${helper.state}${helper.loadedModel ? `, ${helper.loadedModel} loaded` : ""})` : "not running"}`,
    ],
    ["socket", helper.socket],
    ...report.models.map((model, index): [string, string] => [
      index === 0 ? "models" : "",
      `${model.id.padEnd(16)} ${model.state.padEnd(15)} ${formatBytes(model.sizeOnDiskBytes)}${model.error ? `  ${model.error.code ?? ""} ${model.error.message}`.trimEnd() : ""}`,
    ]),
    ["hf cache", report.hfCache],
    ["hub", `${report.hub} (HF_TOKEN ${report.hfTokenSet ? "set" : "not set"})`],
    ["support dir", report.supportDir],
    [
      "free disk",
      report.disk.freeBytes === null ? "unknown" : `${formatBytes(report.disk.freeBytes)} (${report.disk.path})`,
    ],
    [
      "last failure",
      lastFailure
        ? `${lastFailure.at} ${lastFailure.what}: ${lastFailure.code}${lastFailure.message ? ` (${lastFailure.message})` : ""} [${lastFailure.source}]`
        : "none logged",
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`).join("\n");
}
