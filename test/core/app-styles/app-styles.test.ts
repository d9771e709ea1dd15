import { parseAppStyles, styleForApp } from "../../../src/core";

describe("App Styles rules", () => {
  const rules = parseAppStyles("Slack=casual; com.apple.mail = Email;\nCode=Clean Up;;");

  it("reads App=Style rules separated by ; or line breaks, styles by id or title in any case", () => {
    expect(rules).toEqual([
      { app: "Slack", style: "casual" },
      { app: "com.apple.mail", style: "email" },
      { app: "Code", style: "clean-up" },
    ]);
    expect(parseAppStyles("  ")).toEqual([]);
  });

  it("matches the app in front by bundle id or name, in any case, and names the app as Raycast does", () => {
    expect(styleForApp(rules, { name: "Mail", bundleId: "com.apple.mail" })).toEqual({ style: "email", app: "Mail" });
    expect(styleForApp(rules, { name: "slack", bundleId: "com.tinyspeck.slackmacgap" })).toEqual({
      style: "casual",
      app: "slack",
    });
    expect(styleForApp(rules, { name: "Xcode", bundleId: "com.apple.dt.Xcode" })).toBeUndefined();
    expect(styleForApp(rules, undefined)).toBeUndefined();
  });

  it.each([
    ["Slack casual", /"Slack casual" is not a rule; write App=Style/],
    ["=casual", /"=casual" is not a rule/],
    ["Slack=", /"Slack=" is not a rule/],
    ["Slack=casual=formal", /"Slack=casual=formal" is not a rule/],
    ["Slack=pirate", /"Slack=pirate" names an unknown style "pirate"\. Styles: clean-up, formal, casual/],
    ["Slack=casual; slack=formal", /"slack" has two rules; keep one/],
  ])("refuses %j with a message naming the rule", (text, message) => {
    expect(() => parseAppStyles(text)).toThrow(message);
    try {
      parseAppStyles(text);
    } catch (error) {
      expect(error).toMatchObject({ code: "bad_input" });
    }
  });
});
