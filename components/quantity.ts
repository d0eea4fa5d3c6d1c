// Kubernetes resource quantities, parsed so that bad values fail at preview rather than when the
// API server rejects a Deployment halfway through an update.

const SUFFIXES: Record<string, number> = {
    "": 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** The value of a non-negative quantity such as `100m`, `0.5`, `250Mi`; `undefined` if malformed. */
export function parseQuantity(quantity: string): number | undefined {
    const match = QUANTITY.exec(quantity);
    if (!match) {
        return undefined;
    }
    return Number(match[1]) * SUFFIXES[match[2] ?? ""];
}
