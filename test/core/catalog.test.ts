import manifest from "../../package.json";
import {
  CATALOG,
  CUSTOM_MODEL_PREFERENCE,
  DEFAULT_MODEL_ID,
  DEFAULT_STYLE_ID,
  STYLES,
  findModel,
  memoryFit,
  modelPageUrl,
} from "../../src/core";

const modelPreference = manifest.preferences.find((preference) => preference.name === "model")!;

describe("the model catalogue", () => {
  it("offers exactly the models the Model preference lists, in the same order, then the custom one", () => {
    const [custom, ...catalog] = [...modelPreference.data!].reverse();
    expect(catalog.reverse().map((entry) => [entry.value, entry.title])).toEqual(
      CATALOG.map((model) => [model.id, model.title]),
    );
    expect(custom.value).toBe(CUSTOM_MODEL_PREFERENCE);
  });

  it("defaults to Qwen 3 1.7B in both places", () => {
    expect(DEFAULT_MODEL_ID).toBe("qwen3-1.7b");
    expect(modelPreference.default).toBe(DEFAULT_MODEL_ID);
    expect(findModel(DEFAULT_MODEL_ID).repo).toBe("mlx-community/Qwen3-1.7B-4bit");
  });

  it("has unique ids and repos, and a 4-bit MLX conversion for each", () => {
    expect(new Set(CATALOG.map((model) => model.id)).size).toBe(CATALOG.length);
    expect(new Set(CATALOG.map((model) => model.repo)).size).toBe(CATALOG.length);
    for (const model of CATALOG) expect(model.repo).toMatch(/^mlx-community\/.+-4bit$/);
  });

  it("needs more memory than it downloads, for every model", () => {
    for (const model of CATALOG) expect(model.ramBytes).toBeGreaterThan(model.downloadBytes);
  });

  it("names the known ids when asked for an unknown one", () => {
    expect(() => findModel("llama-70b")).toThrow(/Unknown model "llama-70b".*qwen3-1\.7b/);
  });
});

describe("the styles", () => {
  it("are exactly the ones the Style preference lists, Clean Up first and by default", () => {
    const stylePreference = manifest.preferences.find((preference) => preference.name === "style")!;
    expect(stylePreference.data!.map((entry) => [entry.value, entry.title])).toEqual(
      STYLES.map((style) => [style.id, style.title]),
    );
    expect(stylePreference.default).toBe(DEFAULT_STYLE_ID);
  });
});

describe("what Manage Local Models shows of a model", () => {
  const GB = 1024 ** 3;

  test("a model fits when it needs at most three quarters of the Mac's memory", () => {
    expect(memoryFit(6.5 * GB, 8 * GB)).toEqual({ fits: false, totalBytes: 8 * GB, usableBytes: 6 * GB });
    expect(memoryFit(6 * GB, 8 * GB).fits).toBe(true);
    expect(memoryFit(findModel("qwen3-4b").ramBytes, 16 * GB).fits).toBe(true);
  });

  test("Open on Hugging Face goes to the model's page, on the mirror when HF_ENDPOINT names one", () => {
    const saved = process.env.HF_ENDPOINT;
    try {
      delete process.env.HF_ENDPOINT;
      expect(modelPageUrl(findModel("qwen3-1.7b"))).toBe("https://huggingface.co/mlx-community/Qwen3-1.7B-4bit");
      process.env.HF_ENDPOINT = "https://hf-mirror.example/";
      expect(modelPageUrl(findModel("qwen3-1.7b"))).toBe("https://hf-mirror.example/mlx-community/Qwen3-1.7B-4bit");
    } finally {
      if (saved === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = saved;
    }
  });
});
