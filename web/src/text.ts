// Sentences and names the page writes about what it shows (the status line, the title).

/** A name to write: the name when it has any text, else the fallback, else "this node"; never blank. */
export function nameOr(name: string | undefined, fallback = ""): string {
  if (name?.trim()) return name;
  return fallback.trim() ? fallback : "this node";
}

/**
 * What an empty neighbourhood means: with no filter set, the node has no relationships
 * at all; with filters, they hide them (`hint` says what to loosen).
 */
export function noRelationships(name: string, filtered: boolean, hint = ""): string {
  name = cut(name);
  const named = name.trim() !== "";
  if (!filtered) return `${named ? name : "This node"} has no relationships.`;
  return `No relationships of ${named ? name : "this node"} match the filters.${hint}`;
}

/** How many characters of a name the page title and the status line keep. */
export const SHORT = 80;

/** Text cut to at most `max` characters (whole code points), the last one an ellipsis when cut. */
export function cut(text: string, max = SHORT): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}
