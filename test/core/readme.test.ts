import { readFileSync } from "node:fs";
import { README_PATH, modelsTable, readmeModelsTable, tableCells } from "../../scripts/readme-models";

describe("the README", () => {
  it("lists the supported models exactly as the catalogue has them (npm run readme:models)", () => {
    const readme = readFileSync(README_PATH, "utf8");
    expect(tableCells(readmeModelsTable(readme))).toEqual(tableCells(modelsTable()));
  });

  it("keeps the Quick start's two commands", () => {
    const readme = readFileSync(README_PATH, "utf8");
    expect(readme).toContain("npm install && npm run dev");
    expect(readme).toContain("npm test");
  });
});
