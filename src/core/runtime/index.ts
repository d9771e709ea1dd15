export * from "./runtime-pins";
export * from "./runtime-layout";
export * from "./install-uv";
export * from "./setup-runtime";
export * from "./get-runtime-status";
export * from "./describe-setup-progress";
