import * as assert from "node:assert/strict";
import { EcsGateway } from "../../provider/ecs/gateway";
import { LiveTarget } from "../../provider/core/types";
import { EcsApiError } from "../../provider/core/errors";
import { BatchTimers, createReadBatcher, ReadBatcher } from "../../provider/ecs/read-batcher";
import { LeaseOutputs } from "../../provider/core/types";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, providerFor, REGION, reservedIds } from "../support/fixtures";

interface DescribeCall { readonly action: "DescribeInstances" | "DescribeReservedInstances"; readonly regionId: string; readonly ids: readonly string[] }

/** A gateway that describes every id except those in `missing`, records its calls, and can hold or fail them. */
class FakeGateway implements EcsGateway {
    readonly calls: DescribeCall[] = [];
    missing = new Set<string>();
    failWhen: (call: DescribeCall) => boolean = () => false;
    private held: (() => void)[] = [];
    hold = false;

    async describeInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]> {
        return this.answer({ action: "DescribeInstances", regionId, ids: [...ids] });
    }
    async describeReservedInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]> {
        return this.answer({ action: "DescribeReservedInstances", regionId, ids: [...ids] });
    }
    release(): void {
        this.held.splice(0).forEach((r) => r());
    }
    renewInstance(): never {
        throw new Error("not a read");
    }
    renewReservedInstances(): never {
        throw new Error("not a read");
    }
    modifyReservedInstanceAutoRenew(): never {
        throw new Error("not a read");
    }
    modifyInstanceAutoRenew(): never {
        throw new Error("not a read");
    }
    describeRenewalPrice(): never {
        throw new Error("not batched");
    }
    describeInstanceAutoRenew(): never {
        throw new Error("not batched");
    }
    listTargets(): never {
        throw new Error("not batched");
    }
    selectInstances(): never {
        throw new Error("not batched");
    }
    selectReservedInstances(): never {
        throw new Error("not batched");
    }
    describeReservedInstanceAutoRenew(): never {
        throw new Error("not batched");
    }

    private async answer(call: DescribeCall): Promise<LiveTarget[]> {
        this.calls.push(call);
        if (this.hold) {
            await new Promise<void>((resolve) => this.held.push(resolve));
        }
        if (this.failWhen(call)) {
            throw new EcsApiError({ action: call.action, ids: call.ids }, "InternalError", 500, "REQ", "boom");
        }
        return call.ids.filter((id) => !this.missing.has(id)).map((id) => ({ id, status: "Running", expiredTime: `expiry-of-${id}@${call.regionId}` }));
    }
}

/** Timers that fire only when the test advances time. */
class ManualTimers implements BatchTimers {
    private now = 0;
    private queue: { at: number; callback: () => void; cancelled: boolean }[] = [];
    readonly schedule = (callback: () => void, ms: number): (() => void) => {
        const entry = { at: this.now + ms, callback, cancelled: false };
        this.queue.push(entry);
        return () => {
            entry.cancelled = true;
        };
    };
    advance(ms: number): void {
        const until = this.now + ms;
        for (;;) {
            const next = this.queue.filter((e) => !e.cancelled && e.at <= until).sort((a, b) => a.at - b.at)[0];
            if (!next) {
                break;
            }
            this.now = next.at;
            next.cancelled = true;
            next.callback();
        }
        this.now = until;
    }
}

const ids = (n: number, prefix = "i-"): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);

