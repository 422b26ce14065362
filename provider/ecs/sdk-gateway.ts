/**
 * The ECS client adapter: the only module that talks to ECS. It wraps the official
 * `@alicloud/ecs20140526` client (v7, on `@alicloud/openapi-core`), sends exactly the
 * parameters a renewal needs, and maps every failure to this provider's error family.
 * It does not retry; `retry.ts` does, around it. The SDK is loaded by the first call
 * (`sdk-modules.ts`), so a process that calls nothing (a `diff`, a `delete`) never loads it.
 */
import type Ecs from "@alicloud/ecs20140526";
import type * as $dara from "@darabonba/typescript";
import { CallContext, toRenewalError } from "../core/errors";
import { PriceQuery, PriceQuote } from "../core/pricing";
import { PROVIDER_VERSION } from "../core/version";
import { ProviderSettings } from "../config/settings";
import { createCredential } from "./credentials";
import { MAX_SELECTOR_TAGS } from "../core/api-ranges";
import { EcsGateway, InstanceAutoRenewState, MAX_IDS_PER_DESCRIBE, RenewInstanceCall, RenewReservedInstancesCall, RenewResult, ReservedInstanceSelector, ReservedInstanceStatus, SelectedPage, SelectedTarget, TargetPage } from "./gateway";
import { InstanceAutoRenewPolicy, LiveTarget, TargetSelector } from "../core/types";
import { sdkModules } from "./sdk-modules";

/** The gateway backed by the official SDK. One SDK client per region. */
export class SdkEcsGateway implements EcsGateway {
    private readonly clients = new Map<string, Ecs>();
    private runtimeOptions: $dara.RuntimeOptions | undefined;

    /** Creates the gateway; the SDK is loaded by the first call, not here. */
    constructor(private readonly settings: ProviderSettings) {}

    private get runtime(): $dara.RuntimeOptions {
        // No `keepAlive` here on purpose. Connections are kept alive and reused by the
        // process-wide keep-alive agent of `httpx`, which the SDK uses when it is given no
        // agent; `@alicloud/openapi-core` 1.0.8 does not forward `keepAlive` anyway, and
        // `@darabonba/typescript` would build a new Agent for every request if it did
        // (tests/performance/keep-alive.spec.ts checks one connection serves many calls).
        this.runtimeOptions ??= new (sdkModules().dara.RuntimeOptions)({ readTimeout: this.settings.timeoutMs, connectTimeout: this.settings.timeoutMs });
        return this.runtimeOptions;
    }

    private client(regionId: string): Ecs {
        let client = this.clients.get(regionId);
        if (!client) {
            const { ecs, openapi } = sdkModules();
            const config = new openapi.$OpenApiUtil.Config({
                credential: createCredential(this.settings.credentials),
                regionId,
                userAgent: `pulumi-alicloud-renewal/${PROVIDER_VERSION}`,
                readTimeout: this.settings.timeoutMs,
                connectTimeout: this.settings.timeoutMs,
                ...(this.settings.endpoint ? { endpoint: this.settings.endpoint.host, protocol: this.settings.endpoint.protocol } : {}),
            });
            client = new ecs.default(config);
            this.clients.set(regionId, client);
        }
        return client;
    }

    private async call<T>(context: CallContext, regionId: string, send: (client: Ecs) => Promise<T>): Promise<T> {
        try {
            return await send(this.client(regionId));
        } catch (err) {
            throw toRenewalError(err, context);
        }
    }

    async renewInstance(call: RenewInstanceCall): Promise<RenewResult> {
        const context = { action: "RenewInstance", ids: [call.instanceId], clientToken: call.clientToken };
        const response = await this.call(context, call.regionId, (c) => c.renewInstanceWithOptions(new (sdkModules().ecs.RenewInstanceRequest)({
            instanceId: call.instanceId,
            period: call.period,
            periodUnit: call.periodUnit,
            expectedRenewDay: call.expectedRenewDay,
            clientToken: call.clientToken,
        }), this.runtime));
        return { requestId: response.body?.requestId ?? "", ...orderIdOf(response.body) };
    }

