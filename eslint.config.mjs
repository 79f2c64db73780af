// Lint: type-aware TypeScript rules, React hooks rules, and the boundaries between the layers
// (DESIGN.md): pages and components never reach the database, client code never imports server code.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

// Types (table rows, enums) may cross; runtime values may not.
const DATABASE_IMPORTS = {
  patterns: [
    {
      group: [
        "kysely",
        "kysely/*",
        "mysql2",
        "mysql2/*",
        "better-sqlite3",
        "@/server/db",
        "@/server/db/*",
        "**/server/db",
        "**/server/db/*",
      ],
      allowTypeImports: true,
      message: "Pages and components read data through tRPC callers or domain functions, never the database.",
    },
  ],
};

/** A client component ("use client") ships to the browser: it may import types from server/, never values. */
const boundaries = {
  rules: {
    "no-server-values-in-client": {
      meta: { type: "problem", schema: [], messages: { server: "Client components may import only types from server/ ('{{source}}')." } },
      create(context) {
        const body = context.sourceCode.ast.body;
        if (!body.some((n) => n.type === "ExpressionStatement" && n.directive === "use client")) return {};
        return {
          ImportDeclaration(node) {
            const source = String(node.source.value);
            if (!/^(@\/server(\/|$)|(\.\.\/)+server(\/|$))/.test(source) || node.importKind === "type") return;
            const values = node.specifiers.filter((s) => s.type !== "ImportSpecifier" || s.importKind !== "type");
            if (node.specifiers.length === 0 || values.length > 0) context.report({ node, messageId: "server", data: { source } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "data/**",
      "test-reports/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/await-thenable": "error",
      // Prettier wraps code at 140 columns but never splits a string: a long sentence may stay on its line.
      "max-len": ["error", { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='execute'][callee.object.callee.property.name='transaction']",
          message: "Open transactions with transact() from server/db/transact: it retries deadlocks and lock-wait timeouts.",
        },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        Headers: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    // The classic hooks rules. The React Compiler rules of the plugin's "latest" preset (purity, refs,
    // set-state-in-effect) flag Date.now() in server components and effects that sync props into state;
    // Mayak does not use the compiler, so they would be noise here.
    plugins: { "react-hooks": reactHooks, boundaries },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-restricted-imports": ["error", DATABASE_IMPORTS],
      "boundaries/no-server-values-in-client": "error",
    },
  },
  {
    // Migrations are frozen in time and typed Kysely<any> (STYLE.md); the dialect helpers build queries whose
    // tables and columns are only known at run time.
    files: ["server/db/migrations/**", "server/db/dialect.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Playwright reads a fixture's dependencies from the destructuring pattern: one with none is `{}`.
    files: ["e2e/**"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    // Tests may open transactions directly to stage conflicts and rollbacks.
    files: ["**/*.test.ts", "tests/**", "e2e/**", "server/db/transact.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
);