describe("read coalescing (fake gateway)", () => {
    let gateway: FakeGateway;
    let batcher: ReadBatcher;

    beforeEach(() => {
        gateway = new FakeGateway();
        batcher = createReadBatcher({ gateway: () => gateway });
    });

    it("250 concurrent reads of one instance each cost 3 DescribeInstances calls, of 100, 100 and 50 ids", async () => {
        await Promise.all(ids(250).map((id) => batcher.read("instance", REGION, [id])));
        assert.deepEqual(gateway.calls.map((c) => [c.action, c.ids.length]), [["DescribeInstances", 100], ["DescribeInstances", 100], ["DescribeInstances", 50]]);
        assert.equal(new Set(gateway.calls.flatMap((c) => c.ids)).size, 250);
    });

    it("one lease of 250 targets is read in 3 calls", async () => {
        const found = await batcher.read("instance", REGION, ids(250));
        assert.equal(found.size, 250);
        assert.equal(gateway.calls.length, 3);
    });

    it("each caller gets exactly its own ids; an id that does not exist is absent", async () => {
        gateway.missing.add("i-0003");
        const [a, b] = await Promise.all([batcher.read("instance", REGION, ["i-0001", "i-0002"]), batcher.read("instance", REGION, ["i-0003", "i-0004"])]);
        assert.deepEqual([...a.keys()].sort(), ["i-0001", "i-0002"]);
        assert.deepEqual([...b.keys()], ["i-0004"]);
        assert.equal(b.get("i-0004")?.expiredTime, `expiry-of-i-0004@${REGION}`);
        assert.equal(gateway.calls.length, 1);
    });

    it("groups by region and by kind: instances and reserved instances of two regions make one call each", async () => {
        await Promise.all([
            batcher.read("instance", "cn-hangzhou", ["i-1"]),
            batcher.read("instance", "cn-beijing", ["i-2"]),
            batcher.read("reservedInstance", "cn-hangzhou", ["ecsri-1"]),
            batcher.read("instance", "cn-hangzhou", ["i-3"]),
            batcher.read("reservedInstance", "cn-hangzhou", ["ecsri-2"]),
        ]);
        const summary = gateway.calls.map((c) => `${c.action} ${c.regionId} ${[...c.ids].sort().join(",")}`).sort();
        assert.deepEqual(summary, ["DescribeInstances cn-beijing i-2", "DescribeInstances cn-hangzhou i-1,i-3", "DescribeReservedInstances cn-hangzhou ecsri-1,ecsri-2"]);
    });

    it("an id asked for by two callers in the same window is described once, and both get it", async () => {
        const [a, b] = await Promise.all([batcher.read("instance", REGION, ["i-1", "i-1"]), batcher.read("instance", REGION, ["i-1"])]);
        assert.deepEqual(gateway.calls.map((c) => c.ids), [["i-1"]]);
        assert.ok(a.has("i-1") && b.has("i-1"));
    });

    it("a failed call fails every caller with an id in it, and only those", async () => {
        gateway.failWhen = (call) => call.ids.includes("i-0000");
        // The first caller's ids land in both calls; the others read one instance each.
        const asks = [["i-0000", "i-0140"], ...ids(150).map((id) => [id])];
        const results = await Promise.allSettled(asks.map((a) => batcher.read("instance", REGION, a)));
        assert.equal(gateway.calls.length, 2);
        assert.deepEqual(gateway.calls[0].ids, ["i-0000", "i-0140", ...ids(99).slice(1)]);
        const failed = results.map((r, i) => (r.status === "rejected" ? i : -1)).filter((i) => i >= 0);
        // The caller spanning both calls and the 99 single reads sent in the failed call; the
        // single read of i-0140 came after that call was sent, so it went in the second one.
        assert.deepEqual(failed, Array.from({ length: 100 }, (_, i) => i));
        const reason = (results[0] as PromiseRejectedResult).reason as unknown;
        assert.ok(reason instanceof EcsApiError && reason.code === "InternalError");
    });

    it("a read asked for after a call was sent is not served by that call (a read after a renewal sees the renewal)", async () => {
        gateway.hold = true;
        const first = batcher.read("instance", REGION, ["i-1"]);
        await new Promise((r) => setTimeout(r, 20));
        assert.equal(gateway.calls.length, 1, "the first call is in flight");
        const second = batcher.read("instance", REGION, ["i-1"]);
        await new Promise((r) => setTimeout(r, 20));
        gateway.release();
        await new Promise((r) => setTimeout(r, 0));
        gateway.release();
        await Promise.all([first, second]);
        assert.equal(gateway.calls.length, 2);
    });

    it("a gateway that cannot be created (bad configuration) fails the callers, not the process", async () => {
        const broken = createReadBatcher({ gateway: () => {
            throw new Error("no usable credentials");
        } });
        await assert.rejects(broken.read("instance", REGION, ["i-1"]), /no usable credentials/);
    });

    it("every call goes through the given wrapper (the retry loop)", async () => {
        let wrapped = 0;
        const retrying = createReadBatcher({ gateway: () => gateway, call: (op) => (wrapped++, op()) });
        await Promise.all(ids(120).map((id) => retrying.read("instance", REGION, [id])));
        assert.equal(wrapped, 2);
    });

    it("uses the gateway current at send time (configure may replace it)", async () => {
        const other = new FakeGateway();
        let current: EcsGateway = gateway;
        const switching = createReadBatcher({ gateway: () => current });
        const pending = switching.read("instance", REGION, ["i-1"]);
        current = other;
        await pending;
        assert.equal(gateway.calls.length, 0);
        assert.equal(other.calls.length, 1);
    });

    describe("the collection window", () => {
        let timers: ManualTimers;
        let windowed: ReadBatcher;

        beforeEach(() => {
            timers = new ManualTimers();
            windowed = createReadBatcher({ gateway: () => gateway, idleMs: 2, maxWaitMs: 15, timers });
        });

        it("sends a group once no new id has arrived for idleMs", async () => {
            const reads = [windowed.read("instance", REGION, ["i-1"])];
            timers.advance(1);
            reads.push(windowed.read("instance", REGION, ["i-2"]));
            timers.advance(1);
            assert.equal(gateway.calls.length, 0, "a new id restarted the idle window");
            timers.advance(1);
            assert.deepEqual(gateway.calls.map((c) => c.ids), [["i-1", "i-2"]]);
            await Promise.all(reads);
        });

        it("never holds an id longer than maxWaitMs, even while new ids keep arriving", async () => {
            const reads: Promise<unknown>[] = [];
            for (let t = 0; t < 20; t++) {
                reads.push(windowed.read("instance", REGION, [`i-${t}`]));
                timers.advance(1);
            }
            assert.equal(gateway.calls[0]?.ids.length, 15, "sent at 15 ms with the 15 ids of the first 15 ms");
            timers.advance(5);
            await Promise.all(reads);
            assert.equal(gateway.calls.flatMap((c) => c.ids).length, 20);
        });

        it("sends 100 ids at once without waiting for the window", () => {
            ids(100).forEach((id) => void windowed.read("instance", REGION, [id]));
            assert.equal(gateway.calls.length, 1);
            assert.equal(gateway.calls[0].ids.length, 100);
        });
    });
});

