// The model store: the Hugging Face cache layout, model state, downloads and deletes.
export * from "./format-bytes";
export * from "./model-state";
export * from "./get-model-state";
export * from "./get-model-states";
export * from "./download-model";
export * from "./cancel-download";
export * from "./delete-model";
export { readyModelPath } from "./ready-model-path";
