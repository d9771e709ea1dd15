// Where things live on disk and on the network, and which Mac this is: read by every other concern.
export * from "./paths";
export * from "./platform";
export * from "./can-run-helper";
export * from "./store-options";
// The helper's Python runtime: its pins and where a set-up one lives (set up by ../runtime, found by ../helper).
export * from "./runtime-pins";
export * from "./runtime-layout";