    async renewReservedInstances(call: RenewReservedInstancesCall): Promise<RenewResult> {
        const context = { action: "RenewReservedInstances", ids: call.reservedInstanceIds, clientToken: call.clientToken };
        const response = await this.call(context, call.regionId, (c) => c.renewReservedInstancesWithOptions(new (sdkModules().ecs.RenewReservedInstancesRequest)({
            regionId: call.regionId,
            reservedInstanceId: [...call.reservedInstanceIds],
            period: call.period,
            periodUnit: call.periodUnit,
            autoRenew: call.autoRenew,
            autoRenewPeriod: call.autoRenew ? call.autoRenewPeriod : undefined,
            clientToken: call.clientToken,
        }), this.runtime));
        return { requestId: response.body?.requestId ?? "", ...orderIdOf(response.body) };
    }

    async describeInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]> {
        assertBatch(ids);
        return (await this.instancePage(regionId, 1, ids)).targets;
    }

    async describeReservedInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]> {
        assertBatch(ids);
        return (await this.reservedInstancePage(regionId, 1, ids)).targets;
    }

    listTargets(kind: "instance" | "reservedInstance", regionId: string, pageNumber: number): Promise<TargetPage> {
        return kind === "instance" ? this.instancePage(regionId, pageNumber) : this.reservedInstancePage(regionId, pageNumber);
    }

    private async instancePage(regionId: string, pageNumber: number, ids?: readonly string[]): Promise<TargetPage> {
        const context = { action: "DescribeInstances", ids: ids ?? [] };
        const response = await this.call(context, regionId, (c) => c.describeInstancesWithOptions(new (sdkModules().ecs.DescribeInstancesRequest)({
            regionId,
            ...(ids ? { instanceIds: JSON.stringify(ids) } : {}),
            pageNumber,
            pageSize: MAX_IDS_PER_DESCRIBE,
        }), this.runtime));
        const observedAt = answeredAt(response.headers);
        const targets = (response.body?.instances?.instance ?? []).map((i) => ({
            id: i.instanceId ?? "",
            status: i.status ?? "",
            expiredTime: i.expiredTime ?? "",
            ...(i.instanceChargeType ? { chargeType: i.instanceChargeType } : {}),
            ...lockReasonsOf(i.operationLocks?.lockReason),
            ...(observedAt !== undefined ? { observedAt } : {}),
        }));
        return { targets, totalCount: response.body?.totalCount ?? targets.length };
    }

    async selectInstances(regionId: string, selector: TargetSelector, pageNumber: number): Promise<SelectedPage> {
        assertSelector(selector, pageNumber);
        if (selector.namePrefix !== undefined && (selector.namePrefix === "" || selector.namePrefix.includes("*"))) {
            throw new RangeError(`namePrefix must be a non-empty name start without "*"; got ${JSON.stringify(selector.namePrefix)}`);
        }
        const { ecs } = sdkModules();
        const response = await this.call({ action: "DescribeInstances", ids: [] }, regionId, (c) => c.describeInstancesWithOptions(new ecs.DescribeInstancesRequest({
            regionId,
            instanceChargeType: "PrePaid",
            ...(selector.tags ? { tag: Object.entries(selector.tags).map(([key, value]) => new ecs.DescribeInstancesRequestTag({ key, value })) } : {}),
            ...(selector.resourceGroupId !== undefined ? { resourceGroupId: selector.resourceGroupId } : {}),
            ...(selector.zoneId !== undefined ? { zoneId: selector.zoneId } : {}),
            ...(selector.namePrefix !== undefined ? { instanceName: `${selector.namePrefix}*` } : {}),
            pageNumber,
            pageSize: MAX_IDS_PER_DESCRIBE,
        }), this.runtime));
        const observedAt = answeredAt(response.headers);
        const targets = (response.body?.instances?.instance ?? []).map((i): SelectedTarget => ({
            id: i.instanceId ?? "",
            status: i.status ?? "",
            expiredTime: i.expiredTime ?? "",
            ...(i.instanceChargeType ? { chargeType: i.instanceChargeType } : {}),
            ...lockReasonsOf(i.operationLocks?.lockReason),
            ...(observedAt !== undefined ? { observedAt } : {}),
            ...(i.instanceName ? { name: i.instanceName } : {}),
            ...(i.zoneId ? { zoneId: i.zoneId } : {}),
            ...(i.resourceGroupId ? { resourceGroupId: i.resourceGroupId } : {}),
            tags: tagsOf(i.tags?.tag),
        }));
        return { targets, totalCount: response.body?.totalCount ?? targets.length };
    }

    async selectReservedInstances(regionId: string, selector: ReservedInstanceSelector, pageNumber: number, statuses: readonly ReservedInstanceStatus[] = ["Active"]): Promise<SelectedPage> {
        assertSelector(selector, pageNumber);
        const { ecs } = sdkModules();
        const response = await this.call({ action: "DescribeReservedInstances", ids: [] }, regionId, (c) => c.describeReservedInstancesWithOptions(new ecs.DescribeReservedInstancesRequest({
            regionId,
            status: [...statuses],
            ...(selector.tags ? { tag: Object.entries(selector.tags).map(([key, value]) => new ecs.DescribeReservedInstancesRequestTag({ key, value })) } : {}),
            ...(selector.zoneId !== undefined ? { zoneId: selector.zoneId } : {}),
            pageNumber,
            pageSize: MAX_IDS_PER_DESCRIBE,
        }), this.runtime));
        const observedAt = answeredAt(response.headers);
        const targets = (response.body?.reservedInstances?.reservedInstance ?? [])
            // DescribeReservedInstances has no ResourceGroupId filter.
            .filter((r) => selector.resourceGroupId === undefined || r.resourceGroupId === selector.resourceGroupId)
            .map((r): SelectedTarget => ({
                id: r.reservedInstanceId ?? "",
                status: r.status ?? "",
                expiredTime: r.expiredTime ?? "",
                ...(observedAt !== undefined ? { observedAt } : {}),
                ...(r.reservedInstanceName ? { name: r.reservedInstanceName } : {}),
                ...(r.zoneId ? { zoneId: r.zoneId } : {}),
                ...(r.resourceGroupId ? { resourceGroupId: r.resourceGroupId } : {}),
                tags: tagsOf(r.tags?.tag),
            }));
        return { targets, totalCount: response.body?.totalCount ?? targets.length };
    }

    private async reservedInstancePage(regionId: string, pageNumber: number, ids?: readonly string[]): Promise<TargetPage> {
        const context = { action: "DescribeReservedInstances", ids: ids ?? [] };
        const response = await this.call(context, regionId, (c) => c.describeReservedInstancesWithOptions(new (sdkModules().ecs.DescribeReservedInstancesRequest)({
            regionId,
            ...(ids ? { reservedInstanceId: [...ids] } : {}),
            pageNumber,
            pageSize: MAX_IDS_PER_DESCRIBE,
        }), this.runtime));
        const observedAt = answeredAt(response.headers);
        const targets = (response.body?.reservedInstances?.reservedInstance ?? []).map((r) => ({
            id: r.reservedInstanceId ?? "",
            status: r.status ?? "",
            expiredTime: r.expiredTime ?? "",
            ...(observedAt !== undefined ? { observedAt } : {}),
        }));
        return { targets, totalCount: response.body?.totalCount ?? targets.length };
    }

    async modifyReservedInstanceAutoRenew(regionId: string, ids: readonly string[], enabled: boolean, periodMonths?: number): Promise<RenewResult> {
        const context = { action: "ModifyReservedInstanceAutoRenewAttribute", ids };
        const response = await this.call(context, regionId, (c) => c.modifyReservedInstanceAutoRenewAttributeWithOptions(new (sdkModules().ecs.ModifyReservedInstanceAutoRenewAttributeRequest)({
            regionId,
            reservedInstanceId: [...ids],
            renewalStatus: enabled ? "AutoRenewal" : "Normal",
            // The attribute API counts the auto-renew term in Years (1 or 3); RenewReservedInstances counts it in months (12 or 36).
            ...(enabled && periodMonths !== undefined ? { period: periodMonths / 12, periodUnit: "Year" } : {}),
        }), this.runtime));
        return { requestId: response.body?.requestId ?? "" };
    }

    async describeRenewalPrice(regionId: string, instanceId: string, query: PriceQuery): Promise<PriceQuote> {
        const context = { action: "DescribeRenewalPrice", ids: [instanceId] };
        const response = await this.call(context, regionId, (c) => c.describeRenewalPriceWithOptions(new (sdkModules().ecs.DescribeRenewalPriceRequest)({
            regionId,
            resourceType: "instance",
            resourceId: instanceId,
            ...("expectedRenewDay" in query ? { expectedRenewDay: query.expectedRenewDay } : { period: query.period, priceUnit: query.priceUnit }),
        }), this.runtime));
        const price = response.body?.priceInfo?.price;
        if (price?.tradePrice === undefined || price.currency === undefined) {
            throw toRenewalError(new Error(`DescribeRenewalPrice answered without a trade price for ${instanceId}`), context);
        }
        return { tradePrice: price.tradePrice, currency: price.currency };
    }

    async modifyInstanceAutoRenew(regionId: string, ids: readonly string[], policy: InstanceAutoRenewPolicy): Promise<RenewResult> {
        assertBatch(ids);
        const context = { action: "ModifyInstanceAutoRenewAttribute", ids };
        const response = await this.call(context, regionId, (c) => c.modifyInstanceAutoRenewAttributeWithOptions(new (sdkModules().ecs.ModifyInstanceAutoRenewAttributeRequest)({
            regionId,
            instanceId: ids.join(","),
            ...(policy.enabled
                ? { autoRenew: true, renewalStatus: "AutoRenewal", duration: policy.duration, periodUnit: policy.periodUnit }
                : { autoRenew: false, renewalStatus: "Normal" }),
        }), this.runtime));
        return { requestId: response.body?.requestId ?? "" };
    }

    async describeReservedInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]> {
        assertBatch(ids);
        const context = { action: "DescribeReservedInstanceAutoRenewAttribute", ids };
        const response = await this.call(context, regionId, (c) => c.describeReservedInstanceAutoRenewAttributeWithOptions(new (sdkModules().ecs.DescribeReservedInstanceAutoRenewAttributeRequest)({
            regionId,
            reservedInstanceId: [...ids],
        }), this.runtime));
        return (response.body?.reservedInstanceRenewAttributes?.reservedInstanceRenewAttribute ?? []).map((a) => ({
            id: a.reservedInstanceId ?? "",
            renewalStatus: a.renewalStatus ?? "",
            ...(a.duration !== undefined ? { duration: a.duration } : {}),
            ...(a.periodUnit ? { periodUnit: a.periodUnit } : {}),
        }));
    }

    async describeInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]> {
        assertBatch(ids);
        const context = { action: "DescribeInstanceAutoRenewAttribute", ids };
        const response = await this.call(context, regionId, (c) => c.describeInstanceAutoRenewAttributeWithOptions(new (sdkModules().ecs.DescribeInstanceAutoRenewAttributeRequest)({
            regionId,
            instanceId: ids.join(","),
            pageNumber: "1",
            pageSize: String(MAX_IDS_PER_DESCRIBE),
        }), this.runtime));
        return (response.body?.instanceRenewAttributes?.instanceRenewAttribute ?? []).map((a) => ({
            id: a.instanceId ?? "",
            renewalStatus: a.renewalStatus ?? (a.autoRenewEnabled ? "AutoRenewal" : "Normal"),
            ...(a.duration !== undefined ? { duration: a.duration } : {}),
            ...(a.periodUnit ? { periodUnit: a.periodUnit } : {}),
        }));
    }
}

