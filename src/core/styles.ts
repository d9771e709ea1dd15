/** The rewrite styles. Their prompts live with the prompt builder; this is the list people choose from. */
export const STYLES = [
  { id: "clean-up", title: "Clean Up" },
  { id: "formal", title: "Formal" },
  { id: "casual", title: "Casual" },
  { id: "concise", title: "Concise" },
  { id: "email", title: "Email" },
  { id: "bullet-list", title: "Bullet List" },
] as const;

export type StyleId = (typeof STYLES)[number]["id"];

export const DEFAULT_STYLE_ID: StyleId = "clean-up";
