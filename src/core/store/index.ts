// The model store: the Hugging Face cache layout, model state, downloads and deletes.
export * from "./format-bytes";
export * from "./model-state";
export * from "./download-model";
export * from "./background-download";
export * from "./cancel-download";
export * from "./delete-model";
export * from "./verify-model";
export * from "./free-disk-space";
export * from "./custom-model";
