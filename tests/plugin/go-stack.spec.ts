/**
 * The Go Automation API driver (`tests/clients/go-stack`) refuses a spec it cannot carry out, with the
 * reason, before it touches a stack: the end-to-end specs then fail on what they test, not on a typo.
 * A machine without `go` or a failed build fails this spec; it is never skipped.
 */
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildGoStack, runGoStack, type GoStackSpec } from "../support/go-stack";

describe("go-stack, the Go Automation API driver: bad specs", function () {
    let bin: string;
    let scratch: string;
    const spec = (over: Partial<GoStackSpec>): GoStackSpec => ({
        op: "preview",
        project: "go-stack-spec",
        stack: "dev",
        workDir: join(scratch, "work"),
        backendUrl: `file://${join(scratch, "state")}`,
        leases: [{ name: "servers", args: { instanceIds: ["i-a"], period: 1, periodUnit: "Month" } }],
        ...over,
    });

    before(function () {
        // A cold build compiles the Automation API and gRPC: minutes on 2 cores.
        this.timeout(20 * 60_000);
        bin = buildGoStack();
    });
    beforeEach(() => {
        scratch = mkdtempSync(join(tmpdir(), "go-stack-"));
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    /** Runs `s` and asserts that it failed with `reason` before creating the workspace. */
    async function refused(s: GoStackSpec, reason: RegExp): Promise<void> {
        const result = await runGoStack(bin, s);
        assert.equal(result.ok, false);
        assert.match(result.error ?? "", reason);
        assert.equal(existsSync(s.workDir), false, "the workspace folder was created");
    }

    it("an argument the SDK's RenewalLeaseArgs does not have is refused, naming it", async () => {
        await refused(spec({ leases: [{ name: "servers", args: { instanceIds: ["i-a"], perod: 1 } }] }), /lease "servers": RenewalLeaseArgs has no argument "perod"/);
    });

    it("an argument of the wrong JSON type is refused, naming it", async () => {
        await refused(spec({ leases: [{ name: "servers", args: { instanceIds: ["i-a"], period: "one" } }] }), /argument "period": json: cannot unmarshal string/);
    });

    it("a secret argument that is not among the arguments is refused", async () => {
        await refused(spec({ leases: [{ name: "servers", args: { instanceIds: ["i-a"] }, secretArgs: ["term"] }] }), /secretArgs names "term"/);
    });

    it("an unknown operation is refused, listing the known ones", async () => {
        await refused(spec({ op: "upp" as GoStackSpec["op"] }), /op "upp" is not one of up, preview, preview-diff, refresh, destroy, import/);
    });

    it("an import of a lease without an importId is refused", async () => {
        await refused(spec({ op: "import" }), /lease "servers" has no importId/);
    });
});
