/** Lists ids for a message, eliding the tail of long lists: `a, b, c and 4 more`. */
export function listIds(ids: readonly string[], max = 6): string {
    if (ids.length <= max) {
        return ids.join(", ");
    }
    return `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}

/**
 * Lists every id: for lines a person approves a purchase from (the preview's announcements),
 * where nothing may be elided. The CLI wraps long lines.
 */
export function listAll(ids: readonly string[]): string {
    return ids.join(", ");
}
