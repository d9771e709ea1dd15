// The helper's Python runtime, set up on the user's Mac from hash-pinned locks (docs/runtime.md).
// Its pins and layout live in ../config (the helper finds a runtime without importing its set-up);
// this door still answers for them.
export {
  HELPER_SOURCE_DIR,
  LOCK_PYTHON_VERSION,
  LOCK_TARGETS,
  RUNTIME_ASSETS_DIR,
  RUNTIME_MARKER_FILE,
  RUNTIME_MIN_FREE_BYTES,
  RUNTIME_PYTHON_REQUEST,
  UV_VERSION,
  UV_WHEELS,
  defaultAssetsDirs,
  findRuntime,
  helperSourcePath,
  lockFileName,
  readRuntime,
  readRuntimeLock,
  readyRuntimes,
  runtimeAssetsDir,
  runtimeDir,
  runtimePlatform,
  runtimeRoot,
  uvBinaryPath,
  venvPython,
  type PinnedWheel,
  type ReadyRuntime,
  type RuntimeLock,
  type RuntimeMarker,
  type RuntimePlatform,
} from "../config";
export * from "./install-uv";
export * from "./setup-runtime";
export * from "./get-runtime-status";
export * from "./describe-setup-progress";
