// Durations in the two syntaxes the systems this program feeds accept:
// - Go's time.ParseDuration (Linkerd's flags, e.g. -identity-clock-skew-allowance): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`
//   with units ns, us (µs, μs), ms, s, m, h, or "0"; `1h0m`, `1.5s` and `.5m` are durations.
// - Prometheus's model.ParseDuration (scrape intervals): units y, w, d, h, m, s, ms in that order,
//   each at most once, integers only.
// tests/rules.test.ts compares the first with Go itself and the second with promtool.

const GO_UNITS: Record<string, bigint> = {
    ns: 1n,
    us: 1000n,
    "\u00b5s": 1000n,
    "\u03bcs": 1000n,
    ms: 1_000_000n,
    s: 1_000_000_000n,
    m: 60_000_000_000n,
    h: 3_600_000_000_000n,
};
const MAX_DURATION = (1n << 63n) - 1n;

/** Nanoseconds of a Go duration, or undefined when time.ParseDuration rejects it. */
export function parseGoDuration(text: string): bigint | undefined {
    let rest = text;
    let negative = false;
    if (rest[0] === "-" || rest[0] === "+") {
        negative = rest[0] === "-";
        rest = rest.slice(1);
    }
    if (rest === "0") {
        return 0n;
    }
    if (rest === "") {
        return undefined;
    }
    let total = 0n;
    while (rest !== "") {
        const term = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
        const [matched, whole, fraction] = term;
        if (whole === "" && (fraction === undefined || fraction === "")) {
            return undefined; // no digits before the unit (".s", "s")
        }
        rest = rest.slice(matched.length);
        const unitLength = rest.search(/[.0-9]/);
        const unit = unitLength === -1 ? rest : rest.slice(0, unitLength);
        if (unit === "" || !(unit in GO_UNITS)) {
            return undefined;
        }
        rest = rest.slice(unit.length);
        const value = termValue(whole, fraction ?? "", GO_UNITS[unit]);
        if (value === undefined) {
            return undefined;
        }
        total += value;
        if (total > 1n << 63n) {
            return undefined;
        }
    }
    if (!negative && total > MAX_DURATION) {
        return undefined;
    }
    return negative ? -total : total;
}

/** One `<digits>[.<digits>]<unit>` term in nanoseconds, as Go rounds it (fractions truncate). */
function termValue(whole: string, fraction: string, unit: bigint): bigint | undefined {
    const integer = BigInt(whole || "0");
    if (integer > (1n << 63n) / unit) {
        return undefined;
    }
    let value = integer * unit;
    if (fraction !== "") {
        // leadingFraction keeps at most the digits that fit; float math truncated, as Go does it.
        const digits = fraction.slice(0, 18);
        value += BigInt(Math.floor(Number(digits) * (Number(unit) / 10 ** digits.length)));
    }
    return value > 1n << 63n ? undefined : value;
}

const PROMETHEUS_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const PROMETHEUS_UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Milliseconds of a Prometheus duration, or undefined when Prometheus rejects it ("0" is valid). */
export function parsePrometheusDuration(text: string): number | undefined {
    if (text === "0") {
        return 0;
    }
    const match = PROMETHEUS_DURATION.exec(text);
    if (!match || text === "") {
        return undefined;
    }
    return match.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * PROMETHEUS_UNIT_MS[i] : 0), 0);
}
