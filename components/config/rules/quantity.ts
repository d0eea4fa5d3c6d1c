// Kubernetes resource quantities, parsed the way k8s.io/apimachinery's resource.ParseQuantity
// does (pkg/api/resource/quantity.go, parseQuantityString and the suffixer): an optional sign,
// digits with an optional fraction, then a binary-SI suffix (Ki…Ei), a decimal-SI suffix (n, u,
// m, k, M, G, T, P, E) or a decimal exponent (e3, E-2). `1e3`, `0.5`, `250Mi` and `.5` are
// quantities; `1 core` and `5MiB` are not. tests/rules.test.ts compares this with apimachinery.

const BINARY_SI: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};
const DECIMAL_SI: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
};
const SUFFIX_CHARACTERS = "eEinumkKMGTP";

/** The value of a quantity (negative ones included), or undefined when Kubernetes rejects it. */
export function parseQuantity(text: string): number | undefined {
    if (text.length === 0) {
        return undefined;
    }
    const parts = splitQuantity(text);
    if (!parts) {
        return undefined;
    }
    const multiplier = suffixMultiplier(parts.suffix);
    if (multiplier === undefined) {
        return undefined;
    }
    const magnitude = Number(`${parts.numerator || "0"}.${parts.denominator || "0"}`) * multiplier;
    return parts.positive ? magnitude : -magnitude;
}

interface QuantityParts {
    positive: boolean;
    numerator: string;
    denominator: string;
    suffix: string;
}

/** parseQuantityString: sign, digits, optional `.digits`, then the suffix characters and an exponent. */
function splitQuantity(text: string): QuantityParts | undefined {
    let pos = 0;
    let positive = true;
    if (text[0] === "-" || text[0] === "+") {
        positive = text[0] === "+";
        pos++;
    }
    const numeratorStart = pos;
    pos = skipDigits(text, pos);
    const numerator = text.slice(numeratorStart, pos);
    let denominator = "";
    if (text[pos] === ".") {
        const start = ++pos;
        pos = skipDigits(text, pos);
        denominator = text.slice(start, pos);
    }
    const suffixStart = pos;
    while (pos < text.length && SUFFIX_CHARACTERS.includes(text[pos])) {
        pos++;
    }
    if (text[pos] === "-" || text[pos] === "+") {
        pos++;
    }
    pos = skipDigits(text, pos);
    if (pos !== text.length) {
        return undefined;
    }
    return { positive, numerator, denominator, suffix: text.slice(suffixStart) };
}

function skipDigits(text: string, pos: number): number {
    while (pos < text.length && text[pos] >= "0" && text[pos] <= "9") {
        pos++;
    }
    return pos;
}

/** The suffixer's interpret(): a known SI suffix, or `e`/`E` with a base-10 integer exponent. */
function suffixMultiplier(suffix: string): number | undefined {
    if (suffix in BINARY_SI) {
        return BINARY_SI[suffix];
    }
    if (suffix in DECIMAL_SI) {
        return DECIMAL_SI[suffix];
    }
    if ((suffix[0] === "e" || suffix[0] === "E") && /^[+-]?\d+$/.test(suffix.slice(1))) {
        const exponent = Number(suffix.slice(1));
        // strconv.ParseInt(…, 10, 64) accepts the exponent; the value itself may then overflow a
        // float here, which only matters for comparisons of absurd quantities.
        return Number.isSafeInteger(exponent) ? 10 ** exponent : undefined;
    }
    return undefined;
}
