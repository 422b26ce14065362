/**
 * The provider plugin's gRPC service (`pulumirpc.ResourceProvider`), served by hand so that
 * it can answer what `@pulumi/pulumi/provider`'s `main()` drops: Configure with the stack's
 * settings, CheckConfig that names the wrong key, Diff with a detailed diff, and Read for
 * `pulumi import`. Methods not implemented here (Handshake, DiffConfig, Invoke, Call,
 * Construct, …) answer UNIMPLEMENTED; the engine then does without them (DiffConfig must stay
 * so: the engine's own config diff is what passes new settings to Configure).
 *
 * Every handler reveals secret wrappers before the lifecycle sees the values and answers with
 * the secret properties wrapped again; errors become gRPC statuses, and an error that carries
 * a partial state (`id`, `properties`, `reasons`) becomes `ErrorResourceInitFailed`, so the
 * engine records what was bought.
 */
import type * as grpc from "@grpc/grpc-js";
import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { ProviderSettings } from "../../config/settings";
import { EcsGateway } from "../../ecs/gateway";
import { LeaseInputs, LeaseOutputs } from "../../core/types";
import { PROVIDER_VERSION } from "../../core/version";
import { Announcements } from "./announcements";
import { checkPluginConfig, settingsFromVariables } from "./config";
import { wireProcessLifecycle } from "../process-lifecycle";
import type { LeaseLifecycle } from "../../lifecycle/lease-lifecycle";
import { protocol } from "./proto";
import { concealProperties, fromStruct, PropertyMap, revealProperties, toStruct } from "./wire";

/** What a plugin server is built from. */
export interface PluginServerOptions {
    /** The engine's address (the plugin's first argument), for announcements; none in tests. */
    readonly engineAddress?: string;
    /** The schema, as GetSchema answers it. */
    readonly schema: () => string;
    /** The environment the settings read (default: the process's). */
    readonly env?: NodeJS.ProcessEnv;
    /** The gateway for some settings (default: the SDK, paced). */
    readonly gatewayFor?: (settings: ProviderSettings) => EcsGateway;
    /** Where announcements go without an engine (default: stderr). */
    readonly fallbackAnnounce?: (line: string) => void;
}

/** A running plugin server. */
export interface PluginServer {
    /** The port it listens on (127.0.0.1). */
    readonly port: number;
    /** Stops it at once. */
    stop(): void;
}

type Handler<Req, Res> = grpc.handleUnaryCall<Req, Res>;

/** An error with the partial state of what a step bought (see the lifecycle's `partial`). */
interface PartialState {
    readonly id: string;
    readonly properties: PropertyMap;
    readonly reasons?: string[];
}

function partialStateOf(err: unknown): PartialState | undefined {
    const e = err as Partial<PartialState> | null;
    return e && typeof e.id === "string" && e.id !== "" && typeof e.properties === "object" && e.properties !== null ? (e as PartialState) : undefined;
}

