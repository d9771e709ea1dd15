import ManageModels from "../src/manage-models";
import PolishSelection from "../src/polish-selection";
import { CATALOG } from "../src/core";
import { resetRaycast } from "./mocks/raycast-api";
import { render } from "./support/render";

beforeEach(() => resetRaycast({ model: "qwen3-1.7b" }));

describe("the commands render through the Raycast mock", () => {
  it("Manage Local Models lists every catalogue model", async () => {
    const screen = await render(<ManageModels />);
    expect(screen.items().map((item) => item.props.title)).toEqual(CATALOG.map((model) => model.title));
    await screen.unmount();
  });

  it("Polish Selected Text renders a Detail view", async () => {
    const screen = await render(<PolishSelection />);
    expect(typeof screen.one("Detail").props.markdown).toBe("string");
    await screen.unmount();
  });
});
