/**
 * The reliability suite's ledger of scenarios: every spec records what it expected
 * and what it saw, and the table is printed when the test process exits.
 */

/** One row of the summary table. */
export interface ScenarioRow {
    /** Level: `provider` (real SDK, in process) or `engine` (real Pulumi CLI). */
    readonly level: "provider" | "engine";
    /** What was injected. */
    readonly scenario: string;
    /** Runs of the lease (create/update/up) it took, the follow-up included. */
    readonly runs: number;
    /** Orders the user intended. */
    readonly chargesExpected: number;
    /** Orders in the emulator's ledger. */
    readonly chargesSeen: number;
    /** Renewal calls the state records for the step. */
    readonly recordedInState: number;
}

const rows: ScenarioRow[] = [];
let printed = false;
let badInputs: { tried: number; accepted: number } | undefined;

/** Records how many invalid programs were tried and how many were not refused as they should be. */
export function recordBadInputs(tried: number, accepted: number): void {
    badInputs = { tried, accepted };
}

/** Adds a row to the summary. */
export function record(row: ScenarioRow): void {
    rows.push(row);
}

/** Renders the table (also used to print it). */
export function renderSummary(): string {
    const header = ["level", "scenario", "runs", "charges expected", "charges seen", "renewals in state"];
    const body = rows.map((r) => [r.level, r.scenario, String(r.runs), String(r.chargesExpected), String(r.chargesSeen), String(r.recordedInState)]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(" | ");
    const doubles = rows.filter((r) => r.chargesSeen > r.chargesExpected).length;
    const mismatches = rows.filter((r) => r.chargesSeen !== r.chargesExpected || r.recordedInState !== r.chargesSeen).length;
    return [
        "",
        "Reliability summary",
        line(header),
        widths.map((w) => "-".repeat(w)).join("-+-"),
        ...body.map(line),
        `${rows.length} scenarios, ${doubles} with a double charge, ${mismatches} where charges or state disagree`,
        ...(badInputs ? [`${badInputs.tried} invalid programs tried at preview, ${badInputs.accepted} not refused as expected`] : []),
        "",
    ].join("\n");
}

process.on("exit", () => {
    if (!printed && (rows.length > 0 || badInputs)) {
        printed = true;
        process.stdout.write(renderSummary());
    }
});
