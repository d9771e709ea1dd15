import { readFile } from "node:fs/promises";
import { PolishError } from "../errors";
import { parseVocabulary, VocabularyError, type VocabularyEntry } from "./parse-vocabulary";

/** The environment variable the CLI and `serve` read a vocabulary file's path from when `--vocabulary` is absent. */
export const VOCABULARY_ENV = "MLX_POLISH_VOCABULARY";

/**
 * Reads a vocabulary file (one entry a line, see `parseVocabulary`). A file that cannot be read or holds a
 * line it cannot use is a `bad_input` error naming the file and the line (the `VocabularyError` is its cause).
 */
export async function readVocabularyFile(filePath: string): Promise<VocabularyEntry[]> {
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "there is no such file" : code === "EISDIR" ? "it is a folder" : String(error);
    throw new PolishError("bad_input", `Cannot read the vocabulary file ${filePath}: ${why}.`, { cause: error });
  }
  try {
    return parseVocabulary(text);
  } catch (error) {
    if (!(error instanceof VocabularyError)) throw error;
    throw new PolishError("bad_input", `Vocabulary file ${filePath}: ${error.message}`, { cause: error });
  }
}
