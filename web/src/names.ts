// Names of labels, relationship types and statuses in query parameters, written as the
// API reads them (docs/api.md, "Names"): a bare name, trimmed, or one quoted in backticks
// as Cypher quotes it, verbatim, a backtick inside written twice. Neo4j allows any text
// in a name, so `WORKS,WITH` and ` PADDED ` must be quoted to travel in a list.

/** A name as one item of a list parameter: quoted when it has spaces at its ends or holds a comma or a backtick. */
export const quoteName = (n: string) => (/^[\s\u0085]|[\s\u0085]$|[,`]/.test(n) ? "`" + n.replaceAll("`", "``") + "`" : n);

/** Names as one list parameter's value: each quoted as needed, joined with commas. */
export const joinNames = (names: readonly string[]) => names.map(quoteName).join(",");

/** White space as the server (Go's unicode.IsSpace) skips it around names. */
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);
const trim = (s: string) => {
  let a = 0, b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
};

/**
 * Reads one list parameter's value as the server does: white space skipped; a backtick
 * starts a quoted name up to the next single backtick (two are one backtick), which only
 * white space and then a comma or the end may follow; anything else is a bare name up to
 * the next comma, trimmed, in which a backtick is an error. Empty names are left out.
 * Null when the value is malformed (the server would answer 400).
 */
export function parseNames(value: string): string[] | null {
  const names: string[] = [];
  let i = 0;
  const n = value.length;
  for (;;) {
    while (i < n && isSpace(value[i])) i++;
    let name: string;
    if (value[i] === "`") {
      name = "";
      i++;
      for (;;) {
        const j = value.indexOf("`", i);
        if (j < 0) return null; // a quote left open
        name += value.slice(i, j);
        i = j + 1;
        if (value[i] !== "`") break;
        name += "`";
        i++;
      }
      while (i < n && isSpace(value[i])) i++;
      if (i < n && value[i] !== ",") return null; // text after the closing quote
    } else {
      let j = value.indexOf(",", i);
      if (j < 0) j = n;
      name = trim(value.slice(i, j));
      if (name.includes("`")) return null; // a bare name holding a backtick
      i = j;
    }
    if (name !== "") names.push(name);
    if (i >= n) return names;
    i++; // the comma
  }
}
