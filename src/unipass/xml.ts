/**
 * Safe XML reading for UNI-PASS answers.
 *
 * UNI-PASS answers are small, flat documents with no DTD, so anything with a
 * DOCTYPE or ENTITY declaration is refused before the parser sees it (no entity
 * expansion, no external entities). The parser itself runs with entity processing
 * off; the five predefined XML entities and numeric character references are
 * decoded afterwards by `decodeXmlText`, in one non-recursive pass.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Elements that may repeat; always arrays after parsing, even with one element. */
const REPEATING = new Set(['persEcmQryRtnErrInfoVo', 'cargCsclPrgsInfoQryVo', 'cargCsclPrgsInfoDtlQryVo']);

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Codes, dates and numbers stay strings ("0012" must not become 12).
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: 20,
  isArray: (tagName) => REPEATING.has(tagName),
});

/** Declarations that could define or pull in entities. Case-insensitive on purpose. */
const DTD_MARKERS = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

export type XmlResult = { ok: true; root: string; value: unknown } | { ok: false };

/**
 * Parse one UNI-PASS XML document. Never throws; `{ ok: false }` for anything
 * that is not a single well-formed element without a DTD.
 */
export function parseUnipassXml(text: string): XmlResult {
  try {
    if (typeof text !== 'string' || text.length === 0) return { ok: false };
    if (DTD_MARKERS.test(text)) return { ok: false };
    if (XMLValidator.validate(text) !== true) return { ok: false };
    const doc = parser.parse(text) as Record<string, unknown>;
    if (doc === null || typeof doc !== 'object') return { ok: false };
    const roots = Object.keys(doc);
    if (roots.length !== 1) return { ok: false };
    const root = roots[0]!;
    return { ok: true, root, value: doc[root] };
  } catch {
    return { ok: false };
  }
}

const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode predefined entities and character references once; the result is never re-scanned. */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, ref: string) => {
    const named = NAMED[ref];
    if (named !== undefined) return named;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(cp);
  });
}
