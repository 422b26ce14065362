/**
 * The gRPC runtime and the Pulumi protocol stubs, taken from `@pulumi/pulumi`'s own
 * dependency tree. The stubs build their messages with the `google-protobuf` copy they
 * resolve themselves; a `Struct` made by another copy fails to deserialize ("Error
 * deserializing request"), so every module here is resolved from where `@pulumi/pulumi`
 * resolves it, never from this package's own `node_modules` first.
 */
import { createRequire } from "node:module";
import type * as Grpc from "@grpc/grpc-js";
import type * as ProviderPb from "@pulumi/pulumi/proto/provider_pb";
import type * as ProviderGrpcPb from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as EnginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as EngineGrpcPb from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as StatusPb from "@pulumi/pulumi/proto/status_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as AnyPb from "google-protobuf/google/protobuf/any_pb";

/** The modules the plugin host speaks the protocol with. */
export interface ProtocolModules {
    readonly grpc: typeof Grpc;
    readonly provider: typeof ProviderPb;
    readonly providerService: typeof ProviderGrpcPb;
    readonly plugin: typeof PluginPb;
    readonly engine: typeof EnginePb;
    readonly engineService: typeof EngineGrpcPb;
    readonly status: typeof StatusPb;
    readonly struct: typeof StructPb;
    readonly empty: typeof EmptyPb;
    readonly any: typeof AnyPb;
}

let loaded: ProtocolModules | undefined;

/** Loads the modules once per process, resolved from `@pulumi/pulumi/proto`'s folder. */
export function protocol(): ProtocolModules {
    if (!loaded) {
        const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
        loaded = {
            grpc: fromPulumi("@grpc/grpc-js"),
            provider: fromPulumi("./provider_pb"),
            providerService: fromPulumi("./provider_grpc_pb"),
            plugin: fromPulumi("./plugin_pb"),
            engine: fromPulumi("./engine_pb"),
            engineService: fromPulumi("./engine_grpc_pb"),
            status: fromPulumi("./status_pb"),
            struct: fromPulumi("google-protobuf/google/protobuf/struct_pb"),
            empty: fromPulumi("google-protobuf/google/protobuf/empty_pb"),
            any: fromPulumi("google-protobuf/google/protobuf/any_pb"),
        };
    }
    return loaded;
}
