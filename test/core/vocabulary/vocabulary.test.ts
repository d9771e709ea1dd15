import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { acceptRewrite, readVocabularyFile, VocabularyError } from "../../../src/core";

describe("a vocabulary file", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), "mlx-polish-vocabulary-"));
  });

  it("reads one entry a line, skipping blank lines and comments", async () => {
    const file = path.join(folder, "words.txt");
    await writeFile(file, "# names\nJon\n\npost gress -> Postgres\r\nkuber netties → Kubernetes\n");
    expect(await readVocabularyFile(file)).toEqual([
      { written: "Jon" },
      { heard: "post gress", written: "Postgres" },
      { heard: "kuber netties", written: "Kubernetes" },
    ]);
  });

  it("refuses a line it cannot use with a bad-input error naming the file and the line", async () => {
    const file = path.join(folder, "broken.txt");
    await writeFile(file, "Jon\n\npost gress ->\n");
    const error = await readVocabularyFile(file).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "bad_input",
      message: `Vocabulary file ${file}: Line 3 needs words on both sides of "->".`,
    });
    expect((error as Error).cause).toBeInstanceOf(VocabularyError);
    expect(((error as Error).cause as VocabularyError).line).toBe(3);
  });

  it("says when the file is missing or a folder", async () => {
    await expect(readVocabularyFile(path.join(folder, "none.txt"))).rejects.toThrow(/there is no such file/);
    await expect(readVocabularyFile(folder)).rejects.toThrow(/it is a folder/);
  });
});

describe("the guard with a vocabulary", () => {
  const vocabulary = [{ heard: "post gress", written: "Postgres" }];

  it("accepts a vocabulary replacement as an allowed edit, which it refuses without the vocabulary", () => {
    const rewrite = {
      input: "we moved to post gress on friday",
      output: "We moved to Postgres on Friday.",
      style: "clean-up",
    } as const;
    expect(acceptRewrite({ ...rewrite, vocabulary }).outcome).toBe("polished");
    expect(acceptRewrite(rewrite).outcome).toBe("unfaithful");
  });

  it("still refuses a changed fact next to a replacement", () => {
    const accepted = acceptRewrite({
      input: "we moved to post gress on friday",
      output: "We moved to Postgres on Monday.",
      style: "clean-up",
      vocabulary,
    });
    expect(accepted.outcome).toBe("unfaithful");
  });
});
