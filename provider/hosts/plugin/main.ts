#!/usr/bin/env node
/**
 * `pulumi-resource-alicloud-renewal`: the provider plugin's executable. The engine starts it
 * with its own address as the first argument and reads the port from the first line of stdout.
 * Start-up loads gRPC and the protocol stubs only; the ECS SDK is loaded by the first call
 * that needs ECS.
 */
import { pluginSchemaText } from "./schema";
import { startPluginServer } from "./server";

async function main(): Promise<void> {
    const engineAddress = process.argv[2];
    const server = await startPluginServer({ engineAddress, schema: pluginSchemaText });
    process.stdout.write(`${server.port}\n`);
}

main().catch((err: unknown) => {
    process.stderr.write(`pulumi-resource-alicloud-renewal: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
