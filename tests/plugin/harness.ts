/**
 * The plugin's specs drive its gRPC server in the test process, as the engine would, over a
 * real gRPC connection, against the emulator through the real ECS SDK. {@link usePlugin}
 * starts a server for the enclosing `describe` and stops it after.
 */
import type * as grpc from "@grpc/grpc-js";
import type { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import { DEFAULT_ACCESS_KEY, type RunningEmulator } from "../../emulator";
import { protocol } from "../../provider/hosts/plugin/proto";
import { pluginSchemaText } from "../../provider/hosts/plugin/schema";
import { startPluginServer, type PluginServer } from "../../provider/hosts/plugin/server";
import { fromStruct, toStruct, type PropertyMap } from "../../provider/hosts/plugin/wire";
import { REGION } from "../support/fixtures";

/** The URN the engine gives a lease named `name`. */
export const pluginUrn = (name: string): string => `urn:pulumi:dev::renewals::alicloud-renewal:index:RenewalLease::${name}`;

/** A plugin server and a client connected to it. */
export interface PluginUnderTest {
    /** The protocol's messages. */
    readonly pb: typeof ProviderPb;
    /** CheckConfig; rejects with the gRPC error, as every call here. */
    checkConfig(request: ProviderPb.CheckRequest): Promise<ProviderPb.CheckResponse>;
    /** GetSchema. */
    getSchema(): Promise<ProviderPb.GetSchemaResponse>;
    /** Read. */
    read(request: ProviderPb.ReadRequest): Promise<ProviderPb.ReadResponse>;
    /** Lines announced without an engine. */
    readonly announced: string[];
    /** Configure with the region and the emulator's key, plus `more` (`key` → value, without namespace). */
    configure(more?: Record<string, string>): Promise<void>;
    /** Check of a new lease `name` with `args`; the checked inputs, or the failures. */
    check(name: string, args: PropertyMap, olds?: PropertyMap): Promise<{ inputs: PropertyMap; failures: { property: string; reason: string }[] }>;
    /** Create of lease `name` from checked inputs; the id and outputs. */
    create(name: string, inputs: PropertyMap): Promise<{ id: string; outputs: PropertyMap }>;
    /** Diff of lease `name`. */
    diff(name: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs: PropertyMap): Promise<ProviderPb.DiffResponse>;
}

/**
 * Starts a plugin server against `emu` for the tests of the enclosing `describe`.
 * @param engineAddress - The engine's address, read when the server starts (default: no engine;
 *   announcements are collected in `announced`).
 */
export function usePlugin(emu: RunningEmulator, engineAddress: () => string | undefined = () => undefined): PluginUnderTest {
    const { grpc: grpcJs, provider, providerService } = protocol();
    let server: PluginServer | undefined;
    let client: ResourceProviderClient | undefined;
    const announced: string[] = [];
    before(async () => {
        server = await startPluginServer({
            engineAddress: engineAddress(),
            schema: pluginSchemaText,
            env: { ALICLOUD_RENEWAL_ENDPOINT: emu.url, ALICLOUD_RENEWAL_RETRY_BASE_DELAY_MS: "5", ALICLOUD_RENEWAL_RETRY_MAX_DELAY_MS: "20" },
            fallbackAnnounce: (line) => announced.push(line),
        });
        client = new providerService.ResourceProviderClient(`127.0.0.1:${server.port}`, grpcJs.credentials.createInsecure());
    });
    after(() => {
        client?.close();
        server?.stop();
    });
    const connected = (): ResourceProviderClient => {
        if (!client) {
            throw new Error("the plugin is used outside the tests of the describe that called usePlugin()");
        }
        return client;
    };
    /** A unary call as a promise: `start` makes the call with the callback given. */
    const call = <Res>(start: (client: ResourceProviderClient, callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown): Promise<Res> =>
        new Promise((resolve, reject) => {
            start(connected(), (err, res) => (err ? reject(err) : resolve(res)));
        });
    return {
        pb: provider,
        checkConfig: (request) => call<ProviderPb.CheckResponse>((c, done) => c.checkConfig(request, done)),
        getSchema: () => call<ProviderPb.GetSchemaResponse>((c, done) => c.getSchema(new provider.GetSchemaRequest(), done)),
        read: (request) => call<ProviderPb.ReadResponse>((c, done) => c.read(request, done)),
        announced,
        async configure(more = {}) {
            const request = new provider.ConfigureRequest().setAcceptsecrets(true);
            const variables = { region: REGION, accessKey: DEFAULT_ACCESS_KEY.id, secretKey: DEFAULT_ACCESS_KEY.secret, ...more };
            for (const [key, value] of Object.entries(variables)) {
                request.getVariablesMap().set(`alicloud-renewal:config:${key}`, value);
            }
            await call<ProviderPb.ConfigureResponse>((c, done) => c.configure(request, done));
        },
        async check(name, args, olds = {}) {
            const request = new provider.CheckRequest().setUrn(pluginUrn(name)).setOlds(toStruct(olds)).setNews(toStruct(args));
            const response = await call<ProviderPb.CheckResponse>((c, done) => c.check(request, done));
            return { inputs: fromStruct(response.getInputs()), failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
        },
        async create(name, inputs) {
            const request = new provider.CreateRequest().setUrn(pluginUrn(name)).setProperties(toStruct(inputs));
            const response = await call<ProviderPb.CreateResponse>((c, done) => c.create(request, done));
            return { id: response.getId(), outputs: fromStruct(response.getProperties()) };
        },
        diff(name, id, olds, news, oldInputs) {
            const request = new provider.DiffRequest().setUrn(pluginUrn(name)).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news)).setOldInputs(toStruct(oldInputs));
            return call<ProviderPb.DiffResponse>((c, done) => c.diff(request, done));
        },
    };
}
