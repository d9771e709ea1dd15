import { helperError } from "../../../src/core/helper/helper-connection";
import type { HelperErrorCode } from "../../../src/core";

describe("the helper's error codes", () => {
  it.each<[HelperErrorCode, string]>([
    ["model_not_found", "model_not_downloaded"],
    ["model_corrupt", "model_corrupt"],
    ["unsupported_model", "load_failed"],
    ["out_of_memory", "out_of_memory"],
    ["busy", "busy"],
    ["cancelled", "cancelled"],
    ["bad_request", "internal"],
    ["internal", "internal"],
  ])("%s becomes %s, keeping the helper's message", (code, expected) => {
    const error = helperError(code, `why ${code}`);
    expect(error).toMatchObject({ code: expected, message: `why ${code}` });
  });
});
