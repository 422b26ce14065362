/**
 * The plugin's Pulumi package schema, derived from the one declaration of the lease's
 * properties (`core/properties.ts`): the lease's arguments are its input properties, and
 * arguments and outputs together its properties. Internal inputs (the URN, `check`'s computed
 * inputs) are not part of the schema: programs never write them. YAML programs are
 * type-checked against this schema; Go, Python and .NET SDKs are generated from it.
 */
import { LEASE_PROPERTIES, LeaseProperty, OBJECT_TYPES, ObjectTypeName, PropertyType } from "../../core/properties";
import { PROVIDER_VERSION } from "../../core/version";
import { PLUGIN_CONFIG_KEYS } from "./config";


/** The package name: resource tokens are `alicloud-renewal:<module>:<Type>`. */
export const PACKAGE_NAME = "alicloud-renewal";

/** The Go import path of the SDK generated from this schema (`sdk/go`, module `pulumi-alicloud-renewal/sdk/go`). */
export const GO_IMPORT_BASE_PATH = "pulumi-alicloud-renewal/sdk/go/alicloudrenewal";

/** The resource type the plugin serves. */
export const LEASE_TYPE_TOKEN = `${PACKAGE_NAME}:index:RenewalLease`;

/** A property in the schema's vocabulary (`PropertySpec`). */
interface SchemaProperty {
    readonly type?: string;
    readonly items?: SchemaProperty;
    readonly additionalProperties?: SchemaProperty;
    readonly $ref?: string;
    readonly description?: string;
    readonly secret?: boolean;
    readonly replaceOnChanges?: boolean;
}

const typeToken = (name: ObjectTypeName): string => `${PACKAGE_NAME}:index:${name}`;

/** The schema form of a declared type (enums are documented in the description, not typed). */
function schemaType(type: PropertyType): SchemaProperty {
    switch (type.type) {
        case "array":
            return { type: "array", items: schemaType(type.items) };
        case "map":
            return { type: "object", additionalProperties: schemaType(type.values) };
        case "object":
            return { $ref: `#/types/${typeToken(type.name)}` };
        default:
            return { type: type.type };
    }
}

function schemaProperty(p: Pick<LeaseProperty, "type" | "description" | "replaceOnChange">): SchemaProperty {
    return { ...schemaType(p.type), description: p.description, ...(p.replaceOnChange ? { replaceOnChanges: true } : {}) };
}

const byName = <T extends { name: string }>(items: readonly T[], spec: (item: T) => SchemaProperty): Record<string, SchemaProperty> =>
    Object.fromEntries(items.map((item) => [item.name, spec(item)]));

/** The schema as an object. */
export function pluginSchema(): Record<string, unknown> {
    const declared = LEASE_PROPERTIES as readonly LeaseProperty[];
    const args = declared.filter((p) => p.role === "argument");
    const outputs = declared.filter((p) => p.role === "output");
    const config = byName(PLUGIN_CONFIG_KEYS, (k) => ({ type: "string", description: k.description, ...(k.secret ? { secret: true } : {}) }));
    return {
        name: PACKAGE_NAME,
        displayName: "Alibaba Cloud ECS renewals",
        version: PROVIDER_VERSION,
        description: "Renew Alibaba Cloud ECS subscription instances and reserved instances declaratively, never twice for one term.",
        license: "Apache-2.0",
        language: { go: { importBasePath: GO_IMPORT_BASE_PATH } },
        config: { variables: config },
        provider: { description: "The alicloud-renewal provider: credentials, region and ECS endpoint.", inputProperties: config },
        resources: {
            [LEASE_TYPE_TOKEN]: {
                description: "Renews a set of ECS subscription instances or reserved instances once per term, with idempotent ClientTokens.",
                inputProperties: byName(args, schemaProperty),
                properties: byName([...args, ...outputs], schemaProperty),
            },
        },
        types: Object.fromEntries(Object.entries(OBJECT_TYPES).map(([name, t]) => [typeToken(name as ObjectTypeName), {
            type: "object",
            description: t.description,
            properties: byName(t.fields, (f) => ({ ...schemaType(f.type), description: f.description })),
            required: t.fields.filter((f) => f.required).map((f) => f.name),
        }])),
    };
}

/** The schema as GetSchema answers it. */
export function pluginSchemaText(): string {
    return JSON.stringify(pluginSchema());
}
