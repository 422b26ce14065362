/**
 * Overlaps between the leases of one stack. Each lease derives its own ClientTokens, so a
 * target listed by two leases is renewed, and charged, by both. The engine runs `check` for
 * every lease of a run in the one provider process, so the process can see every claim: the
 * second lease to claim a target is refused at preview, naming both leases, unless every
 * lease that lists the target accepts the double charge (`allowDoubleCharge`).
 *
 * What one process cannot see: leases of other stacks, and leases the run does not check
 * (for example those left out by `pulumi up --target`). The README says so.
 */

/** A claim on targets by one lease. */
export interface TargetClaim {
    /** The lease's URN, as the program computes it now. */
    readonly leaseUrn: string;
    /** The region of the targets. */
    readonly regionId: string;
    /** The target ids. */
    readonly ids: readonly string[];
    /** The lease accepts that a shared target is charged once per lease. */
    readonly allowDoubleCharge: boolean;
}

/** A target claimed by another lease that does not allow it. */
export interface ClaimConflict {
    /** The shared target. */
    readonly id: string;
    /** The URN of the other lease. */
    readonly otherLeaseUrn: string;
}

/** The claims of one provider process. */
export class TargetClaims {
    private readonly byTarget = new Map<string, Map<string, boolean>>();
    private readonly byLease = new Map<string, string[]>();

    /**
     * Records `claim` (replacing the lease's earlier claim) and returns its conflicts: the
     * targets another lease claims, unless both leases allow a double charge.
     */
    claim(claim: TargetClaim): ClaimConflict[] {
        this.release(claim.leaseUrn);
        const conflicts: ClaimConflict[] = [];
        const keys = claim.ids.map((id) => `${claim.regionId}/${id}`);
        claim.ids.forEach((id, i) => {
            const holders = this.byTarget.get(keys[i]) ?? new Map<string, boolean>();
            for (const [other, allows] of holders) {
                if (!(allows && claim.allowDoubleCharge)) {
                    conflicts.push({ id, otherLeaseUrn: other });
                }
            }
            holders.set(claim.leaseUrn, claim.allowDoubleCharge);
            this.byTarget.set(keys[i], holders);
        });
        this.byLease.set(claim.leaseUrn, keys);
        return conflicts;
    }

    private release(leaseUrn: string): void {
        for (const key of this.byLease.get(leaseUrn) ?? []) {
            const holders = this.byTarget.get(key);
            holders?.delete(leaseUrn);
            if (holders?.size === 0) {
                this.byTarget.delete(key);
            }
        }
        this.byLease.delete(leaseUrn);
    }
}

/** The resource name at the end of a URN. */
export function leaseName(leaseUrn: string): string {
    return leaseUrn.slice(leaseUrn.lastIndexOf("::") + 2);
}

/** The check failure for a lease's conflicts, naming both leases and each shared target. */
export function describeConflicts(leaseUrn: string, conflicts: readonly ClaimConflict[]): string {
    const byOther = new Map<string, string[]>();
    for (const c of conflicts) {
        byOther.set(c.otherLeaseUrn, [...(byOther.get(c.otherLeaseUrn) ?? []), c.id]);
    }
    const parts = [...byOther.entries()].map(([other, ids]) => `${ids.join(", ")} ${ids.length === 1 ? "is" : "are"} also renewed by lease "${leaseName(other)}"`);
    return `${parts.join("; ")}: each lease would renew and charge ${conflicts.length === 1 ? "it" : "them"} separately, so lease "${leaseName(leaseUrn)}" is refused. ` +
        "List each target in one lease only, or, if paying once per lease is intended, set allowDoubleCharge: true on every lease that lists it";
}
