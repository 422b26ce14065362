/** Public API of pulumi-alicloud-renewal. */
export { RenewalLease, RenewalLeaseArgs, RenewalTargetState, RenewalCall, RenewalPeriodUnit, RENEWAL_LEASE_TYPE } from "./renewal-lease";
