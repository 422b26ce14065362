/**
 * The command line of `alicloud-renewal report`: parsed and checked before anything is read,
 * so a bad flag changes nothing and calls nothing.
 */
import { parseArgs } from "node:util";
import { EndpointOverride, parseEndpoint } from "../config/settings";
import { MAX_SELECTOR_TAGS } from "../core/api-ranges";

/** What `report` was asked for. */
export interface ReportRequest {
    /** The region; absent: the provider's default region (`ALICLOUD_REGION`, ...). */
    readonly region?: string;
    /** Tags every listed target must carry, key to value. */
    readonly tags: Readonly<Record<string, string>>;
    /** Only targets with at most this many days left (expired ones included). */
    readonly withinDays?: number;
    /** Print JSON instead of a table. */
    readonly json: boolean;
    /** Endpoint override (wins over `ALICLOUD_RENEWAL_ENDPOINT`). */
    readonly endpoint?: EndpointOverride;
}

/** A command line `report` cannot run: the message says why; the exit status is {@link USAGE_EXIT_CODE}. */
export class ReportUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ReportUsageError";
    }
}

/** Exit status of a bad command line. */
export const USAGE_EXIT_CODE = 2;

/** The usage text. */
export const REPORT_USAGE = `Usage: alicloud-renewal report --region REGION [--tag KEY=VALUE]... [--within DAYS] [--json] [--endpoint URL]
   or: npm run report -- --region REGION ...      (in a checkout)

Lists every subscription instance and reserved instance of a region with its expiry, days
left, status, auto-renew setting and renewal price (1 month, where ECS quotes one), soonest
first. Read-only: it never renews or changes anything.

  --region REGION    region id (default: ALICLOUD_REGION, ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_REGION)
  --tag KEY=VALUE    only targets carrying this tag; repeat for several (all must match, at most ${MAX_SELECTOR_TAGS})
  --within DAYS      only targets with at most DAYS days left (expired ones included)
  --json             print JSON instead of a table
  --endpoint URL     ECS endpoint override (default: ALICLOUD_RENEWAL_ENDPOINT, else the region's public endpoint)
  --help             print this text

Credentials and other settings come from the environment, as for the provider
(ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY, ALICLOUD_PROFILE, the Alibaba Cloud default chain,
ALICLOUD_RENEWAL_TIMEOUT_MS, ALICLOUD_RENEWAL_MAX_CALLS_PER_SECOND, ...).`;

/**
 * Parses the arguments that follow `report`.
 *
 * @param argv - The arguments after the command name.
 * @returns The request, or `"help"` when `--help` was given.
 * @throws ReportUsageError for anything else than the flags above.
 */
export function parseReportArgs(argv: readonly string[]): ReportRequest | "help" {
    let parsed: ReturnType<typeof parse>;
    try {
        parsed = parse(argv);
    } catch (err) {
        const message = (err as Error).message;
        const unknown = /^Unknown option '([^']+)'/.exec(message);
        throw new ReportUsageError(unknown ? `unknown flag ${unknown[1]}` : message.split("\n")[0] ?? message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        return "help";
    }
    if (positionals.length > 0) {
        throw new ReportUsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    }
    const region = values.region;
    if (region !== undefined && !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(region)) {
        throw new ReportUsageError(`--region must be a region id such as cn-hangzhou; got ${JSON.stringify(region)}`);
    }
    const tags: Record<string, string> = {};
    for (const raw of values.tag ?? []) {
        const eq = raw.indexOf("=");
        const key = eq < 0 ? "" : raw.slice(0, eq);
        const value = eq < 0 ? "" : raw.slice(eq + 1);
        if (key === "" || value === "") {
            throw new ReportUsageError(`--tag must be KEY=VALUE with both non-empty; got ${JSON.stringify(raw)}`);
        }
        if (key in tags && tags[key] !== value) {
            throw new ReportUsageError(`--tag ${key} is given twice with different values`);
        }
        tags[key] = value;
    }
    if (Object.keys(tags).length > MAX_SELECTOR_TAGS) {
        throw new ReportUsageError(`at most ${MAX_SELECTOR_TAGS} --tag flags; got ${Object.keys(tags).length}`);
    }
    let withinDays: number | undefined;
    if (values.within !== undefined) {
        withinDays = Number(values.within);
        if (!/^\d+$/.test(values.within) || !Number.isSafeInteger(withinDays)) {
            throw new ReportUsageError(`--within must be a whole number of days (0 or more); got ${JSON.stringify(values.within)}`);
        }
    }
    let endpoint: EndpointOverride | undefined;
    if (values.endpoint !== undefined) {
        try {
            endpoint = parseEndpoint(values.endpoint, "--endpoint");
        } catch (err) {
            throw new ReportUsageError((err as Error).message);
        }
    }
    return {
        ...(region !== undefined ? { region } : {}),
        tags,
        ...(withinDays !== undefined ? { withinDays } : {}),
        json: values.json ?? false,
        ...(endpoint ? { endpoint } : {}),
    };
}

function parse(argv: readonly string[]) {
    return parseArgs({
        args: [...argv],
        strict: true,
        allowPositionals: true,
        options: {
            region: { type: "string" },
            tag: { type: "string", multiple: true },
            within: { type: "string" },
            json: { type: "boolean" },
            endpoint: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });
}
