import tseslint from "typescript-eslint";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import regexp from "eslint-plugin-regexp";

/** The layers every app may import. */
const SHARED = ["domain", "events", "infra", "http", "telemetry", "actors"];

/** A zone: files in src/<folder> may import from src/ only <folder> itself and `allowed`. */
function layer(folder, allowed, message) {
  return { target: `./src/${folder}`, from: "./src", except: [`./${folder}`, ...allowed.map((a) => `./${a}`)], message };
}

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".stack/", "test/support/reporter.cjs", "eslint.config.js"] },
  ...tseslint.configs.recommended,
  // Every regex of the apps and the web app checked; catastrophic backtracking
  // everywhere, tests and scripts too: one crafted string must not stall a replica.
  { files: ["src/**/*.ts", "web/**/*.ts", "web/**/*.tsx"], ...regexp.configs["flat/recommended"] },
  {
    plugins: { regexp },
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },
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
    // Boundaries between the folders (resolved paths, so `../notifications` inside src/api means
    // the api's own feature). Shared layers, bottom up: domain, telemetry ← events ← infra ← http,
    // actors. The apps (src/api with its consumers in src/subscribers, src/audit, src/notifications)
    // import the shared layers and themselves, never each other; only src/app.ts, src/main.ts and
    // src/redrive*.ts see everything. Cycles: test/unit/importCycles.test.ts.
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createNodeResolver({ extensionAlias: { ".js": [".ts", ".js"] } })] },
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: [
            layer("domain", [], "src/domain is pure: it imports nothing of the rest of src."),
            layer("telemetry", [], "src/telemetry sits at the bottom: config is passed to it or read from the environment by it."),
            layer("events", ["domain"], "src/events sits on the domain only."),
            layer("infra", ["domain", "events", "telemetry"], "src/infra sits below http, the actors and the apps: move the shared helper down instead."),
            layer("http", ["domain", "events", "infra", "telemetry"], "src/http is shared by the three apps: it imports only the layers below it."),
            layer("actors", ["domain", "events", "infra", "telemetry"], "src/actors is shared: it imports only domain, events, infra and telemetry."),
            layer("api", ["subscribers", ...SHARED], "the api app imports the shared layers and its own consumers (src/subscribers), never another app."),
            layer("subscribers", SHARED, "src/subscribers (the api app's consumers) imports only the shared layers."),
            layer("audit", SHARED, "the audit app imports only the shared layers: reach another app through Dapr (src/infra/clients/)."),
            layer("notifications", SHARED, "the notifications app imports only the shared layers: reach another app through Dapr (src/infra/clients/)."),
          ],
        },
      ],
    },
  },
);
