/**
 * Where the lifecycle's announcements go in the plugin: to the engine's `Log` service with
 * the URN of the resource whose call made them, so the CLI shows them beside that resource;
 * to stderr when there is no engine (a test) or no call to attach them to.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { protocol } from "./proto";

interface CallScope {
    readonly urn: string;
    readonly sent: Promise<void>[];
}

/** Sends announcement lines to the engine, attributed to the resource of the current call. */
export class Announcements {
    private readonly scope = new AsyncLocalStorage<CallScope>();
    private client: EngineClient | undefined;

    /**
     * @param engineAddress - The engine's address (the plugin's first argument); none in tests.
     * @param fallback - Where lines go without an engine.
     */
    constructor(private readonly engineAddress: string | undefined, private readonly fallback: (line: string) => void = (line) => process.stderr.write(line + "\n")) {}

    /**
     * Runs one call of the resource `urn`; its announcements are delivered (or failed) before
     * the call's answer is returned, so the CLI prints them before the step's outcome.
     */
    async during<T>(urn: string, work: () => Promise<T>): Promise<T> {
        const scope: CallScope = { urn, sent: [] };
        try {
            return await this.scope.run(scope, work);
        } finally {
            await Promise.all(scope.sent);
        }
    }

    /** Announces a line. A line starting with `warning: ` is logged as a warning, without the prefix. */
    announce(line: string): void {
        const scope = this.scope.getStore();
        if (!this.engineAddress || !scope) {
            this.fallback(line);
            return;
        }
        const { engine, engineService, grpc } = protocol();
        this.client ??= new engineService.EngineClient(this.engineAddress, grpc.credentials.createInsecure());
        const warning = line.startsWith("warning: ");
        const request = new engine.LogRequest()
            .setSeverity(warning ? engine.LogSeverity.WARNING : engine.LogSeverity.INFO)
            .setMessage(warning ? line.slice("warning: ".length) : line)
            .setUrn(scope.urn);
        const client = this.client;
        scope.sent.push(new Promise<void>((resolve) => {
            client.log(request, (err) => {
                if (err) {
                    this.fallback(line);
                }
                resolve();
            });
        }));
    }
}