/** The `Date` of an answer, in ms; undefined when absent or unreadable. */
function answeredAt(headers: { [key: string]: string } | undefined): number | undefined {
    const value = headers?.date ?? headers?.Date;
    const ms = value ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
}

function orderIdOf(body: { orderId?: string } | undefined): { orderId?: string } {
    return body?.orderId ? { orderId: String(body.orderId) } : {};
}

function assertBatch(ids: readonly string[]): void {
    if (ids.length === 0 || ids.length > MAX_IDS_PER_DESCRIBE) {
        throw new RangeError(`a describe call takes 1 to ${MAX_IDS_PER_DESCRIBE} ids; got ${ids.length}`);
    }
}

function assertSelector(selector: ReservedInstanceSelector, pageNumber: number): void {
    const count = Object.keys(selector.tags ?? {}).length;
    if (count > MAX_SELECTOR_TAGS) {
        throw new RangeError(`a selector takes at most ${MAX_SELECTOR_TAGS} tags; got ${count}`);
    }
    if (!Number.isInteger(pageNumber) || pageNumber < 1) {
        throw new RangeError(`pageNumber must be a positive whole number; got ${pageNumber}`);
    }
}

/** Tags as ECS lists them, as a key-to-value record. */
function tagsOf(tags: readonly { tagKey?: string; tagValue?: string }[] | undefined): Record<string, string> {
    return Object.fromEntries((tags ?? []).filter((t) => t.tagKey).map((t) => [t.tagKey as string, t.tagValue ?? ""]));
}

/** The lock reasons of an instance, as a field to spread (absent when there are none). */
function lockReasonsOf(locks: readonly { lockReason?: string }[] | undefined): { lockReasons?: string[] } {
    const reasons = (locks ?? []).map((l) => l.lockReason ?? "").filter((r) => r !== "");
    return reasons.length > 0 ? { lockReasons: reasons } : {};
}
