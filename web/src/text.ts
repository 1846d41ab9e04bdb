// Sentences and names the page writes about what it shows (the status line, the title).
import { plural } from "./dom";
import type { GNode, Source } from "./types";

/**
 * Whether a text shows nothing: white space, control and format characters, what Unicode
 * draws as nothing (Default_Ignorable_Code_Point: variation selectors, Hangul fillers)
 * and the blank Braille pattern. The server's domain.Blank is the same test; trim() kept
 * a zero-width space, so a title of one read as a title and showed as nothing.
 */
export const blank = (s: string): boolean => /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u.test(s);

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
 * What a page of a node's neighbours via one type (empty: any) did, for the status line.
 * `name` is the node's, already isolated; the type is isolated here like a name (Neo4j
 * allows any text in one, a right-to-left override too). Nothing added is not "the last
 * page": the filters hide the whole group (the API counts it under them), or all of it
 * is already shown.
 */
export function pageMessage(name: string, type: string, added: number, left: number, total: number): string {
  const rel = type ? `${isolate(type)} relationship` : "relationship";
  if (added) return `Added ${plural(added, rel)} of ${name}` + (left ? `; ${left} more to page through.` : "; that was the last page.");
  if (!total) return `The filters hide every ${rel} of ${name}: loosen them (Status, types, labels, source, dates) to see these.`;
  return left ? `This page of ${rel}s of ${name} was already shown; ${left} more to page through.` : `All ${rel}s of ${name} are already shown.`;
}

/** The status line while a page of neighbours via one type (empty: any) loads; `name` already isolated. */
export const pageLoading = (name: string, type: string) => `Loading more ${type ? isolate(type) : "neighbours"} of ${name}…`;

const ARROW = { out: "→", in: "←", both: "↔" } as const;

/**
 * The label of an "and N more" stub on the canvas, its type isolated so that the arrow after it stays put;
 * "up to N" when N only bounds it (a supernode's degree while filters are on).
 */
export const moreLabel = (remaining: number, type: string, direction: keyof typeof ARROW, upTo = false) =>
  `and ${upTo ? "up to " : ""}${remaining} more ${type ? isolate(type) : "neighbours"} ${ARROW[direction]}`;

/** An edge's label on the canvas: its type, isolated, and a status other than reported. */
export const edgeLabel = (type: string, status: string) => isolate(type) + (status && status !== "reported" ? ` (${status})` : "");

/**
 * The title a Source node reads by: the one /api/sources gives when the page has it, else
 * its `title` property when that is a non-blank string, else its name (the server's
 * display name). A foreign database's `title` may be a list or a number: never its text.
 */
export function sourceTitle(n: GNode, sources?: Map<string, Source>): string {
  const listed = sources?.get(n.key || n.id)?.title;
  if (listed && !blank(listed)) return listed;
  const title = n.properties.title;
  return typeof title === "string" && !blank(title) ? title : n.name;
}

/** A name to write: the name when it has any text, else the fallback, else "this node"; never blank. */
export function nameOr(name: string | undefined, fallback = ""): string {
  if (name && !blank(name)) return name;
  return blank(fallback) ? "this node" : fallback;
}

/**
 * What an empty neighbourhood means: with no filter set, the node has no relationships
 * at all; with filters, they hide them (`hint` says what to loosen).
 */
export function noRelationships(name: string, filtered: boolean, hint = ""): string {
  const named = !blank(name);
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

/**
 * The browser tab's title of a trace: its two ends, as Explore's names its entity. Each
 * is cut to half the title's share, so that the second end is not cut off by the first.
 */
export const traceTitle = (from: string, to: string): string => `${isolate(cut(from, SHORT / 2))} → ${isolate(cut(to, SHORT / 2))} · newsgraph`;
