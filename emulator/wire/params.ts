/**
 * Typed reading of RPC parameters: presence (400 `MissingParameter`) and type (400 `InvalidParameter`).
 * Ranges and business rules are the model's job.
 *
 * Flattening as the SDK does it (`docs/ecs-wire.md` §1.4): scalars as text, booleans `true`/`false`,
 * repeated lists as `Name.1`, `Name.2`, …; `DescribeInstances.InstanceIds` is a JSON array in one string.
 *
 * @module
 */

import { InvalidInstanceIdsMalformedError, InvalidParameterError, MissingParameterError } from "../model/errors";

/** Parameters that belong to the signature or the protocol, not to the business request. */
export const PROTOCOL_PARAMETERS: ReadonlySet<string> = new Set([
  "Action",
  "Version",
  "Format",
  "Timestamp",
  "SignatureNonce",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureType",
  "Signature",
  "AccessKeyId",
  "SecurityToken",
  "BearerToken",
]);

/** Reads parameters of one request. */
export class ParamReader {
  /** @param params decoded request parameters. */
  constructor(private readonly params: Readonly<Record<string, string>>) {}

  /** A string, or undefined when absent or empty. */
  string(name: string): string | undefined {
    const v = this.params[name];
    return v === undefined || v === "" ? undefined : v;
  }

  /**
   * A required string.
   * @throws MissingParameterError
   */
  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new MissingParameterError(name);
    return v;
  }

  /**
   * An integer, or undefined when absent.
   * @throws InvalidParameterError when not a base-10 integer.
   */
  integer(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(v)) throw new InvalidParameterError(name, "It must be an integer.");
    return Number(v);
  }

  /**
   * A boolean (`true`/`false`, any case), or undefined when absent.
   * @throws InvalidParameterError
   */
  boolean(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (lower !== "true" && lower !== "false") throw new InvalidParameterError(name, "It must be true or false.");
    return lower === "true";
  }

  /**
   * A repeated list `Name.1`, `Name.2`, … in index order (empty when absent). N is taken exactly as
   * written: `Name.0` or a leading zero (`Name.01`) is not another spelling of an index.
   * @param maxIndex largest N accepted (default unlimited).
   * @throws InvalidParameterError for `Name.0`, a leading zero, or N above `maxIndex`.
   */
  list(name: string, maxIndex = Number.MAX_SAFE_INTEGER): string[] {
    const prefix = `${name}.`;
    const entries: [number, string][] = [];
    for (const key of Object.keys(this.params)) {
      if (!key.startsWith(prefix) || !/^\d+$/.test(key.slice(prefix.length))) continue;
      const digits = key.slice(prefix.length);
      if (!/^[1-9]\d{0,8}$/.test(digits) || Number(digits) > maxIndex) {
        const range = maxIndex === Number.MAX_SAFE_INTEGER ? "1 or more" : `1 to ${maxIndex}`;
        throw new InvalidParameterError(key, `N of ${name}.N must be ${range}, written without leading zeros.`);
      }
      entries.push([Number(digits), this.params[key]]);
    }
    return entries.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /**
   * Repeated key/value pairs `Name.N.Key` / `Name.N.Value` (e.g. `Tag.1.Key=env&Tag.1.Value=prod`) in
   * index order; a pair whose Value is absent or empty has no `value`. Empty when absent.
   * @param maxIndex largest N accepted.
   * @throws InvalidParameterError for N of 0, a leading zero or N above `maxIndex`;
   *   MissingParameterError for a Value whose Key is absent or empty.
   */
  keyValuePairs(name: string, maxIndex: number): { key: string; value?: string }[] {
    const indexes = new Set<string>();
    for (const key of Object.keys(this.params)) {
      const m = new RegExp(`^${name}\\.(\\d+)\\.(Key|Value)$`).exec(key);
      if (!m) continue;
      if (!/^[1-9]\d{0,8}$/.test(m[1]) || Number(m[1]) > maxIndex) {
        throw new InvalidParameterError(key, `N of ${name}.N must be 1 to ${maxIndex}, written without leading zeros.`);
      }
      indexes.add(m[1]);
    }
    return [...indexes]
      .map(Number)
      .sort((a, b) => a - b)
      .flatMap((n) => {
        const key = this.string(`${name}.${n}.Key`);
        const value = this.string(`${name}.${n}.Value`);
        if (key === undefined) {
          if (value === undefined) return [];
          throw new MissingParameterError(`${name}.${n}.Key`);
        }
        return [value === undefined ? { key } : { key, value }];
      });
  }

  /** A comma-separated list (`i-1,i-2`), or undefined when absent. */
  commaList(name: string): string[] | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  }

  /**
   * `InstanceIds`-style JSON array of strings, or undefined when absent.
   * @throws InvalidInstanceIdsMalformedError
   */
  jsonStringArray(name: string): string[] | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new InvalidInstanceIdsMalformedError(`${name} must be a JSON array such as ["i-1","i-2"].`);
    }
    if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== "string")) {
      throw new InvalidInstanceIdsMalformedError(`${name} must be a JSON array of strings.`);
    }
    return parsed as string[];
  }

  /** Every business parameter (protocol fields and ClientToken removed), for idempotence fingerprints. */
  businessParameters(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.params)) {
      if (!PROTOCOL_PARAMETERS.has(k) && k !== "ClientToken") out[k] = v;
    }
    return out;
  }
}
