// Lint rules: typescript-eslint's recommended set, with `any` forbidden, and the walls between the
// project's parts (tests/lint/walls.spec.ts proves each wall rule fires on a crossing).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * A wall: the files it applies to may not import the named top-level folders of the repository
 * (`import`, `import type`, `export … from`, `import x = require(…)` and `require(…)` with a literal),
 * nor the package itself by a name that `self` (a regular expression) matches.
 * Relative paths are matched by folder name: no folder inside a walled part bears a forbidden name.
 */
function wall({ files, folders, self, message }) {
    const relative = `^(?:\\.\\.?/)+(?:[^/]+/)*(?:${folders.join("|")})(?:/|$)`;
    return {
        files,
        rules: {
            "@typescript-eslint/no-restricted-imports": ["error", {
                patterns: [
                    { regex: relative, caseSensitive: true, message },
                    { regex: self, caseSensitive: true, message },
                ],
            }],
            "no-restricted-syntax": ["error", {
                // esquery's regex literals cannot hold a slash, even escaped: \x2f stands for it.
                selector: `CallExpression[callee.name="require"] > Literal.arguments[value=/${`(?:${relative})|(?:${self})`.replaceAll("/", "\\x2f")}/]`,
                message,
            }],
        },
    };
}

export default tseslint.config(
    { ignores: ["node_modules/", "dist/", ".cache/", "**/*.js", "!scripts/link-self.js", "!scripts/prune-dist.js"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    wall({
        files: ["emulator/**/*.ts"],
        folders: ["provider", "sdk", "tests", "scripts", "examples"],
        self: "^pulumi-alicloud-renewal(?:/|$)",
        message: "Wall: the emulator stands alone; it may not import provider/, sdk/, tests/, scripts/ or examples/.",
    }),
    wall({
        files: ["provider/**/*.ts", "sdk/**/*.ts", "index.ts"],
        folders: ["emulator", "tests", "scripts", "examples"],
        self: "^pulumi-alicloud-renewal/(?:dist/)?emulator(?:/|$)",
        message: "Wall: production code (provider/, sdk/, index.ts) may not import emulator/, tests/, scripts/ or examples/.",
    }),
    {
        files: ["scripts/link-self.js", "scripts/prune-dist.js", ".mocharc.cjs"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly", __dirname: "readonly", module: "writable" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
