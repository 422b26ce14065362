/** A short description of the machine a benchmark ran on. */
import * as fs from "node:fs";
import * as os from "node:os";

/** What the figures of a benchmark depend on. */
export interface Machine {
    /** CPUs available to this process (`nproc`). */
    readonly cpus: number;
    /** CPU model name. */
    readonly cpuModel: string;
    /** Total memory, GiB. */
    readonly memoryGiB: number;
    /** OS and kernel. */
    readonly os: string;
    /** Node.js version. */
    readonly node: string;
}

/** Describes this machine. */
export function describeMachine(): Machine {
    const cpuInfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
    return {
        cpus: os.availableParallelism(),
        cpuModel: model.trim(),
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
    };
}
