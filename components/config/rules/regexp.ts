// Regular expressions that Linkerd compiles with Go's regexp package (RE2 syntax), checked with
// re2js, a port of RE2/J (itself a port of Go's regexp/syntax): it accepts exactly RE2's syntax
// and reports Go's own error messages. JavaScript's RegExp would accept lookarounds and
// backreferences that crash-loop the Go component, and reject Go's (?P<name>…) groups.
import { RE2JS } from "re2js";

/** Go's compile error for `pattern`, or undefined when Go's regexp accepts it. */
export function goRegexpProblem(pattern: string): string | undefined {
    try {
        RE2JS.compile(pattern);
        return undefined;
    } catch (error) {
        return `is not a Go (RE2) regular expression: ${(error as Error).message}`;
    }
}

/**
 * Whether a match of `pattern` must span the whole input: it starts with `^` (or `\A`) and ends
 * with an unescaped `$` (or `\z`), and no top-level `|` lets one branch escape either anchor.
 * Go's MatchString is unanchored, so a host check such as `example\.com` would also admit
 * `example.com.attacker.net`.
 */
export function anchoredAtBothEnds(pattern: string): boolean {
    const starts = pattern.startsWith("^") || pattern.startsWith("\\A");
    const ends =
        (pattern.endsWith("$") && !endsEscaped(pattern, 1)) || (pattern.endsWith("\\z") && !endsEscaped(pattern, 2));
    return starts && ends && !hasTopLevelAlternation(pattern);
}

/** Whether the last `length` characters are preceded by an odd number of backslashes. */
function endsEscaped(pattern: string, length: number): boolean {
    let backslashes = 0;
    for (let i = pattern.length - length - 1; i >= 0 && pattern[i] === "\\"; i--) {
        backslashes++;
    }
    return backslashes % 2 === 1;
}

function hasTopLevelAlternation(pattern: string): boolean {
    let depth = 0;
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "\\") {
            i++;
        } else if (inClass && c === "[" && pattern[i + 1] === ":") {
            const close = pattern.indexOf(":]", i + 2);
            i = close < 0 ? i : close + 1; // a POSIX class such as [:alpha:]
        } else if (inClass) {
            inClass = c !== "]";
        } else if (c === "[") {
            inClass = true;
            if (pattern[i + 1] === "]" || (pattern[i + 1] === "^" && pattern[i + 2] === "]")) {
                i += pattern[i + 1] === "^" ? 2 : 1; // a leading ] is literal
            }
        } else if (c === "(") {
            depth++;
        } else if (c === ")") {
            depth--;
        } else if (c === "|" && depth === 0) {
            return true;
        }
    }
    return false;
}
