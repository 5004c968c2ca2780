import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".stack/", "test/support/reporter.cjs", "eslint.config.js"] },
  ...tseslint.configs.recommended,
  {
    // web/ has its own tsconfig (DOM, JSX); the project service finds it.
    files: ["**/*.ts", "web/**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Every router is strict and case-sensitive: made by newRouter (src/infra/http/router.ts), never by hand.
    files: ["src/**/*.ts", "test/**/*.ts"],
    ignores: ["src/infra/http/router.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='@koa/router']:not([importKind='type'])",
          message: "Make routers with newRouter() from src/infra/http/router.ts (strict, case-sensitive); see docs/security.md.",
        },
      ],
    },
  },
  {
    // The domain is pure: no runtime, transport or storage libraries, no I/O.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@dapr/*", "koa", "@koa/*", "mongoose", "pino", "jose", "node:*", "../*"], message: "src/domain is pure: keep Dapr, Koa, mongoose and I/O out of it." },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: domain ← events ← infra ← actors / api /
    // subscribers ← roles ← main. The lower layers never reach up.
    files: ["src/events/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["../infra/*", "../actors/*", "../api/*", "../subscribers/*", "../notifications/*", "../mcp/*", "../roles.js", "../app.js", "../main.js"], message: "src/events sits on the domain only." }] }],
    },
  },
  {
    files: ["src/infra/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/actors/*", "**/api/*", "**/subscribers/*", "**/notifications/*", "**/mcp/*", "**/src/roles.js", "../roles.js", "../../roles.js", "../app.js", "../../app.js", "../main.js", "../../main.js"], message: "src/infra sits below actors, the API and the subscribers: move the shared helper down instead." }] }],
    },
  },
  {
    files: ["src/actors/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/api/*", "../roles.js", "../app.js", "../main.js"], message: "actors do not import from the API layer (or above): move the shared helper down to src/events or src/infra." }] }],
    },
  },
);
