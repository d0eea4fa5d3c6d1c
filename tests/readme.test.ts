// The README is the front door: its tables render (every row has its header's columns), its
// contents link to real headings, its configuration reference matches Pulumi.yaml key by key, and
// the versions and commands it states are the ones the code and CI use.
import * as assert from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { marked, type Tokens } from "marked";
import { parse } from "yaml";
import { DEFAULT_CHART_VERSION, LINKERD_RELEASES } from "../components/charts/releases.ts";
import { MINIMUM_PULUMI_CLI } from "../components/program/run.ts";
import { BEGIN, configReference, END } from "../scripts/config-reference.ts";
import { NODE_FLOOR } from "../scripts/node-version.mjs";
import { ROOT } from "./support/harness.ts";

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The cells of a markdown table line, split on unescaped pipes. */
function cells(line: string): string[] {
    const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
    return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

function tables(markdown: string): Tokens.Table[] {
    const found: Tokens.Table[] = [];
    void marked.walkTokens(marked.lexer(markdown), (token) => {
        if (token.type === "table") {
            found.push(token as Tokens.Table);
        }
    });
    return found;
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
    return heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, "")
        .trim()
        .replace(/\s/g, "-");
}

function section(markdown: string, begin: string, end: string): string {
    const start = markdown.indexOf(begin);
    const stop = markdown.indexOf(end);
    assert.ok(start >= 0 && stop > start, `README lacks ${begin}`);
    return markdown.slice(start + begin.length, stop);
}

describe("README", () => {
    it("has tables that render: every row has as many cells as its header", () => {
        const all = tables(README);
        assert.ok(all.length >= 8, `${all.length} tables`);
        for (const table of all) {
            const lines = table.raw.trim().split("\n");
            const width = cells(lines[0]).length;
            for (const line of lines.slice(1)) {
                assert.strictEqual(
                    cells(line).length,
                    width,
                    `a row of a ${width}-column table: ${line.slice(0, 120)}`,
                );
            }
            assert.strictEqual(table.header.length, width);
        }
    });

    it("links every entry of its contents to a heading", () => {
        const headings = new Set<string>();
        void marked.walkTokens(marked.lexer(README), (token) => {
            if (token.type === "heading") {
                headings.add(slug((token as Tokens.Heading).text));
            }
        });
        const contents = section(README, "## Contents", "## Quickstart");
        const anchors = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
        assert.ok(anchors.length >= 10);
        for (const anchor of anchors) {
            assert.ok(headings.has(anchor), `#${anchor} is no heading`);
        }
        for (const match of README.matchAll(/\]\(#([^)]+)\)/g)) {
            assert.ok(headings.has(match[1]), `link #${match[1]} is no heading`);
        }
    });

    it("describes every key of Pulumi.yaml in its configuration reference, as Pulumi.yaml declares it", () => {
        const rowsOf = (markdown: string) =>
            tables(markdown).flatMap((t) =>
                t.raw
                    .trim()
                    .split("\n")
                    .slice(2)
                    .map((line) => cells(line).map((c) => c.replace(/\s+/g, " "))),
            );
        const inReadme = rowsOf(section(README, BEGIN, END));
        const generated = rowsOf(section(configReference(), BEGIN, END));
        assert.deepStrictEqual(inReadme, generated, "run npm run docs");
        const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        const keys = inReadme.map((row) => row[0].replace(/`/g, ""));
        assert.deepStrictEqual([...keys].sort(), Object.keys(project.config).sort());
        assert.strictEqual(new Set(keys).size, keys.length, "each key once");
    });

    it("states the versions the code enforces", () => {
        assert.match(
            README,
            new RegExp(`Node\\.js\\s*\\|\\s*${NODE_FLOOR.replace(/\.0$/, "").replace(/\./g, "\\.")} or newer`),
        );
        assert.match(README, new RegExp(`Pulumi CLI\\s*\\|\\s*${MINIMUM_PULUMI_CLI.replace(/\./g, "\\.")} or newer`));
        assert.match(README, new RegExp(`The default pin is ${DEFAULT_CHART_VERSION.replace(/\./g, "\\.")}`));
        for (const [version, release] of Object.entries(LINKERD_RELEASES)) {
            const window = `${release.gatewayApi.oldest} to ${release.gatewayApi.newest} with ${version}`;
            assert.ok(README.includes(window), window);
        }
        const workflow = fs.readFileSync(path.join(ROOT, ".github", "workflows", "pulumi.yml"), "utf8");
        assert.match(workflow, new RegExp(`PULUMI_VERSION: ${MINIMUM_PULUMI_CLI.replace(/\./g, "\\.")}\\b`));
    });

    it("gives the test command CI runs, and the one-command setup", () => {
        const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
        assert.match(README, /bash \.ci\/run/);
        assert.match(README, /npm ci && npm run lint && npm test/);
        for (const command of ["npm ci", "npm run lint", "npm test"]) {
            assert.ok(ci.includes(`\n${command}`), `.ci/run runs ${command}`);
        }
        const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: object })
            .scripts;
        for (const script of ["test", "lint", "bench", "build", "docs"]) {
            assert.ok(script in scripts, script);
        }
    });

    it("records benchmark figures", () => {
        const figures = section(README, "<!-- bench:begin -->", "<!-- bench:end -->");
        assert.match(figures, /essential floor/);
        assert.match(figures, /\d+ ms/);
    });

    it("names only files that exist", () => {
        for (const match of README.matchAll(/`((?:examples|components|tests|scripts)\/[\w./-]+)`/g)) {
            const file = match[1].replace(/\/$/, "");
            if (file.includes("*")) {
                continue;
            }
            assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} does not exist`);
        }
    });
});
