export * from "./catalog";
export * from "./errors";
export * from "./find-model";
export * from "./format-bytes";
export * from "./platform";
export * from "./paths";
export * from "./model-state";
export * from "./styles";
