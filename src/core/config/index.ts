// Where things live on disk and on the network, and which Mac this is: read by every other concern.
export * from "./paths";
export * from "./platform";
export * from "./can-run-helper";
export * from "./store-options";
