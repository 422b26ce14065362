import * as assert from "node:assert/strict";
import * as net from "node:net";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { useEmulator } from "../support/emulator";
import { instanceIds, inventory, REGION, settingsFor } from "../support/fixtures";

/** A TCP relay in front of the emulator that counts the connections the SDK opens. */
async function countingRelay(target: { host: string; port: number }): Promise<{ endpoint: string; connections: () => number; close: () => Promise<void> }> {
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
        connections++;
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
            sockets.add(s);
            s.on("close", () => sockets.delete(s));
            s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
        endpoint: `127.0.0.1:${port}`,
        connections: () => connections,
        close: () => new Promise<void>((resolve) => {
            sockets.forEach((s) => s.destroy());
            server.close(() => resolve());
        }),
    };
}

describe("HTTP keep-alive of the ECS client", function () {
    this.timeout(30_000);
    const emu = useEmulator({ seed: inventory(instanceIds(3), []) });

    it("sequential calls of one provider process reuse one TCP connection", async () => {
        const [host, port] = emu.endpoint.split(":");
        const relay = await countingRelay({ host, port: Number(port) });
        try {
            const gateway = new SdkEcsGateway(settingsFor(emu, { endpoint: { host: relay.endpoint, protocol: "http" } }));
            for (let i = 0; i < 10; i++) {
                const found = await gateway.describeInstances(REGION, instanceIds(3));
                assert.equal(found.length, 3);
            }
            assert.equal(relay.connections(), 1);
        } finally {
            await relay.close();
        }
    });
});
