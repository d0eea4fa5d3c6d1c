// Who may tap: the subjects bound to viz's tap-admin ClusterRole. Nobody else is bound by this program.
import type { ConfigReader } from "../config/reader.ts";
import { dns1123LabelProblem, dns1123SubdomainProblem } from "../config/rules/kubernetes.ts";

export const TAP_ADMIN_KINDS = ["User", "Group", "ServiceAccount"] as const;

export interface TapAdmin {
    kind: (typeof TAP_ADMIN_KINDS)[number];
    name: string;
    /** ServiceAccounts only. */
    namespace?: string;
}

export function parseTapAdmins(reader: ConfigReader): TapAdmin[] {
    const admins: TapAdmin[] = [];
    for (const entry of reader.list("tapAdmins")) {
        const match = /^([A-Za-z]+):(.+)$/.exec(entry);
        const kind = match?.[1] as TapAdmin["kind"] | undefined;
        if (!match || !kind || !TAP_ADMIN_KINDS.includes(kind) || /[\u0000-\u001f]/.test(match[2])) {
            reader.problem(
                "tapAdmins",
                `"${entry}" is not <kind>:<name> with a kind among ${TAP_ADMIN_KINDS.join(", ")} (e.g. Group:platform-team, ` +
                    `User:alice@example.com, ServiceAccount:ops/tap-bot).`,
            );
            continue;
        }
        if (kind !== "ServiceAccount") {
            admins.push({ kind, name: match[2] });
            continue;
        }
        const [namespace, name, extra] = match[2].split("/");
        if (
            !namespace ||
            !name ||
            extra !== undefined ||
            dns1123LabelProblem(namespace) ||
            dns1123SubdomainProblem(name)
        ) {
            reader.problem("tapAdmins", `"${entry}": a ServiceAccount is written ServiceAccount:<namespace>/<name>.`);
            continue;
        }
        admins.push({ kind, namespace, name });
    }
    return admins;
}
