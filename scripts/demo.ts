/**
 * `npm run demo`: the main job, end to end, on a fresh machine and with no cloud
 * account. Starts the ECS emulator with its demo inventory, runs `pulumi up` on the
 * repository's root stack (the real CLI, the Node.js language host and the dynamic
 * provider plugin, as a user runs them), prints each target's expiry before and
 * after, previews again to show nothing more would be renewed, and stops the emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { demoSeed, startEmulator } from "../emulator";
import { ensurePulumiCli, offlineEnv, pulumiCommand, REPO_ROOT } from "./lib/pulumi-cli";

interface StoredTarget { id: string; expiredTime: string }

async function expiries(control: { state(): Promise<unknown> }): Promise<Map<string, string>> {
    const state = await control.state() as { instances?: { InstanceId: string; ExpiredTime: string }[]; reservedInstances?: { ReservedInstanceId: string; ExpiredTime: string }[] };
    const rows: StoredTarget[] = [
        ...(state.instances ?? []).map((i) => ({ id: i.InstanceId, expiredTime: i.ExpiredTime })),
        ...(state.reservedInstances ?? []).map((r) => ({ id: r.ReservedInstanceId, expiredTime: r.ExpiredTime })),
    ];
    return new Map(rows.map((r) => [r.id, r.expiredTime]));
}

async function main(): Promise<void> {
    const cli = ensurePulumiCli();
    console.log(`Pulumi CLI ${cli.version} (${cli.binDir})`);
    const stateDir = path.join(REPO_ROOT, ".cache", "demo");
    fs.rmSync(stateDir, { recursive: true, force: true });

    const seed = demoSeed();
    const emulator = await startEmulator({ port: 0, seed, stateFile: path.join(stateDir, "emulator-state.json") });
    console.log(`ECS emulator listening on ${emulator.url}`);
    try {
        const key = emulator.accessKeys[0];
        // The prod instances are the tag-selector lease's (fleet:selectorTags); the id lease takes the others.
        const isProd = (tags: { TagKey: string; TagValue: string }[] | undefined): boolean => (tags ?? []).some((t) => t.TagKey === "env" && t.TagValue === "prod");
        const subscriptions = seed.instances.filter((i) => i.InstanceChargeType === "PrePaid");
        const instanceIds = subscriptions.filter((i) => !isProd(i.Tags)).map((i) => i.InstanceId);
        const taggedIds = subscriptions.filter((i) => isProd(i.Tags)).map((i) => i.InstanceId);
        const reservedInstanceIds = seed.reservedInstances.map((r) => r.ReservedInstanceId);
        const env = offlineEnv({ cli, stateDir, extra: { ALICLOUD_RENEWAL_ENDPOINT: emulator.url } });
        const stack = await LocalWorkspace.createOrSelectStack({ stackName: "demo", workDir: REPO_ROOT }, { pulumiCommand: await pulumiCommand(cli), envVars: env });
        await stack.setAllConfig({
            "fleet:instanceIds": { value: JSON.stringify(instanceIds) },
            "fleet:reservedInstanceIds": { value: JSON.stringify(reservedInstanceIds) },
            "fleet:selectorTags": { value: JSON.stringify({ env: "prod" }) },
            "alicloud:accessKey": { value: key.id },
            "alicloud:secretKey": { value: key.secret, secret: true },
        });

        const before = await expiries(emulator.control);
        console.log("\n$ pulumi up --yes");
        const up = await stack.up({ onOutput: (line) => process.stdout.write(line) });
        const after = await expiries(emulator.control);

        console.log("\nTarget                 Expiry before        Expiry after");
        for (const id of [...instanceIds, ...taggedIds, ...reservedInstanceIds]) {
            console.log(`${id.padEnd(22)} ${(before.get(id) ?? "?").padEnd(20)} ${after.get(id) ?? "?"}`);
        }
        const ledger = await emulator.control.ledger();
        console.log(`\nCharges made by this run: ${ledger.charges.length} (${JSON.stringify(up.summary.resourceChanges)})`);

        console.log("\n$ pulumi preview");
        const preview = await stack.preview({ onOutput: (line) => process.stdout.write(line) });
        const changes = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
        console.log(changes.length === 0 ? "\nPreview: nothing more would be renewed." : `\nPreview would still change: ${JSON.stringify(preview.changeSummary)}`);
        if (changes.length > 0) {
            process.exitCode = 1;
        }
    } finally {
        await emulator.stop();
    }
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
