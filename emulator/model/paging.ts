/**
 * Paging for the Describe actions: page numbers (PageNumber from 1, PageSize 1–100, default 10) and
 * opaque continuation tokens (NextToken / MaxResults, as DescribeInstances documents: MaxResults below
 * 10 or absent → 10, above 100 → 100; the last page answers an empty NextToken).
 *
 * @module
 */

import { InvalidParameterError } from "./errors";

/** Default page size. */
export const DEFAULT_PAGE_SIZE = 10;
/** Largest page size. */
export const MAX_PAGE_SIZE = 100;

/** One page by number. */
export interface NumberedPage<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  totalCount: number;
}

/**
 * Cuts a page by number.
 * @throws InvalidParameterError when PageNumber < 1 or PageSize outside 1–100.
 */
export function pageByNumber<T>(all: readonly T[], pageNumber = 1, pageSize = DEFAULT_PAGE_SIZE): NumberedPage<T> {
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    throw new InvalidParameterError("PageNumber", "It must be an integer of at least 1.");
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InvalidParameterError("PageSize", `Valid values: 1 to ${MAX_PAGE_SIZE}.`);
  }
  const start = (pageNumber - 1) * pageSize;
  return { items: all.slice(start, start + pageSize), pageNumber, pageSize, totalCount: all.length };
}

/** One page by token. */
export interface TokenPage<T> {
  items: T[];
  /** Token of the next page; empty string on the last page. */
  nextToken: string;
  totalCount: number;
}

const TOKEN_PREFIX = "emu1:";

/** Encodes an offset as an opaque NextToken. */
export function encodeNextToken(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`, "utf8").toString("base64url");
}

/**
 * Decodes a NextToken.
 * @throws InvalidParameterError when the token was not issued by {@link encodeNextToken}.
 */
export function decodeNextToken(token: string): number {
  const text = Buffer.from(token, "base64url").toString("utf8");
  const m = new RegExp(`^${TOKEN_PREFIX}(\\d+)$`).exec(text);
  if (!m) {
    throw new InvalidParameterError("NextToken");
  }
  return Number(m[1]);
}

/**
 * Cuts a page by continuation token.
 * @param nextToken token from the previous page, or undefined / "" for the first page.
 * @param maxResults requested page size (clamped to 10–100).
 */
export function pageByToken<T>(all: readonly T[], nextToken: string | undefined, maxResults: number | undefined): TokenPage<T> {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(DEFAULT_PAGE_SIZE, maxResults ?? DEFAULT_PAGE_SIZE));
  const offset = nextToken ? decodeNextToken(nextToken) : 0;
  const items = all.slice(offset, offset + size);
  const end = offset + items.length;
  return { items, nextToken: end < all.length ? encodeNextToken(end) : "", totalCount: all.length };
}
