/**
 * The pinned facts the runtime set-up is built from, in one place: the uv wheel for each platform
 * (from PyPI, sha256 as PyPI publishes it), the lock file each platform installs, and the Pythons the
 * locks fit. `npm run lock:runtime` regenerates the locks; it takes uv from here too.
 */

export type RuntimePlatform = "macos-arm64" | "linux-x86_64";

export interface PinnedWheel {
  url: string;
  sha256: string;
  size: number;
}

/** uv, from its PyPI wheel (the binary is `uv-<version>.data/scripts/uv` inside). */
export const UV_VERSION = "0.13.8";

export const UV_WHEELS: Record<RuntimePlatform, PinnedWheel> = {
  "macos-arm64": {
    url: "https://files.pythonhosted.org/packages/84/46/deb3a1eb3020575e41d1f9840c07185761d8d4c25cd6f58e813afb017476/uv-0.13.8-py3-none-macosx_11_0_arm64.whl",
    sha256: "62b6943c7fd64fac6854f780bea6e0359e5a5bc3241f83ee357bb38276afac49",
    size: 14_483_721,
  },
  "linux-x86_64": {
    url: "https://files.pythonhosted.org/packages/c5/32/52ee34636aea1ab3f8baeeae1c3599461b8cddfb379862cc72ac61b8d91c/uv-0.13.8-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    sha256: "e18a57b8b352eb7c8feb317b9f6f533c8f0ad9673fd6cf34bbe3cf1a9f6a8984",
    size: 17_389_450,
  },
};

/** How each platform's lock is compiled (`uv pip compile` arguments beyond the inputs and hashes). */
export const LOCK_TARGETS: Record<
  RuntimePlatform,
  { pythonPlatform: string; extras: string[]; env: Record<string, string> }
> = {
  // mlx's macOS wheels start at macOS 14: without the deployment target the resolution fails.
  "macos-arm64": { pythonPlatform: "aarch64-apple-darwin", extras: [], env: { MACOSX_DEPLOYMENT_TARGET: "14.0" } },
  // mlx's Linux wheels are manylinux_2_35; `cpu` pulls mlx-cpu.
  "linux-x86_64": { pythonPlatform: "x86_64-manylinux_2_35", extras: ["cpu"], env: {} },
};

/** The Python the locks are compiled for, and the range a system Python must fall in to be used (numpy 2.4 needs 3.11). */
export const LOCK_PYTHON_VERSION = "3.11";
export const RUNTIME_PYTHON_REQUEST = ">=3.11,<3.14";

/** In the extension's assets: the locks, and the helper's Python source the runtime runs. */
export const RUNTIME_ASSETS_DIR = "runtime";
export const HELPER_SOURCE_DIR = "helper";
export function lockFileName(platform: RuntimePlatform): string {
  return `requirements-${platform}.txt`;
}

/**
 * Free space the set-up wants before it starts: the installed runtime (~0.6 GB on Linux, measured) plus
 * the downloaded wheels it is built from, with room to spare.
 */
export const RUNTIME_MIN_FREE_BYTES = 2 * 1024 ** 3;
