import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { useEmulator } from "../support/emulator";
import { callAction, ecsClient, expectEcsError, expectTransportError, fastRuntime, IDS, REGION, standardSeed } from "./helpers";

/** Every code in the error tables of the two seed reference pages (docs/reference/). */
const SEED_CODES: Readonly<Record<"RenewInstance" | "RenewReservedInstances", readonly string[]>> = {
  RenewInstance: [
    "InvalidInternetChargeType.ValueNotSupported",
    "InvalidInstanceType.NotSupported",
    "InvalidParameter",
    "InvalidInstanceChargeType.NotFound",
    "InvalidRebootTime.ValueNotSupported",
    "IdempotenceParamNotMatch",
    "InvalidClientToken.ValueNotSupported",
    "ChargeTypeViolation",
    "InvalidInstanceType.ValueNotSupported",
    "InvalidDiskId.NotFound",
    "Diskcategory.Mismatch",
    "InvalidInstanceId.NotFound",
    "IncorrectInstanceStatus",
    "InvalidInstanceType.codeUnauthorized",
    "InvalidInternetChargeType.InstanceNotSupported",
    "InvalidPeriod",
    "InstanceSpecModification.NotEffective",
    "Upgrade.NotSupported",
    "LastTokenProcessing",
    "Instance.UnPaidOrder",
    "OperationDenied",
    "InvalidInstanceType.ValueUnauthorized",
    "InstanceLockedForSecurity",
    "InvalidDisk.NotAllowed",
    "DependencyViolation.InstanceType",
    "InstanceTypeNotSupported",
    "InvalidPeriodUnit.ValueNotSupported",
    "InvalidDedicatedHostId.NotFound",
    "InvalidDedicatedHostStatus.NotSupport",
    "IncorrectDedicatedHostStatus",
    "InvalidPeriod.ExceededDedicatedHost",
    "InvalidStatus.Upgrading",
    "InvalidPeriod.ExceededMaximumExpirationDate",
    "InternalError",
    "LastOrderProcessing",
  ],
  RenewReservedInstances: [
    "InvalidInstanceType.ValueUnauthorized",
    "InvalidParameter.Conflict",
    "InvalidTagKey.Malformed",
    "RegionUnauthorized",
    "Zone.NotOnSale",
    "InvalidPeriodUnit.ValueNotSupported",
    "InvalidTagValue.Malformed",
    "InvalidChargeType.ValueNotSupported",
    "OperationDenied.NoStock",
    "OperationDenied",
    "NodeControllerUnavailable",
    "InvalidParameter.ResourceOwnerAccount",
    "Zone.NotOpen",
    "InvalidParameter.NotMatch",
    "Account.Arrearage",
    "IncorrectInstanceStatus",
    "ChargeTypeViolation",
    "InternalError",
  ],
};

type Table = keyof typeof SEED_CODES;

interface Row {
  table: Table;
  code: string;
  status: number;
  how: string;
  /** Prepares the situation (its own charges are not counted against the failing call). */
  setup?: (emu: RunningEmulator) => Promise<void>;
  call: (emu: RunningEmulator) => Promise<unknown>;
}

const renewInstance = (emu: RunningEmulator, req: Partial<$Ecs.RenewInstanceRequest>): Promise<unknown> =>
  ecsClient(emu).renewInstance(new $Ecs.RenewInstanceRequest(req));
const renewRis = (emu: RunningEmulator, req: Partial<$Ecs.RenewReservedInstancesRequest>): Promise<unknown> =>
  ecsClient(emu).renewReservedInstances(new $Ecs.RenewReservedInstancesRequest({ regionId: REGION, ...req }));

/** Leaves a committed renewal of i-running (token "first") in flight behind a delay fault. */
async function renewalInFlight(emu: RunningEmulator): Promise<void> {
  await emu.control.setFaults([{ action: "RenewInstance", nth: 1, kind: "delay-after-commit", delayMs: 5_000 }]);
  await expectTransportError(
    ecsClient(emu).renewInstanceWithOptions(new $Ecs.RenewInstanceRequest({ instanceId: IDS.running, period: 1, clientToken: "first" }), fastRuntime(300)),
  );
}

