import os from "node:os";

/**
 * Metal lets the GPU wire about three quarters of a Mac's unified memory by default
 * (`recommendedMaxWorkingSetSize`); a model needing more than that swaps or fails to load.
 */
const GPU_SHARE = 0.75;

export interface MemoryFit {
  fits: boolean;
  totalBytes: number;
  usableBytes: number;
}

export function memoryFit(ramBytes: number, totalBytes = os.totalmem()): MemoryFit {
  const usableBytes = Math.floor(totalBytes * GPU_SHARE);
  return { fits: ramBytes <= usableBytes, totalBytes, usableBytes };
}
