/**
 * How `report` prints what it read: soonest expiry first, as a table or as JSON. Pure.
 */
import { QUOTED_TERM, ReportData, ReportRow } from "./read";

/** The JSON `report --json` prints. */
export interface ReportJson {
    readonly region: string;
    readonly observedAt: string;
    /** The renewal term each price is for. */
    readonly quotedTerm: string;
    readonly withinDays?: number;
    readonly tags: Readonly<Record<string, string>>;
    /** Soonest expiry first. */
    readonly targets: readonly ReportRow[];
}

/** Rows ordered soonest expiry first (then instances before reserved instances, then by id). */
export function soonestFirst(rows: readonly ReportRow[]): ReportRow[] {
    return [...rows].sort((a, b) => Date.parse(a.expiredTime) - Date.parse(b.expiredTime) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

const TERM = `${QUOTED_TERM.period} ${QUOTED_TERM.priceUnit}`;

/**
 * The JSON document.
 *
 * @param data - What was read.
 * @param tags - The tag filter.
 * @param withinDays - The `--within` filter.
 */
export function reportJson(data: ReportData, tags: Readonly<Record<string, string>>, withinDays?: number): ReportJson {
    return {
        region: data.region,
        observedAt: data.observedAt,
        quotedTerm: TERM,
        ...(withinDays !== undefined ? { withinDays } : {}),
        tags,
        targets: soonestFirst(data.rows),
    };
}

function autoRenewText(row: ReportRow): string {
    const a = row.autoRenew;
    if (!a) {
        return "unknown";
    }
    if (a.renewalStatus !== "AutoRenewal") {
        return a.renewalStatus === "NotRenewal" ? "off (not renewing)" : "off";
    }
    return a.duration !== undefined ? `on, ${a.duration} ${a.periodUnit ?? ""}`.trimEnd() : "on";
}

function priceText(row: ReportRow): string {
    return "tradePrice" in row.price ? `${row.price.tradePrice.toFixed(2)} ${row.price.currency}` : "not quoted";
}

/**
 * The table, with a heading line and the notes on prices that were not quoted.
 *
 * @param data - What was read.
 * @param withinDays - The `--within` filter, for the heading.
 */
export function reportTable(data: ReportData, withinDays?: number): string {
    const rows = soonestFirst(data.rows);
    const header = ["ID", "KIND", "NAME", "EXPIRES", "DAYS LEFT", "STATUS", "AUTO-RENEW", `PRICE (${TERM})`];
    const cells = rows.map((r) => [r.id, r.kind === "instance" ? "instance" : "reserved", r.name ?? "-", r.expiredTime, String(r.daysLeft), r.status, autoRenewText(r), priceText(r)]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
    const line = (c: readonly string[]): string => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
    const scope = withinDays === undefined ? "" : ` with at most ${withinDays} days left`;
    const lines = [
        `${rows.length} subscription target${rows.length === 1 ? "" : "s"} in ${data.region}${scope} (days counted from ${data.observedAt}, the cloud's time):`,
        "",
        line(header),
        ...cells.map(line),
    ];
    const notes = [...new Set(rows.flatMap((r) => ("notQuoted" in r.price ? [r.price.notQuoted] : [])))];
    if (notes.length > 0) {
        lines.push("", "Not quoted:", ...notes.map((n) => `  - ${n}`));
    }
    return lines.join("\n") + "\n";
}
