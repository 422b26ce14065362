/** A lease's selector argument, when it finds its targets instead of listing them. */
import { KINDS, TARGET_KINDS } from "./target-kinds";
import { LeaseInputs, TargetKind, TargetSelector } from "./types";

/** Which selector argument a lease sets, the kind of target it finds, and its criteria. */
export interface SelectorArgument {
    /** `instanceSelector` or `reservedInstanceSelector`. */
    readonly property: "instanceSelector" | "reservedInstanceSelector";
    /** The kind of target it finds. */
    readonly kind: TargetKind;
    /** Its criteria. */
    readonly selector: TargetSelector;
}

/** The lease's selector argument; undefined for a lease that lists its ids. */
export function selectorOf(lease: Pick<LeaseInputs, "instanceSelector" | "reservedInstanceSelector">): SelectorArgument | undefined {
    for (const kind of KINDS) {
        const property = TARGET_KINDS[kind].selectorProperty;
        const selector = lease[property];
        if (selector) {
            return { property, kind, selector };
        }
    }
    return undefined;
}