const ROWS: readonly Row[] = [
  // RenewInstance table
  { table: "RenewInstance", code: "IdempotenceParamNotMatch", status: 400, how: "a token reused with another Period", setup: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, clientToken: "tok" }).then(() => undefined), call: (e) => renewInstance(e, { instanceId: IDS.running, period: 2, clientToken: "tok" }) },
  { table: "RenewInstance", code: "InvalidClientToken.ValueNotSupported", status: 400, how: "a 65-character token", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, clientToken: "x".repeat(65) }) },
  { table: "RenewInstance", code: "InvalidClientToken.ValueNotSupported", status: 400, how: "a non-ASCII token", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, clientToken: "jeton-é" }) },
  { table: "RenewInstance", code: "ChargeTypeViolation", status: 403, how: "a PostPaid instance", call: (e) => renewInstance(e, { instanceId: IDS.postPaid, period: 1 }) },
  { table: "RenewInstance", code: "InvalidInstanceId.NotFound", status: 404, how: "an unknown instance", call: (e) => renewInstance(e, { instanceId: "i-nope", period: 1 }) },
  { table: "RenewInstance", code: "IncorrectInstanceStatus", status: 403, how: "a Pending instance", call: (e) => renewInstance(e, { instanceId: IDS.pending, period: 1 }) },
  { table: "RenewInstance", code: "IncorrectInstanceStatus", status: 403, how: "a Starting instance", call: (e) => renewInstance(e, { instanceId: IDS.starting, period: 1 }) },
  { table: "RenewInstance", code: "IncorrectInstanceStatus", status: 403, how: "a Stopping instance", call: (e) => renewInstance(e, { instanceId: IDS.stopping, period: 1 }) },
  { table: "RenewInstance", code: "InvalidPeriod", status: 400, how: "13 Months", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 13 }) },
  { table: "RenewInstance", code: "InvalidPeriod", status: 400, how: "5 Weeks", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 5, periodUnit: "Week" }) },
  { table: "RenewInstance", code: "InvalidPeriod", status: 400, how: "0 Months", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 0 }) },
  { table: "RenewInstance", code: "LastTokenProcessing", status: 403, how: "the token of a request still being answered", setup: renewalInFlight, call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, clientToken: "first" }) },
  { table: "RenewInstance", code: "Instance.UnPaidOrder", status: 403, how: "an instance with an unpaid order", call: (e) => renewInstance(e, { instanceId: IDS.unpaid, period: 1 }) },
  { table: "RenewInstance", code: "InvalidParameter", status: 400, how: "a Period that is not an integer", call: (e) => callAction(ecsClient(e), "RenewInstance", { InstanceId: IDS.running, Period: "abc" }) },
  { table: "RenewInstance", code: "InstanceLockedForSecurity", status: 403, how: "an instance locked for security", call: (e) => renewInstance(e, { instanceId: IDS.locked, period: 1 }) },
  { table: "RenewInstance", code: "InvalidPeriodUnit.ValueNotSupported", status: 400, how: "PeriodUnit Year", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, periodUnit: "Year" }) },
  { table: "RenewInstance", code: "InvalidPeriodUnit.ValueNotSupported", status: 400, how: "PeriodUnit Day", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, periodUnit: "Day" }) },
  { table: "RenewInstance", code: "InvalidPeriod.ExceededMaximumExpirationDate", status: 400, how: "60 Months from a future expiry", call: (e) => renewInstance(e, { instanceId: IDS.running, period: 60 }) },
  { table: "RenewInstance", code: "InvalidPeriod.ExceededMaximumExpirationDate", status: 400, how: "2 Months past an expiry already near the five-year limit", call: (e) => renewInstance(e, { instanceId: IDS.farFuture, period: 2 }) },
  { table: "RenewInstance", code: "InternalError", status: 500, how: "an injected error fault", setup: (e) => e.control.setFaults([{ action: "RenewInstance", kind: "error" }]).then(() => undefined), call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1 }) },
  { table: "RenewInstance", code: "LastOrderProcessing", status: 400, how: "another token renewing an instance whose order is still being answered", setup: renewalInFlight, call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1, clientToken: "second" }) },
  { table: "RenewInstance", code: "LastOrderProcessing", status: 400, how: "an injected error fault", setup: (e) => e.control.setFaults([{ action: "RenewInstance", kind: "error", code: "LastOrderProcessing" }]).then(() => undefined), call: (e) => renewInstance(e, { instanceId: IDS.running, period: 1 }) },

  // RenewReservedInstances table
  { table: "RenewReservedInstances", code: "InvalidParameter.Conflict", status: 400, how: "a reserved instance of another region", call: (e) => renewRis(e, { reservedInstanceId: [IDS.riBeijing] }) },
  { table: "RenewReservedInstances", code: "InvalidPeriodUnit.ValueNotSupported", status: 400, how: "PeriodUnit Month", call: (e) => renewRis(e, { reservedInstanceId: [IDS.ri(1)], period: 1, periodUnit: "Month" }) },
  { table: "RenewReservedInstances", code: "InvalidParameter.NotMatch", status: 403, how: "11 reserved instances", call: (e) => renewRis(e, { reservedInstanceId: Array.from({ length: 11 }, (_, k) => IDS.ri(k + 1)) }) },
  { table: "RenewReservedInstances", code: "InvalidParameter.NotMatch", status: 403, how: "AutoRenewPeriod 24", call: (e) => renewRis(e, { reservedInstanceId: [IDS.ri(1)], autoRenew: true, autoRenewPeriod: 24 }) },
  { table: "RenewReservedInstances", code: "InvalidParameter.NotMatch", status: 403, how: "the same id twice", call: (e) => renewRis(e, { reservedInstanceId: [IDS.ri(1), IDS.ri(1)] }) },
  { table: "RenewReservedInstances", code: "IncorrectInstanceStatus", status: 403, how: "a Creating reserved instance", call: (e) => renewRis(e, { reservedInstanceId: [IDS.riCreating] }) },
  { table: "RenewReservedInstances", code: "IncorrectInstanceStatus", status: 403, how: "an Updating reserved instance", call: (e) => renewRis(e, { reservedInstanceId: [IDS.riUpdating] }) },
  { table: "RenewReservedInstances", code: "OperationDenied", status: 403, how: "a locked reserved instance", call: (e) => renewRis(e, { reservedInstanceId: [IDS.riLocked] }) },
  { table: "RenewReservedInstances", code: "Account.Arrearage", status: 403, how: "an account in arrears", setup: (e) => e.control.reset(standardSeed({ AccountInArrears: true })).then(() => undefined), call: (e) => renewRis(e, { reservedInstanceId: [IDS.ri(1)] }) },
  { table: "RenewReservedInstances", code: "InternalError", status: 500, how: "an injected error fault", setup: (e) => e.control.setFaults([{ action: "RenewReservedInstances", kind: "error" }]).then(() => undefined), call: (e) => renewRis(e, { reservedInstanceId: [IDS.ri(1)] }) },
];

describe("emulator: error codes of the seed reference pages", () => {
  const emu = useEmulator({ seedEachTest: () => standardSeed() });

  for (const row of ROWS) {
    it(`${row.table}: ${row.how} → ${row.status} ${row.code}, charging nothing`, async () => {
      await row.setup?.(emu);
      const before = (await emu.control.ledger()).charges.length;
      await expectEcsError(row.call(emu), row.code, row.status);
      assert.equal((await emu.control.ledger()).charges.length, before);
    });
  }

  it("has a row for every seed code, or the README says why it is not produced", () => {
    const readme = readFileSync(join(__dirname, "../../emulator/README.md"), "utf8");
    const section = readme.split(/^## Seed error codes not produced/m)[1]?.split(/^## /m)[0] ?? "";
    assert.ok(section.length > 0, "README section 'Seed error codes not produced' is missing");
    for (const table of Object.keys(SEED_CODES) as Table[]) {
      for (const code of SEED_CODES[table]) {
        const produced = ROWS.some((r) => r.code === code);
        const explained = section.includes("`" + code + "`");
        assert.ok(produced !== explained, `${table} ${code}: ${produced ? "produced but also listed as not produced" : "neither produced nor explained"} in the README`);
      }
    }
  });
});
