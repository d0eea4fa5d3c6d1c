// ESLint flat config: typescript-eslint's recommended rules, Pulumi's rules against Outputs in
// template literals, and a few correctness rules.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["node_modules/", "bin/", "lib/", "rendered/"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            curly: "error",
            eqeqeq: "error",
            "prefer-const": "error",
            "@typescript-eslint/no-floating-promises": "error",
        },
    },
    {
        // Tests navigate rendered chart values, whose shape is the chart's, not ours.
        files: ["tests/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
