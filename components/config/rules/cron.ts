// CronJob schedules as Kubernetes validates them: robfig/cron v3's ParseStandard (five fields, or
// a descriptor such as @daily or "@every 1h30m"), and no TZ= / CRON_TZ= prefix for a new object
// (k8s pkg/apis/batch/validation, validateScheduleFormat). Field syntax follows robfig/cron's
// parser.go: lists, ranges, steps, `*` and `?`, month and weekday names; weekdays are 0 to 6.
// tests/rules.test.ts compares this with robfig/cron itself.
import { parseGoDuration } from "./duration.ts";

interface Bounds {
    min: number;
    max: number;
    names?: Record<string, number>;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const FIELDS: [string, Bounds][] = [
    ["minute", { min: 0, max: 59 }],
    ["hour", { min: 0, max: 23 }],
    ["day of month", { min: 1, max: 31 }],
    ["month", { min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) }],
    ["day of week", { min: 0, max: 6, names: Object.fromEntries(WEEKDAYS.map((d, i) => [d, i])) }],
];
const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

/** What Kubernetes would say is wrong with `schedule`, or undefined when a CronJob accepts it. */
export function cronScheduleProblem(schedule: string): string | undefined {
    if (schedule.includes("TZ")) {
        return "names a time zone (TZ= or CRON_TZ=), which a new CronJob's schedule may not";
    }
    if (schedule.length === 0) {
        return "is empty";
    }
    if (schedule.startsWith("@")) {
        return descriptorProblem(schedule);
    }
    const fields = schedule.split(/\s+/).filter((f) => f !== "");
    if (fields.length !== 5) {
        return `has ${fields.length} fields; a CronJob schedule has exactly 5 (minute hour day-of-month month day-of-week)`;
    }
    for (const [i, [name, bounds]] of FIELDS.entries()) {
        // strings.FieldsFunc(field, ','): empty list items are skipped, as robfig/cron does.
        for (const range of fields[i].split(",").filter((r) => r !== "")) {
            const problem = rangeProblem(range, bounds);
            if (problem) {
                return `has an invalid ${name} field "${fields[i]}": ${problem}`;
            }
        }
    }
    return undefined;
}

function descriptorProblem(schedule: string): string | undefined {
    if (DESCRIPTORS.includes(schedule)) {
        return undefined;
    }
    if (schedule.startsWith("@every ")) {
        return parseGoDuration(schedule.slice("@every ".length)) === undefined
            ? "is an @every descriptor without a valid Go duration"
            : undefined;
    }
    return `is not a known descriptor (${DESCRIPTORS.join(", ")} or "@every <duration>")`;
}

/** robfig/cron getRange: `*`, `?`, N, N-M, each optionally `/step`. */
function rangeProblem(expression: string, bounds: Bounds): string | undefined {
    const rangeAndStep = expression.split("/");
    const lowAndHigh = rangeAndStep[0].split("-");
    let start: number | undefined;
    let end: number | undefined;
    if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
        [start, end] = [bounds.min, bounds.max];
    } else {
        start = intOrName(lowAndHigh[0], bounds);
        if (lowAndHigh.length > 2) {
            return `too many hyphens in "${expression}"`;
        }
        end = lowAndHigh.length === 2 ? intOrName(lowAndHigh[1], bounds) : start;
        if (start === undefined || end === undefined) {
            return `"${expression}" is not a number${bounds.names ? " or name" : ""}`;
        }
    }
    if (rangeAndStep.length > 2) {
        return `too many slashes in "${expression}"`;
    }
    if (rangeAndStep.length === 2) {
        const step = nonNegativeInt(rangeAndStep[1]);
        if (step === undefined) {
            return `"${rangeAndStep[1]}" is not a step`;
        }
        if (step === 0) {
            return `the step of "${expression}" must be positive`;
        }
        if (lowAndHigh.length === 1) {
            end = bounds.max; // "N/step" means N to the maximum
        }
    }
    if (start < bounds.min || end > bounds.max) {
        return `"${expression}" is outside ${bounds.min} to ${bounds.max}`;
    }
    if (start > end) {
        return `"${expression}" starts after it ends`;
    }
    return undefined;
}

function intOrName(text: string, bounds: Bounds): number | undefined {
    const named = bounds.names?.[text.toLowerCase()];
    return named ?? nonNegativeInt(text);
}

/** strconv.Atoi, then "negative number not allowed". */
function nonNegativeInt(text: string): number | undefined {
    if (!/^[+-]?\d+$/.test(text)) {
        return undefined;
    }
    const value = Number(text);
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
