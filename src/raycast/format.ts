import { formatBytes, type DownloadProgress } from "../core";

/** "1 min left", "45 s left", "2 h left": as coarse as people read an estimate. */
export function formatEta(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  return `${(seconds / 3600).toFixed(1)} h left`;
}

export function formatPercent(done: number, total: number): string {
  return `${total > 0 ? Math.floor((done / total) * 100) : 0}%`;
}

/** "42% · 12 MB/s · 1 min left" (speed and estimate once known). */
export function formatProgress(progress: DownloadProgress): string {
  const parts = [formatPercent(progress.downloadedBytes, progress.totalBytes)];
  if (progress.bytesPerSecond > 0) parts.push(`${formatBytes(progress.bytesPerSecond)}/s`);
  if (progress.etaSeconds !== undefined) parts.push(formatEta(progress.etaSeconds));
  return parts.join(" · ");
}

/** "0.8 s" for a duration in milliseconds. */
export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
