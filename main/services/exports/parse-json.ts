/**
 * A stored JSON text, or the fallback when it is missing or unreadable: an export row written
 * before a column existed, or a run.json cut short or edited by hand, still lists and opens.
 */
export function parseJsonOr<T>(text: string | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}
