// ESLint for the browser modules in static/js (run by scripts/test before pytest).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.browser },
    rules: { "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }] },
  },
  {
    files: ["static/js/prefs.js"],
    languageOptions: { sourceType: "script" },
  },
];