describe("read coalescing through the provider, against the emulator (real SDK over HTTP)", function () {
    this.timeout(60_000);
    const emu = useEmulator();

    /** The state of a lease that renewed `targets` once. */
    function leaseState(kind: "instance" | "reservedInstance", targets: string[]): LeaseOutputs {
        return {
            ...(kind === "instance" ? { instanceIds: targets } : { reservedInstanceIds: targets }),
            regionId: REGION,
            period: 1,
            periodUnit: kind === "instance" ? "Month" : "Year",
            renewalPlan: "",
            creationUrn: "urn",
            renewalCount: 1,
            targets: Object.fromEntries(targets.map((t) => [t, { renewedInSequence: 1, lastRenewedTerm: "1 Month" }])),
            lastRenewalCalls: [],
            providerVersion: "test",
        };
    }

    async function describeCalls(): Promise<Record<string, number>> {
        const calls = (await emu.control.ledger()).calls as Record<string, number>;
        return { DescribeInstances: calls.DescribeInstances ?? 0, DescribeReservedInstances: calls.DescribeReservedInstances ?? 0 };
    }

    it("refreshing 250 one-instance leases at once costs ceil(250/100) = 3 DescribeInstances calls, and each lease reads its own instance", async () => {
        const fleet = instanceIds(250, "i-f");
        await emu.control.reset(inventory(fleet, []));
        const provider = providerFor(emu);
        const reads = await Promise.all(fleet.map((id) => provider.read(`lease-${id}`, leaseState("instance", [id]))));
        assert.deepEqual(await describeCalls(), { DescribeInstances: 3, DescribeReservedInstances: 0 });
        reads.forEach((r, i) => {
            const targets = (r.props as LeaseOutputs).targets;
            assert.deepEqual(Object.keys(targets), [fleet[i]]);
            assert.equal(targets[fleet[i]].expiredTime, "2027-01-15T16:00Z");
        });
    });

    it("refreshing 30 reserved-instance leases of 5 each costs 2 DescribeReservedInstances calls", async () => {
        const fleet = reservedIds(150, "ecsri-f");
        await emu.control.reset(inventory([], fleet));
        const provider = providerFor(emu);
        const leases = Array.from({ length: 30 }, (_, i) => fleet.slice(i * 5, i * 5 + 5));
        const reads = await Promise.all(leases.map((targets, i) => provider.read(`ri-${i}`, leaseState("reservedInstance", targets))));
        assert.deepEqual(await describeCalls(), { DescribeInstances: 0, DescribeReservedInstances: 2 });
        assert.ok(reads.every((r) => r.props && !(r.props as LeaseOutputs).missingTargets));
    });
});
