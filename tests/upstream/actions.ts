// The newest major version of each GitHub Action the workflow uses, as of this project's last
// check (the tags of each repository's default branch, read 2026-12-01).
export const ACTION_MAJORS: Readonly<Record<string, { major: number; source: string }>> = {
    "actions/checkout": { major: 7, source: "github.com/actions/checkout tags: v7, v7.0.0, v7.0.1 (2026-07)" },
    "actions/setup-node": { major: 7, source: "github.com/actions/setup-node tags: v7, v7.0.0 (2026-08)" },
    "actions/setup-go": { major: 7, source: "github.com/actions/setup-go tags: v7, v7.0.0" },
    "pulumi/actions": {
        major: 7,
        source: "github.com/pulumi/actions tags: v7, v7.0.0 (2026-07); its README: `command` mode sets every stack output as a step output (src/main.ts core.setOutput)",
    },
};
