/**
 * The Alibaba Cloud SDK packages, loaded on first use. `@alicloud/ecs20140526` loads
 * its 2,083 model classes when required (about 0.6 s and 45 MB in a fresh process), and
 * the dynamic provider process is started for every Pulumi command: loading the SDK
 * only when the first ECS call is made keeps a preview that calls nothing from paying it,
 * and its model classes are loaded one by one as they are used (see `lazy-ecs-models.ts`).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Credentials from "@alicloud/credentials";
import type * as EcsSdk from "@alicloud/ecs20140526";
import type * as OpenApiCore from "@alicloud/openapi-core";
import type * as Dara from "@darabonba/typescript";
import { installLazyModelIndex } from "./lazy-ecs-models";

/** The SDK packages the ECS adapter uses. */
export interface SdkModules {
    readonly ecs: typeof EcsSdk;
    readonly openapi: typeof OpenApiCore;
    readonly dara: typeof Dara;
    readonly credentials: typeof Credentials;
}

let loaded: SdkModules | undefined;

/** Loads the SDK packages (once per process). */
export function sdkModules(): SdkModules {
    if (!loaded) {
        installLazyModelIndex(require.resolve("@alicloud/ecs20140526/dist/models/model.js"));
        loaded = {
            ecs: require("@alicloud/ecs20140526"),
            openapi: require("@alicloud/openapi-core"),
            dara: require("@darabonba/typescript"),
            credentials: require("@alicloud/credentials"),
        };
    }
    return loaded;
}
