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
);
