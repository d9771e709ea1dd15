import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { tinyModel } from "./support/tiny-model";

const python = path.resolve(__dirname, "..", "helper", ".venv", "bin", "python");

describe("tinyModel", () => {
  it.each(["qwen3", "gemma3"] as const)("gives a %s folder that mlx-lm loads and chats with", async (family) => {
    const folder = await tinyModel(family);
    const script = [
      "import sys, mlx_lm",
      "model, tokenizer = mlx_lm.load(sys.argv[1])",
      "messages = [{'role': 'user', 'content': 'so um hello'}]",
      "prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)",
      "mlx_lm.generate(model, tokenizer, prompt, max_tokens=3)",
      "print(type(model).__module__)",
      "print(repr(prompt))",
    ].join("\n");
    const { stdout } = await promisify(execFile)(python, ["-c", script, folder]);
    const [module, prompt] = stdout.trim().split("\n");
    if (family === "qwen3") {
      expect(module).toBe("mlx_lm.models.qwen3");
      expect(prompt).toBe(String.raw`'<|im_start|>user\nso um hello<|im_end|>\n<|im_start|>assistant\n'`);
    } else {
      expect(module).toBe("mlx_lm.models.gemma3_text");
      expect(prompt).toBe(String.raw`'<bos><start_of_turn>user\nso um hello<end_of_turn>\n<start_of_turn>model\n'`);
    }
  });

  it("makes each model once and then reuses the cached folder", async () => {
    const first = await tinyModel("qwen3");
    const before = await stat(path.join(first, "model.safetensors"));
    const second = await tinyModel("qwen3");
    expect(second).toBe(first);
    expect((await stat(path.join(second, "model.safetensors"))).mtimeMs).toBe(before.mtimeMs);
  });
});
