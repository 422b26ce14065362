/**
 * A pass-through HTTP proxy in front of an emulator that counts every request by Action, refused ones
 * included. The emulator's own ledger counts authenticated calls only (nothing is counted before
 * authentication), so tests that must see requests the emulator refused (e.g. "a wrong secret is not
 * retried") count them here.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import type { RunningEmulator } from "../../emulator";

/** A running counting proxy. */
export interface CountingProxy {
    /** Endpoint settings that point a provider at the proxy. */
    readonly endpoint: { host: string; protocol: "http" };
    /** Requests seen for an Action (from `x-acs-action` or the `Action` parameter). */
    count(action: string): number;
    close(): Promise<void>;
}

/** Starts a proxy to `emu` on a free loopback port. */
export async function countingProxy(emu: RunningEmulator): Promise<CountingProxy> {
    const counts = new Map<string, number>();
    const server = createServer((req, res) => {
        const action = String(req.headers["x-acs-action"] ?? new URL(req.url ?? "/", "http://x").searchParams.get("Action") ?? "");
        counts.set(action, (counts.get(action) ?? 0) + 1);
        // Headers go on unchanged: the ACS3 signature covers the Host the client called.
        const upstream = request(new URL(req.url ?? "/", emu.url), { method: req.method, headers: req.headers, agent: false }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
        });
        upstream.on("error", () => res.destroy());
        req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        endpoint: { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, protocol: "http" },
        count: (action) => counts.get(action) ?? 0,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}
