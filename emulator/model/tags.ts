/**
 * Tags and the filters that select by them.
 *
 * A resource carries at most {@link MAX_TAGS_PER_RESOURCE} tags, one value per key, reported as
 * `Tags.Tag[]{TagKey, TagValue}`. The Describe actions take `Tag.N.Key` / `Tag.N.Value` (N from 1 to
 * {@link MAX_TAG_FILTERS}); a resource matches when it carries every pair given (logical AND). A
 * pair without a value matches any value of its key.
 *
 * TagResources sets tags (a key the resource already has gets the new value); UntagResources removes
 * keys, or every tag with `All=true`. Both are all-or-nothing over the resources named.
 *
 * @module
 */

import type { JsonObject, ResourceTag } from "./types";

/** Largest N of `Tag.N.Key` / `Tag.N.Value` in a Describe request. */
export const MAX_TAG_FILTERS = 20;

/** Most tags one resource can carry. */
export const MAX_TAGS_PER_RESOURCE = 20;

/** One `Tag.N` pair of a Describe request. */
export interface TagFilter {
  key: string;
  /** Absent: any value of the key matches. */
  value?: string;
}

/** Whether a resource's tags satisfy every filter. */
export function matchesTags(tags: readonly ResourceTag[], filters: readonly TagFilter[]): boolean {
  return filters.every((f) => tags.some((t) => t.TagKey === f.key && (f.value === undefined || t.TagValue === f.value)));
}

/**
 * The tags of a resource after TagResources: `added` wins over an existing value of its key.
 * @returns the new tag list, or undefined when it would exceed {@link MAX_TAGS_PER_RESOURCE}.
 */
export function withTags(tags: readonly ResourceTag[], added: readonly ResourceTag[]): ResourceTag[] | undefined {
  const byKey = new Map(tags.map((t) => [t.TagKey, t.TagValue]));
  added.forEach((t) => byKey.set(t.TagKey, t.TagValue));
  if (byKey.size > MAX_TAGS_PER_RESOURCE) {
    return undefined;
  }
  return [...byKey].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}

/** The tags of a resource after UntagResources of `keys` (all of them when `keys` is `"all"`). */
export function withoutTags(tags: readonly ResourceTag[], keys: readonly string[] | "all"): ResourceTag[] {
  return keys === "all" ? [] : tags.filter((t) => !keys.includes(t.TagKey));
}

/** The `Tags` object of a Describe answer. */
export function tagsView(tags: readonly ResourceTag[]): JsonObject {
  return { Tag: tags.map((t): JsonObject => ({ TagKey: t.TagKey, TagValue: t.TagValue })) };
}

/**
 * Checks a resource's tags as a seed gives them.
 * @returns a copy, or the reason they cannot be stored.
 */
export function validateResourceTags(value: unknown): { tags: ResourceTag[] } | { error: string } {
  if (value === undefined) {
    return { tags: [] };
  }
  if (!Array.isArray(value)) {
    return { error: "must be an array of { TagKey, TagValue }" };
  }
  if (value.length > MAX_TAGS_PER_RESOURCE) {
    return { error: `holds ${value.length} tags; a resource carries at most ${MAX_TAGS_PER_RESOURCE}` };
  }
  const tags: ResourceTag[] = [];
  for (const t of value as unknown[]) {
    const tag = t as Partial<ResourceTag> | null;
    if (typeof tag !== "object" || tag === null || typeof tag.TagKey !== "string" || tag.TagKey === "" || typeof tag.TagValue !== "string") {
      return { error: "must be an array of { TagKey, TagValue } with a non-empty TagKey and a string TagValue" };
    }
    if (tags.some((k) => k.TagKey === tag.TagKey)) {
      return { error: `gives the key ${tag.TagKey} twice; a resource has one value per key` };
    }
    tags.push({ TagKey: tag.TagKey, TagValue: tag.TagValue });
  }
  return { tags };
}
