// The user's rules "app → style": the style a polish takes from the app in front.
export * from "./app-styles";
