/** Formatting of the benchmark's figures: Markdown tables and target checks. */

/** One measured command on one stack, reduced over the rounds (medians). */
export interface Measurement {
    readonly wallMs: number;
    /** Time the emulator (in the benchmark's process) spent answering, from its event-loop utilization. */
    readonly emulatorBusyMs: number;
    /** ECS calls per action during the command. */
    readonly calls: Record<string, number>;
    readonly providerPeakMiB?: number;
    readonly programPeakMiB?: number;
}

/** A target of the issue and whether the figures meet it. */
export interface TargetCheck {
    readonly target: string;
    readonly measured: string;
    readonly met: boolean;
}

/** Renders a Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Seconds with two decimals. */
export function seconds(ms: number): string {
    return (ms / 1000).toFixed(2);
}

/** A ratio with two decimals. */
export function ratio(value: number): string {
    return `${value.toFixed(2)}×`;
}

/** `Action n, Action m` for the non-zero call counts. */
export function callList(calls: Record<string, number>): string {
    const entries = Object.entries(calls).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
    return entries.length === 0 ? "none" : entries.map(([a, n]) => `${a} ${n}`).join(", ");
}

/** Median of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Renders the target checks. */
export function targetTable(checks: readonly TargetCheck[]): string {
    return table(["target", "measured", "met"], checks.map((c) => [c.target, c.measured, c.met ? "yes" : "**no**"]));
}

/** Markers around a section of docs/benchmarks.md written by another script than `npm run bench`. */
interface SectionMarkers {
    readonly start: string;
    readonly end: string;
}

/** The section `npm run bench:sdk-load` writes; `npm run bench` keeps it when it rewrites the file. */
export const SDK_LOAD_SECTION: SectionMarkers = { start: "<!-- sdk-load: written by npm run bench:sdk-load -->", end: "<!-- /sdk-load -->" };

/** The section of `doc` between `markers` (the markers included), if any. */
export function sectionOf(doc: string, markers: SectionMarkers): string | undefined {
    const start = doc.indexOf(markers.start);
    const end = doc.indexOf(markers.end, start);
    return start >= 0 && end >= 0 ? doc.slice(start, end + markers.end.length) : undefined;
}

/** `doc` with its section between `markers` replaced by `body` (appended when absent). */
export function withSection(doc: string, markers: SectionMarkers, body: string): string {
    const section = `${markers.start}\n${body.trim()}\n${markers.end}`;
    const current = sectionOf(doc, markers);
    return current === undefined ? `${doc.trimEnd()}\n\n${section}\n` : doc.replace(current, section);
}
