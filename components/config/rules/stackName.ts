// Fully qualified stack names, `<organization>/<project>/<stack>`, as the Pulumi CLI accepts them
// (each part letters, digits, '-', '_' and '.'; for a self-managed backend the organization is
// "organization").

const PART = /^[A-Za-z0-9_.-]+$/;

export function stackNameProblem(value: string): string | undefined {
    const parts = value.split("/");
    if (parts.length !== 3 || !parts.every((part) => PART.test(part) && part !== "." && part !== "..")) {
        return (
            "is not a fully qualified stack name <organization>/<project>/<stack> (letters, digits, '-', '_' and '.'; " +
            'the organization of a self-managed backend is "organization")'
        );
    }
    return undefined;
}
