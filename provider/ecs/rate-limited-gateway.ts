/**
 * An `EcsGateway` that paces every call through a {@link CallRateLimiter}: each attempt
 * (retries included, since the retry loop calls the gateway again) waits for its turn in
 * its action and region, and every answer ECS gives (throttling or not) is reported back,
 * so the limiter learns the rate ECS accepts.
 */
import { EcsGateway, TargetPage, InstanceAutoRenewState, RenewInstanceCall, RenewReservedInstancesCall, RenewResult, ReservedInstanceSelector, ReservedInstanceStatus, SelectedPage } from "./gateway";
import { InstanceAutoRenewPolicy, LiveTarget, TargetSelector } from "../core/types";
import { PriceQuery, PriceQuote } from "../core/pricing";
import { EcsApiError } from "../core/errors";
import { CallRateLimiter } from "./rate-limit";

/** Whether `error` is ECS saying "too many calls". */
export function isThrottling(error: unknown): error is EcsApiError {
    return error instanceof EcsApiError && error.category === "throttling";
}

/** Paces the calls of another gateway. */
export class RateLimitedGateway implements EcsGateway {
    /**
     * @param inner - The gateway that sends the calls.
     * @param limiter - The buckets shared by every call of this provider process.
     */
    constructor(private readonly inner: EcsGateway, private readonly limiter: CallRateLimiter) {}

    private async paced<T>(action: string, regionId: string, send: () => Promise<T>): Promise<T> {
        await this.limiter.acquire(action, regionId);
        let result: T;
        try {
            result = await send();
        } catch (err) {
            if (isThrottling(err)) {
                this.limiter.throttled(action, regionId, err.retryAfterMs);
            } else if (err instanceof EcsApiError) {
                // An answer all the same (a network failure is not one, and teaches nothing).
                this.limiter.answered(action, regionId);
            }
            throw err;
        }
        this.limiter.answered(action, regionId);
        return result;
    }

    renewInstance(call: RenewInstanceCall): Promise<RenewResult> {
        return this.paced("RenewInstance", call.regionId, () => this.inner.renewInstance(call));
    }

    renewReservedInstances(call: RenewReservedInstancesCall): Promise<RenewResult> {
        return this.paced("RenewReservedInstances", call.regionId, () => this.inner.renewReservedInstances(call));
    }

    describeInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]> {
        return this.paced("DescribeInstances", regionId, () => this.inner.describeInstances(regionId, ids));
    }

    describeReservedInstances(regionId: string, ids: readonly string[]): Promise<LiveTarget[]> {
        return this.paced("DescribeReservedInstances", regionId, () => this.inner.describeReservedInstances(regionId, ids));
    }

    modifyReservedInstanceAutoRenew(regionId: string, ids: readonly string[], enabled: boolean, periodMonths?: number): Promise<RenewResult> {
        return this.paced("ModifyReservedInstanceAutoRenewAttribute", regionId, () => this.inner.modifyReservedInstanceAutoRenew(regionId, ids, enabled, periodMonths));
    }

    describeRenewalPrice(regionId: string, instanceId: string, query: PriceQuery): Promise<PriceQuote> {
        return this.paced("DescribeRenewalPrice", regionId, () => this.inner.describeRenewalPrice(regionId, instanceId, query));
    }

    modifyInstanceAutoRenew(regionId: string, ids: readonly string[], policy: InstanceAutoRenewPolicy): Promise<RenewResult> {
        return this.paced("ModifyInstanceAutoRenewAttribute", regionId, () => this.inner.modifyInstanceAutoRenew(regionId, ids, policy));
    }

    describeInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]> {
        return this.paced("DescribeInstanceAutoRenewAttribute", regionId, () => this.inner.describeInstanceAutoRenew(regionId, ids));
    }

    listTargets(kind: "instance" | "reservedInstance", regionId: string, pageNumber: number): Promise<TargetPage> {
        return this.paced(kind === "instance" ? "DescribeInstances" : "DescribeReservedInstances", regionId, () => this.inner.listTargets(kind, regionId, pageNumber));
    }

    selectInstances(regionId: string, selector: TargetSelector, pageNumber: number): Promise<SelectedPage> {
        return this.paced("DescribeInstances", regionId, () => this.inner.selectInstances(regionId, selector, pageNumber));
    }

    selectReservedInstances(regionId: string, selector: ReservedInstanceSelector, pageNumber: number, statuses?: readonly ReservedInstanceStatus[]): Promise<SelectedPage> {
        return this.paced("DescribeReservedInstances", regionId, () => this.inner.selectReservedInstances(regionId, selector, pageNumber, statuses));
    }

    describeReservedInstanceAutoRenew(regionId: string, ids: readonly string[]): Promise<InstanceAutoRenewState[]> {
        return this.paced("DescribeReservedInstanceAutoRenewAttribute", regionId, () => this.inner.describeReservedInstanceAutoRenew(regionId, ids));
    }
}
