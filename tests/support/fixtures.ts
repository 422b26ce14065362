/**
 * Shared test helpers: inventories for the emulator (its own seed types), a provider wired to an
 * emulator through the real ECS SDK, and readers of the emulator's ledger. Starting an emulator:
 * `./emulator.ts`.
 */
import { DEFAULT_ACCESS_KEY, type ChargeEntry, type RunningEmulator, type SeedInstance, type SeedInventory, type SeedReservedInstance } from "../../emulator";
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { SdkEcsGateway } from "../../provider/ecs/sdk-gateway";
import { LeaseLifecycle } from "../../provider/lifecycle/lease-lifecycle";
import type { LeaseDiff } from "../../provider/lifecycle/results";
import { isSerializedSecret } from "../../provider/core/secrecy";
import { ProviderSettings } from "../../provider/config/settings";
import { LeaseInputs } from "../../provider/core/types";

/** The region every test target lives in. */
export const REGION = "cn-hangzhou";

/** `n` reserved instance ids, zero-padded so they sort in numeric order. */
export function reservedIds(n: number, prefix = "ecsri-t"): string[] {
    return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
}

/** `n` instance ids. */
export function instanceIds(n: number, prefix = "i-t"): string[] {
    return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
}

/** The expiry of the targets {@link inventory} creates. */
export const DEFAULT_EXPIRY = "2027-01-15T16:00Z";

/** A running PrePaid instance in {@link REGION}. */
export function prepaidInstance(id: string, expiredTime = DEFAULT_EXPIRY, more: Partial<SeedInstance> = {}): SeedInstance {
    return { InstanceId: id, RegionId: REGION, InstanceChargeType: "PrePaid", Status: "Running", ExpiredTime: expiredTime, InstanceType: "ecs.g7.large", ...more };
}

/** An Active reserved instance in {@link REGION}. */
export function activeReservedInstance(id: string, expiredTime = DEFAULT_EXPIRY): SeedReservedInstance {
    return { ReservedInstanceId: id, RegionId: REGION, Status: "Active", ExpiredTime: expiredTime, InstanceType: "ecs.g7.large" };
}

/** An inventory with the given PrePaid instances and reserved instances, all expiring on {@link DEFAULT_EXPIRY}. */
export function inventory(instances: string[], reserved: string[], extra: Partial<SeedInventory> = {}): SeedInventory {
    return {
        ...extra,
        instances: [...instances.map((id) => prepaidInstance(id)), ...(extra.instances ?? [])],
        reservedInstances: [...reserved.map((id) => activeReservedInstance(id)), ...(extra.reservedInstances ?? [])],
    };
}

/** Settings that point the provider at `emu` with fast retries. */
export function settingsFor(emu: RunningEmulator, overrides: Partial<ProviderSettings> = {}): ProviderSettings {
    return {
        region: REGION,
        endpoint: { host: emu.endpoint, protocol: "http" },
        credentials: { kind: "static", accessKeyId: DEFAULT_ACCESS_KEY.id, accessKeySecret: DEFAULT_ACCESS_KEY.secret },
        retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, orderWaitMs: 200 },
        timeoutMs: 2000,
        maxConcurrency: 4,
        extraRegions: [],
        maxCallsPerSecond: 1000,
        ...overrides,
    };
}

/** A provider that calls `emu` through the real SDK. */
export function providerFor(emu: RunningEmulator, overrides: Partial<ProviderSettings> = {}, announced: string[] = []): LeaseLifecycle {
    const settings = settingsFor(emu, overrides);
    const gateway = new SdkEcsGateway(settings);
    return new LeaseLifecycle({ settings: () => settings, gateway: () => gateway, announce: (line) => announced.push(line) });
}

/** A test lease URN. */
export function urn(name: string): string {
    return `urn:pulumi:test::renewal::pulumi-nodejs:dynamic/alicloud-renewal:RenewalLease::${name}`;
}

/** Inputs as a program gives them to `check`: normalized ones from an earlier `check`, or raw arguments. */
export type RawInputs = LeaseInputs | Readonly<Record<string, unknown>>;

/** Runs `check` and returns the normalized inputs, failing the test on any validation failure. */
export async function checked(provider: LeaseLifecycle, news: RawInputs, olds: RawInputs = {}): Promise<LeaseInputs> {
    const result = await provider.check(olds as unknown as LeaseInputs, news as unknown as LeaseInputs);
    if (result.failures && result.failures.length > 0) {
        throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
    }
    return result.inputs as LeaseInputs;
}

/** Runs `check` as a preview does (the `RenewalLease` class then sets `dryRun: true`): prices are quoted. */
export function previewed(provider: LeaseLifecycle, news: RawInputs, olds: RawInputs = {}): Promise<LeaseInputs> {
    return checked(provider, { ...news, dryRun: true }, olds);
}

/** The lifecycle's answer when the program changed nothing that matters. */
export const NO_CHANGE: LeaseDiff = { replaces: [], changes: false, changedProperties: [] };

/** The ECS actions that change something (renewals and auto-renew attributes). */
export const WRITE_ACTIONS = ["RenewInstance", "RenewReservedInstances", "ModifyReservedInstanceAutoRenewAttribute", "ModifyInstanceAutoRenewAttribute"];

/** The charges the emulator has recorded. */
export async function ledgerCharges(emu: RunningEmulator): Promise<ChargeEntry[]> {
    return (await emu.control.ledger()).charges;
}

/** How many calls the emulator has answered for the given actions. */
export async function callCount(emu: RunningEmulator, actions: readonly string[]): Promise<number> {
    const { calls } = await emu.control.ledger();
    return actions.reduce((n, a) => n + (calls[a] ?? 0), 0);
}

/** The instant the coverage specs fix the emulator's clock at. */
export const FIXED_NOW = "2026-11-23T00:00:00.000Z";

/** One day, in ms. */
export const DAY_MS = 24 * 3600 * 1000;

/** `days` after {@link FIXED_NOW}, in the ECS minute format (`2027-02-21T00:00Z`). */
export function daysAfterNow(days: number): string {
    return new Date(Date.parse(FIXED_NOW) + days * DAY_MS).toISOString().slice(0, 16) + "Z";
}

/**
 * A provider answer as the engine sends it back to a dynamic provider (which does not
 * accept secrets): every secret replaced by its value.
 */
export function asEngineSends<T>(value: T): T {
    return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (isSerializedSecret(v) ? v.value : v)) as T;
}

/**
 * Tags (or, with `untag`, untags) instances the way a user does outside Pulumi: TagResources /
 * UntagResources through the official SDK.
 */
export async function retag(emu: RunningEmulator, ids: string[], change: { tag?: Record<string, string>; untag?: string[] }, resourceType = "instance"): Promise<void> {
    const client = new Ecs(new $OpenApiUtil.Config({ accessKeyId: DEFAULT_ACCESS_KEY.id, accessKeySecret: DEFAULT_ACCESS_KEY.secret, endpoint: emu.endpoint, protocol: "http", regionId: REGION }));
    if (change.tag) {
        await client.tagResources(new $Ecs.TagResourcesRequest({ regionId: REGION, resourceType, resourceId: ids,
            tag: Object.entries(change.tag).map(([key, value]) => new $Ecs.TagResourcesRequestTag({ key, value })) }));
    }
    if (change.untag) {
        await client.untagResources(new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType, resourceId: ids, tagKey: change.untag }));
    }
}

/** Seed tags in the emulator's shape. */
export function seedTags(tags: Record<string, string>): { TagKey: string; TagValue: string }[] {
    return Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}
