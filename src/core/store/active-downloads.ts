/** Downloads running in this process, by model id, so `cancelDownload` stops them without waiting for a poll. */
export const activeDownloads = new Map<string, AbortController>();
