/**
 * Peak memory of the processes a CLI run starts: polls `/proc` for the descendants of
 * the CLI and keeps, per role, the highest `VmHWM` (peak resident set size) seen.
 * Linux only; elsewhere the peaks stay undefined.
 */
import * as fs from "node:fs";

/** Which processes to watch, by a test on their command line. */
export interface WatchedRoles {
    readonly [role: string]: (cmdline: string) => boolean;
}

/** A running watch. */
export interface PeakWatch {
    /** Stops polling and returns the peak `VmHWM` per role, in MiB (undefined: never seen). */
    stop(): Record<string, number | undefined>;
}

function children(pid: number): number[] {
    const dir = `/proc/${pid}/task`;
    const found: number[] = [];
    try {
        for (const tid of fs.readdirSync(dir)) {
            const text = fs.readFileSync(`${dir}/${tid}/children`, "utf8").trim();
            if (text) {
                found.push(...text.split(/\s+/).map(Number));
            }
        }
    } catch {
        // the process is gone
    }
    return found;
}

function descendants(root: number): number[] {
    const all: number[] = [];
    const queue = [root];
    while (queue.length > 0) {
        const pid = queue.shift() as number;
        for (const child of children(pid)) {
            all.push(child);
            queue.push(child);
        }
    }
    return all;
}

function peakKiB(pid: number): number | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
        return match ? Number(match[1]) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Starts polling the descendants of `rootPid` every `intervalMs`.
 *
 * @param rootPid - The CLI's pid.
 * @param roles - Role name to a test on the process's command line.
 * @param intervalMs - Poll period.
 */
export function watchPeaks(rootPid: number, roles: WatchedRoles, intervalMs = 100): PeakWatch {
    const peaks: Record<string, number | undefined> = Object.fromEntries(Object.keys(roles).map((r) => [r, undefined]));
    const roleOf = new Map<number, string | null>();
    const poll = (): void => {
        for (const pid of descendants(rootPid)) {
            if (!roleOf.has(pid)) {
                let cmdline = "";
                try {
                    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
                } catch {
                    continue;
                }
                roleOf.set(pid, Object.entries(roles).find(([, test]) => test(cmdline))?.[0] ?? null);
            }
            const role = roleOf.get(pid);
            if (role) {
                const kib = peakKiB(pid);
                if (kib !== undefined && kib > (peaks[role] ?? 0)) {
                    peaks[role] = kib;
                }
            }
        }
    };
    const timer = setInterval(poll, intervalMs);
    poll();
    return {
        stop() {
            clearInterval(timer);
            return Object.fromEntries(Object.entries(peaks).map(([r, kib]) => [r, kib === undefined ? undefined : Math.round(kib / 1024)]));
        },
    };
}
