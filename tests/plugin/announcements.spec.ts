/**
 * The lifecycle's announcements through the plugin: sent to the engine's `Log` service with the
 * URN of the lease whose call made them, so the CLI prints them beside that lease.
 */
import * as assert from "node:assert/strict";
import type * as grpc from "@grpc/grpc-js";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { protocol } from "../../provider/hosts/plugin/proto";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory } from "../support/fixtures";
import { pluginUrn, usePlugin } from "./harness";

describe("plugin announcements", () => {
    const emu = useEmulator({ seedEachTest: () => inventory(instanceIds(1), []) });
    const logged: { severity: number; message: string; urn: string }[] = [];
    let engine: grpc.Server | undefined;
    let engineAddress: string | undefined;
    before(async () => {
        const { grpc: grpcJs, engineService, empty } = protocol();
        engine = new grpcJs.Server();
        engine.addService(engineService.EngineService, {
            log: (call: grpc.ServerUnaryCall<LogRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
                logged.push({ severity: call.request.getSeverity(), message: call.request.getMessage(), urn: call.request.getUrn() });
                callback(null, new empty.Empty());
            },
        });
        const port = await new Promise<number>((resolve, reject) => engine?.bindAsync("127.0.0.1:0", grpcJs.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
        engineAddress = `127.0.0.1:${port}`;
    });
    after(() => engine?.forceShutdown());
    const plugin = usePlugin(emu, () => engineAddress);
    before(() => plugin.configure());

    it("a new lease's check logs what it will renew, at INFO, with the lease's URN", async () => {
        logged.length = 0;
        await plugin.check("announced", { instanceIds: instanceIds(1), period: 1, periodUnit: "Month", term: "2027" });
        const line = logged.find((l) => /RenewalLease announced will renew i-t000 by 1 Month/.test(l.message));
        assert.ok(line, `not logged: ${JSON.stringify(logged)}`);
        assert.equal(line.urn, pluginUrn("announced"));
        assert.equal(line.severity, protocol().engine.LogSeverity.INFO);
        assert.deepEqual(plugin.announced, []);
    });
});
