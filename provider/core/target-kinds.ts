/**
 * The kinds of target a lease renews, declared once: the arguments that name or find them,
 * the shape of their ids, the write call that renews them and how many ids one call takes.
 * Validation, planning, selectors, import and messages read this table; a new kind of target
 * is a new row here (with its arguments in `properties.ts`, its gateway methods and its
 * renewal lengths in `api-ranges.ts`).
 */
import { MAX_RESERVED_INSTANCES_PER_CALL } from "./api-ranges";
import type { RenewAction, TargetKind } from "./types";

/** What the code needs to know about one kind of target. */
export interface TargetKindSpec {
    /** The argument that lists its ids. */
    readonly idProperty: "instanceIds" | "reservedInstanceIds";
    /** The argument that finds them by selector. */
    readonly selectorProperty: "instanceSelector" | "reservedInstanceSelector";
    /** Its ids. */
    readonly idPattern: RegExp;
    /** The prefix every id starts with (import ids are told apart by it). */
    readonly idPrefix: string;
    /** An example id, for messages. */
    readonly exampleId: string;
    /** An id of it, in words, for messages. */
    readonly idDescription: string;
    /** What a selector of it finds, in words. */
    readonly selectedDescription: string;
    /** The write call that renews it. */
    readonly renewAction: RenewAction;
    /** Ids one renewal call takes (each call gets its own ClientToken). */
    readonly idsPerRenewCall: number;
}

/** Every kind of target, by kind. */
export const TARGET_KINDS: Readonly<Record<TargetKind, TargetKindSpec>> = {
    instance: {
        idProperty: "instanceIds",
        selectorProperty: "instanceSelector",
        idPattern: /^i-[0-9a-z]{2,62}$/,
        idPrefix: "i-",
        exampleId: "i-bp67acfmxazb4ph1abcd",
        idDescription: "subscription ECS instance id (i-...)",
        selectedDescription: "subscription instances",
        renewAction: "RenewInstance",
        idsPerRenewCall: 1,
    },
    reservedInstance: {
        idProperty: "reservedInstanceIds",
        selectorProperty: "reservedInstanceSelector",
        idPattern: /^ecsri-[0-9a-z]{2,58}$/,
        idPrefix: "ecsri-",
        exampleId: "ecsri-2ze53qonjqxg7r1abc",
        idDescription: "reserved instance id (ecsri-...)",
        selectedDescription: "Active reserved instances",
        renewAction: "RenewReservedInstances",
        idsPerRenewCall: MAX_RESERVED_INSTANCES_PER_CALL,
    },
};

/** The kinds, in declaration order. */
export const KINDS = Object.keys(TARGET_KINDS) as TargetKind[];

/** The kind whose id or selector argument `lease` sets (instances when it sets none). */
export function kindOf(lease: Partial<Record<TargetKindSpec["idProperty"] | TargetKindSpec["selectorProperty"], unknown>>): TargetKind {
    return KINDS.find((k) => lease[TARGET_KINDS[k].idProperty] !== undefined || lease[TARGET_KINDS[k].selectorProperty] !== undefined) ?? "instance";
}