/** An error as the engine reads it (see `grpcResponseFromError` in `@pulumi/pulumi`'s dynamic provider host). */
function toStatus(err: unknown): grpc.ServiceError {
    const { grpc, provider, status, any } = protocol();
    const message = err instanceof Error ? err.message : String(err);
    const metadata = new grpc.Metadata();
    const partial = partialStateOf(err);
    if (partial) {
        const detail = new provider.ErrorResourceInitFailed();
        detail.setId(partial.id);
        detail.setProperties(toStruct(partial.properties));
        detail.setReasonsList(partial.reasons ?? [message]);
        const packed = new any.Any();
        packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const rich = new status.Status();
        rich.setCode(grpc.status.UNKNOWN);
        rich.setMessage(message);
        rich.addDetails(packed);
        metadata.add("grpc-status-details-bin", Buffer.from(rich.serializeBinary()));
    }
    return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

/** The service implementation for `port`. */
export function pluginService(lease: LeaseLifecycle, announcements: Announcements, configure: (variables: ReadonlyMap<string, string>) => void, options: PluginServerOptions): Partial<IResourceProviderServer> {
    const { provider, plugin, empty } = protocol();
    const env = options.env ?? process.env;
    /** Runs a handler: announcements of the resource `urn` go to the engine; a throw becomes a status. */
    function unary<Req, Res>(urnOf: (req: Req) => string, work: (req: Req) => Promise<Res>): Handler<Req, Res> {
        return (call, callback) => {
            announcements.during(urnOf(call.request), () => work(call.request))
                .then((res) => callback(null, res), (err: unknown) => callback(toStatus(err)));
        };
    }
    const none = (): string => "";
    return {
        getPluginInfo: unary(none, async () => new plugin.PluginInfo().setVersion(PROVIDER_VERSION)),
        getSchema: unary(none, async () => new provider.GetSchemaResponse().setSchema(options.schema())),
        checkConfig: unary((req) => req.getUrn(), async (req) => {
            const news = fromStruct(req.getNews());
            const failures = checkPluginConfig(revealProperties(news).properties, env)
                .map((p) => new provider.CheckFailure().setProperty(p.property).setReason(p.reason));
            return new provider.CheckResponse().setInputs(req.getNews()).setFailuresList(failures);
        }),
        configure: unary(none, async (req) => {
            const variables = new Map<string, string>();
            req.getVariablesMap().forEach((value, key) => variables.set(key, value));
            configure(variables);
            // Secrets: accepted, so that secret arguments arrive marked and outputs go back marked.
            // Preview: not supported, so the engine never calls Create or Update in a preview, and a
            // preview cannot buy anything whatever happens here; Check and Diff show the plan.
            return new provider.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false).setAcceptoutputs(false);
        }),
        check: unary((req) => req.getUrn(), async (req) => {
            const olds = revealProperties(fromStruct(req.getOlds())).properties;
            const news = revealProperties(fromStruct(req.getNews()));
            // Only arguments arrive from a program; on import, the inputs Read returned.
            const secretInputs = news.secretNames.filter((n) => n !== "secretInputs");
            const raw: PropertyMap = {
                ...news.properties,
                ...(secretInputs.length > 0 ? { secretInputs } : {}),
                leaseUrn: req.getUrn(),
            };
            // Check cannot tell a preview from the update pass of `up` (the request does not say),
            // so it always checks as for a preview: it quotes the price of what it plans.
            const result = await lease.check(olds as unknown as LeaseInputs, raw as unknown as LeaseInputs, { preview: true });
            const failures = (result.failures ?? []).map((f) => new provider.CheckFailure().setProperty(f.property).setReason(f.reason));
            const inputs = result.inputs as unknown as PropertyMap;
            return new provider.CheckResponse().setInputs(toStruct(concealProperties(inputs, result.inputs.secretInputs ?? []))).setFailuresList(failures);
        }),
        diff: unary((req) => req.getUrn(), async (req) => {
            const olds = revealProperties(fromStruct(req.getOlds())).properties;
            const news = revealProperties(fromStruct(req.getNews())).properties;
            const answer = await lease.diff(req.getId(), olds as unknown as LeaseOutputs, news as unknown as LeaseInputs);
            // The per-target detail `check` computed: listed so that `preview --diff` prints it.
            const planned = Array.isArray(news.plannedRenewals) && news.plannedRenewals.length > 0 ? ["plannedRenewals"] : [];
            return diffResponse(answer.changes, answer.replaces, [...answer.changedProperties, ...planned], olds, news);
        }),
        create: unary((req) => req.getUrn(), async (req) => {
            const inputs = revealProperties(fromStruct(req.getProperties())).properties;
            if (req.getPreview()) {
                return new provider.CreateResponse().setId("").setProperties(req.getProperties());
            }
            const result = await lease.create({ ...inputs, leaseUrn: req.getUrn() } as unknown as LeaseInputs);
            return new provider.CreateResponse().setId(result.id).setProperties(toStruct((result.outs ?? {}) as unknown as PropertyMap));
        }),
        update: unary((req) => req.getUrn(), async (req) => {
            if (req.getPreview()) {
                return new provider.UpdateResponse().setProperties(req.getOlds());
            }
            const olds = revealProperties(fromStruct(req.getOlds())).properties;
            const news = revealProperties(fromStruct(req.getNews())).properties;
            const result = await lease.update(req.getId(), olds as unknown as LeaseOutputs, news as unknown as LeaseInputs);
            return new provider.UpdateResponse().setProperties(toStruct((result.outs ?? olds) as unknown as PropertyMap));
        }),
        read: unary((req) => req.getUrn(), async (req) => {
            const state = revealProperties(fromStruct(req.getProperties())).properties;
            if (Object.keys(state).length === 0) {
                // `pulumi import`: only the id and the URN are known.
                const imported = await lease.importLease(req.getId(), req.getUrn());
                return new provider.ReadResponse().setId(imported.id)
                    .setProperties(toStruct(imported.outputs as unknown as PropertyMap))
                    .setInputs(toStruct(imported.inputs));
            }
            const result = await lease.read(req.getId(), state as unknown as LeaseOutputs);
            const response = new provider.ReadResponse().setId(result.id ?? "");
            if (result.id && result.props) {
                response.setProperties(toStruct(result.props as unknown as PropertyMap)).setInputs(req.getInputs());
            }
            return response;
        }),
        delete: unary((req) => req.getUrn(), async () => {
            await lease.delete();
            return new empty.Empty();
        }),
        cancel: unary(none, async () => new empty.Empty()),
    };

    function diffResponse(changes: boolean, replaces: string[], changed: string[], olds: PropertyMap, news: PropertyMap) {
        const { DiffChanges } = provider.DiffResponse;
        const { Kind } = provider.PropertyDiff;
        const response = new provider.DiffResponse()
            .setChanges(changes ? DiffChanges.DIFF_SOME : DiffChanges.DIFF_NONE)
            .setReplacesList(replaces)
            .setDeletebeforereplace(false);
        if (!changes) {
            return response;
        }
        const listed = [...new Set([...changed, ...replaces])].sort();
        const detailed = response.getDetaileddiffMap();
        for (const name of listed) {
            const replace = replaces.includes(name);
            const kind = !(name in news) ? (replace ? Kind.DELETE_REPLACE : Kind.DELETE)
                : olds[name] === undefined ? (replace ? Kind.ADD_REPLACE : Kind.ADD)
                : replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
            detailed.set(name, new provider.PropertyDiff().setKind(kind).setInputdiff(true));
        }
        return response.setDiffsList(listed).setHasdetaileddiff(true);
    }
}

/**
 * Starts the plugin's gRPC server on a free port of 127.0.0.1.
 * @param options - The engine address, the schema and, for tests, the gateway.
 */
export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
    const { grpc, providerService } = protocol();
    const announcements = new Announcements(options.engineAddress, options.fallbackAnnounce);
    const env = options.env ?? process.env;
    // Before Configure (which the engine always sends first) the environment alone decides.
    const wired = wireProcessLifecycle({
        initial: () => settingsFromVariables(new Map(), env),
        announce: (line) => announcements.announce(line),
        ...(options.gatewayFor ? { gatewayFor: options.gatewayFor } : {}),
    });
    const service = pluginService(wired.lifecycle, announcements, (variables) => wired.configure(settingsFromVariables(variables, env)), options);
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(providerService.ResourceProviderService, service as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
    });
    return { port, stop: () => server.forceShutdown() };
}
