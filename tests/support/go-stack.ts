/**
 * The one way a spec runs the Go Automation API driver `tests/clients/go-stack` (a Go program on the
 * SDK generated from the plugin's schema): {@link buildGoStack} builds it with `scripts/build-go-stack.sh`,
 * {@link runGoStack} writes a {@link GoStackSpec} to a file and runs one operation.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../scripts/lib/pulumi-cli";

/** One operation on a Go stack, as `go-stack --spec FILE.json` reads it (see tests/clients/go-stack/main.go). */
export interface GoStackSpec {
    op: "up" | "preview" | "preview-diff" | "refresh" | "destroy" | "import";
    project: string;
    stack: string;
    /** The workspace folder (created if missing). */
    workDir: string;
    /** A `file://` backend. */
    backendUrl: string;
    config?: { key: string; value: string; secret?: boolean }[];
    /** Passed to every Pulumi CLI process. */
    env?: Record<string, string>;
    leases?: GoLease[];
}

/** A lease of the Go program. */
export interface GoLease {
    name: string;
    /** `RenewalLease` arguments by their schema names. */
    args: Record<string, unknown>;
    /** Arguments passed as secrets. */
    secretArgs?: string[];
    /** Former names. */
    aliases?: string[];
    /** For `import`: `REGION/ID[,ID…]`. */
    importId?: string;
}

/** The JSON line go-stack prints. */
export interface GoStackResult {
    ok: boolean;
    stdout: string;
    stderr: string;
    /** `up` only: each lease's outputs by lease name. */
    outputs: Record<string, { value: unknown; secret: boolean }> | null;
    error?: string;
}

/** Builds go-stack (a no-op when its sources did not change) and returns the path of the binary. */
export function buildGoStack(): string {
    const out = execFileSync("bash", [join(REPO_ROOT, "scripts", "build-go-stack.sh")], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return join(out.trim().split("\n").pop() ?? "", "go-stack");
}

/**
 * Runs one operation. Resolves with the result line whether the operation succeeded or not (see `ok`);
 * rejects only when go-stack printed no result line.
 * @param bin - The path {@link buildGoStack} returned.
 * @param spec - The operation.
 * @param env - The environment of go-stack itself (its PATH names the `pulumi` it runs); default: this process's.
 */
export function runGoStack(bin: string, spec: GoStackSpec, env: NodeJS.ProcessEnv = process.env): Promise<GoStackResult> {
    const dir = mkdtempSync(join(tmpdir(), "go-stack-spec-"));
    const file = join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec));
    return new Promise((resolve, reject) => {
        execFile(bin, ["--spec", file], { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
            rmSync(dir, { recursive: true, force: true });
            const last = stdout.trim().split("\n").pop() ?? "";
            try {
                resolve(JSON.parse(last) as GoStackResult);
            } catch {
                reject(new Error(`go-stack printed no result line (${err?.message ?? "exit 0"}):\n${stdout}\n${stderr}`));
            }
        });
    });
}
