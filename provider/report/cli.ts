#!/usr/bin/env node
/**
 * The `alicloud-renewal` command (the package's `bin`; `npm run report -- ...` in a checkout).
 * One command so far: `report`, see {@link REPORT_USAGE}. It reads with the provider's settings
 * from the environment (credentials, endpoint, timeouts, retries, pacing) and writes nothing.
 *
 * Exit status: 0 done; 1 ECS or credentials failed; 2 bad command line or setting (nothing called).
 */
import { isKnownRegion } from "../core/regions";
import { RenewalError } from "../core/errors";
import { missingCredentialsReason } from "../config/credential-presence";
import { ProviderSettings, resolveSettings } from "../config/settings";
import { createCallRateLimiter } from "../ecs/rate-limit";
import { RateLimitedGateway } from "../ecs/rate-limited-gateway";
import { withRetry } from "../ecs/retry";
import { SdkEcsGateway } from "../ecs/sdk-gateway";
import { parseReportArgs, REPORT_USAGE, ReportUsageError, USAGE_EXIT_CODE } from "./args";
import { reportJson, reportTable } from "./format";
import { readReport } from "./read";

/** Where the command writes. */
export interface CommandIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

/**
 * Runs the command.
 *
 * @param argv - Arguments after the program name (`report --region ...`).
 * @param env - The environment (settings and credentials).
 * @param io - Output.
 * @returns The exit status.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
        io.stdout(REPORT_USAGE + "\n");
        return command === undefined ? USAGE_EXIT_CODE : 0;
    }
    if (command !== "report") {
        io.stderr(`alicloud-renewal: unknown command ${JSON.stringify(command)}; the command is "report"\n\n${REPORT_USAGE}\n`);
        return USAGE_EXIT_CODE;
    }
    let settings: ProviderSettings;
    let region: string;
    let request: Exclude<ReturnType<typeof parseReportArgs>, "help">;
    try {
        const parsed = parseReportArgs(rest);
        if (parsed === "help") {
            io.stdout(REPORT_USAGE + "\n");
            return 0;
        }
        request = parsed;
        const fromEnv = resolveSettings(() => undefined, env);
        settings = request.endpoint ? { ...fromEnv, endpoint: request.endpoint } : fromEnv;
        const chosen = request.region ?? settings.region;
        if (chosen === undefined) {
            throw new ReportUsageError("--region is required (or set ALICLOUD_REGION)");
        }
        if (!isKnownRegion(chosen, settings.extraRegions)) {
            throw new ReportUsageError(`unknown region ${JSON.stringify(chosen)}; a region this release does not know can be allowed with ALICLOUD_RENEWAL_EXTRA_REGIONS`);
        }
        region = chosen;
    } catch (err) {
        if (err instanceof ReportUsageError || err instanceof RenewalError) {
            io.stderr(`alicloud-renewal report: ${err.message}\nRun "alicloud-renewal report --help" for the flags.\n`);
            return USAGE_EXIT_CODE;
        }
        throw err;
    }
    const noCredentials = missingCredentialsReason(settings.credentials, env);
    if (noCredentials) {
        io.stderr(`alicloud-renewal report: ${noCredentials}\n`);
        return 1;
    }
    const gateway = new RateLimitedGateway(new SdkEcsGateway(settings), createCallRateLimiter({ ceilingPerSecond: settings.maxCallsPerSecond }));
    try {
        const data = await readReport(region, request.tags, request.withinDays, {
            gateway,
            call: (operation) => withRetry(operation, settings.retry),
            concurrency: settings.maxConcurrency,
            progress: (line) => io.stderr(`${line}\n`),
            now: Date.now,
        });
        io.stdout(request.json ? JSON.stringify(reportJson(data, request.tags, request.withinDays), null, 2) + "\n" : reportTable(data, request.withinDays));
        return 0;
    } catch (err) {
        if (err instanceof RenewalError) {
            io.stderr(`alicloud-renewal report: ${err.message}\n`);
            return 1;
        }
        throw err;
    }
}

if (require.main === module) {
    main(process.argv.slice(2), process.env, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
    }).then((code) => {
        process.exitCode = code;
    }, (err: unknown) => {
        process.stderr.write(`alicloud-renewal: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
    });
}
