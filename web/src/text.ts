// Sentences and names the page writes about what it shows (the status line, the title).
import type { GNode, Source } from "./types";

/** First strong isolate and pop directional isolate: a name set apart from the text around it. */
export const FSI = "\u2068", PDI = "\u2069";

/**
 * A name to insert into a sentence, bidi-isolated: a name from a foreign database may hold
 * a right-to-left override (U+202E) or right-to-left text, which without the isolate would
 * reorder the words after it. The isolate ends whatever embedding the name opens; the
 * name's own isolate controls (invisible) are dropped so none can close it early. The
 * status line shows each isolated name as a <bdi> (isolated() in dom.ts); the tab title
 * keeps the characters.
 */
export function isolate(name: string): string {
  return FSI + name.replace(/[\u2066-\u2069]/g, "") + PDI;
}

/**
 * The title a Source node reads by: the one /api/sources gives when the page has it, else
 * its `title` property when that is a non-blank string, else its name (the server's
 * display name). A foreign database's `title` may be a list or a number: never its text.
 */
export function sourceTitle(n: GNode, sources?: Map<string, Source>): string {
  const listed = sources?.get(n.key || n.id)?.title;
  if (listed?.trim()) return listed;
  const title = n.properties.title;
  return typeof title === "string" && title.trim() ? title : n.name;
}

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
  const named = name.trim() !== "";
  name = isolate(cut(name));
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
