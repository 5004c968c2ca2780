/**
 * WebDAV request bodies (PROPFIND, REPORT) read with saxes, a linear-time,
 * namespace-aware SAX parser, into a small element tree; and the multistatus
 * answers written back. Bounded: MAX_XML_BYTES is checked by the route before
 * parsing, and the tree is refused past MAX_XML_ELEMENTS elements or
 * MAX_XML_DEPTH levels. DOCTYPEs are refused outright (no entity expansion).
 */
import { SaxesParser } from "saxes";

export const MAX_XML_BYTES = 64 * 1024;
export const MAX_XML_ELEMENTS = 2_000;
export const MAX_XML_DEPTH = 32;

export const NS = { dav: "DAV:", caldav: "urn:ietf:params:xml:ns:caldav", cs: "http://calendarserver.org/ns/", apple: "http://apple.com/ns/ical/" } as const;

export interface XmlElement {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** Text and child elements in document order (the parser fills it): a dead property's value is written back from it. */
  content?: (string | XmlElement)[];
}

export class XmlError extends Error {}

export function parseXml(body: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let failure: Error | null = null;
  parser.on("error", (err) => {
    failure ??= err;
  });
  parser.on("doctype", () => {
    failure ??= new XmlError("a DOCTYPE is not accepted");
  });
  parser.on("opentag", (tag) => {
    if (++count > MAX_XML_ELEMENTS) failure ??= new XmlError(`more than ${MAX_XML_ELEMENTS} elements`);
    if (stack.length >= MAX_XML_DEPTH) failure ??= new XmlError(`nested deeper than ${MAX_XML_DEPTH}`);
    if (failure) return;
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      // A namespaced attribute is keyed by its Clark name, so a dead property's value keeps it.
      if (typeof attr === "object" && attr.prefix !== "xmlns" && attr.name !== "xmlns") attrs[attr.uri ? clark(attr.uri, attr.local) : attr.local] = attr.value;
    }
    const el: XmlElement = { ns: tag.uri ?? "", name: tag.local ?? tag.name, attrs, children: [], text: "", content: [] };
    stack.at(-1)?.children.push(el);
    stack.at(-1)?.content?.push(el);
    stack.push(el);
    root ??= el;
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    // Bounded by the body's size.
    if (top && !failure) addText(top, text);
  });
  // Clients wrap values in CDATA too (a calendar-timezone's VCALENDAR, a displayname with markup in it).
  parser.on("cdata", (text) => {
    const top = stack.at(-1);
    if (top && !failure) addText(top, text);
  });
  parser.on("closetag", () => void stack.pop());
  try {
    parser.write(body).close();
  } catch (err) {
    failure ??= err as Error;
  }
  if (failure) throw new XmlError(failure.message);
  if (!root) throw new XmlError("no root element");
  return root;
}

function addText(el: XmlElement, text: string): void {
  el.text += text;
  const last = el.content?.at(-1);
  if (typeof last === "string") el.content![el.content!.length - 1] = last + text;
  else el.content?.push(text);
}

export const child = (el: XmlElement, ns: string, name: string) => el.children.find((c) => c.ns === ns && c.name === name);
export const children = (el: XmlElement, ns: string, name: string) => el.children.filter((c) => c.ns === ns && c.name === name);

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A property name as Clark notation, `{ns}name`. */
export const clark = (ns: string, name: string) => `{${ns}}${name}`;

const PREFIXES: Record<string, string> = { [NS.dav]: "d", [NS.caldav]: "c", [NS.cs]: "cs", [NS.apple]: "a" };

/** `{ns}name` with its inner XML → one element (unknown namespaces get their own xmlns; `{}name` is in no namespace). */
export function element(clarkName: string, inner = "", attrs = ""): string {
  const m = /^\{([^}]*)\}(.+)$/.exec(clarkName);
  const ns = m ? m[1]! : NS.dav;
  const name = m ? m[2]! : clarkName;
  const prefix = PREFIXES[ns];
  const open = prefix ? `${prefix}:${name}` : ns === "" ? name : `x:${name} xmlns:x="${escapeXml(ns)}"`;
  const close = prefix ? `${prefix}:${name}` : ns === "" ? name : `x:${name}`;
  return inner === "" ? `<${open}${attrs}/>` : `<${open}${attrs}>${inner}</${close}>`;
}

/** A property's value with attributes on its own element (a dead property's, as attrsXml wrote them). */
export interface PropValue {
  attrs: string;
  inner: string;
}

export interface PropStat {
  /** Clark name → inner XML (or with attributes). */
  found: Map<string, string | PropValue>;
  missing: string[];
}

export function response(href: string, props: PropStat | { status: number }): string {
  if ("status" in props) return `<d:response><d:href>${escapeXml(href)}</d:href><d:status>HTTP/1.1 ${props.status} ${STATUS_TEXT[props.status] ?? ""}</d:status></d:response>`;
  const found = [...props.found].map(([name, v]) => (typeof v === "string" ? element(name, v) : element(name, v.inner, v.attrs))).join("");
  const parts = [];
  if (props.found.size > 0) parts.push(`<d:propstat><d:prop>${found}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`);
  if (props.missing.length > 0) parts.push(`<d:propstat><d:prop>${props.missing.map((n) => element(n)).join("")}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>`);
  return `<d:response><d:href>${escapeXml(href)}</d:href>${parts.join("")}</d:response>`;
}

const STATUS_TEXT: Record<number, string> = { 200: "OK", 404: "Not Found", 403: "Forbidden" };

export function multistatus(responses: string[], syncToken?: string): string {
  const token = syncToken === undefined ? "" : `<d:sync-token>${escapeXml(syncToken)}</d:sync-token>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:c="${NS.caldav}" xmlns:cs="${NS.cs}" xmlns:a="${NS.apple}">${responses.join("")}${token}</d:multistatus>`;
}

/** A precondition or postcondition failure body (RFC 4918 16), e.g. `{urn:ietf:params:xml:ns:caldav}valid-calendar-data`. */
export function errorBody(condition: string, detail?: string): string {
  const description = detail ? `<d:responsedescription>${escapeXml(detail)}</d:responsedescription>` : "";
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:c="${NS.caldav}" xmlns:cs="${NS.cs}" xmlns:a="${NS.apple}">${element(condition)}${description}</d:error>`;
}

/** Text as XML character data that reads back the same (a CR or tab survives the reader's line-end and attribute normalization). */
function escapeExact(text: string): string {
  return escapeXml(text).replace(/\r/g, "&#13;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/**
 * The content of a parsed element as XML that reads back to the same
 * elements, attributes and text: every element declares its own namespace,
 * so the value stands alone wherever it is written (a dead property's value).
 */
export function innerXml(el: XmlElement): string {
  const content = el.content ?? [el.text, ...el.children];
  return content.map((c) => (typeof c === "string" ? escapeXml(c).replace(/\r/g, "&#13;") : outerXml(c))).join("");
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";

/**
 * An element's attributes as XML, each namespaced one with its own
 * declaration (prefix y; `xml:` is predeclared). A parsed element carries at
 * most one attribute per namespace that matters here; two in different
 * namespaces get y and y1, y2, ...
 */
export function attrsXml(attrs: Record<string, string>): string {
  let n = 0;
  return Object.entries(attrs).map(([key, value]) => {
    const m = /^\{([^}]*)\}(.+)$/.exec(key);
    if (!m) return ` ${key}="${escapeExact(value)}"`;
    if (m[1] === XML_NS) return ` xml:${m[2]!}="${escapeExact(value)}"`;
    const prefix = n++ === 0 ? "y" : `y${n - 1}`;
    return ` xmlns:${prefix}="${escapeExact(m[1]!)}" ${prefix}:${m[2]!}="${escapeExact(value)}"`;
  }).join("");
}

function outerXml(el: XmlElement): string {
  const decl = el.ns === "" ? "" : ` xmlns:x="${escapeExact(el.ns)}"`;
  const name = el.ns === "" ? el.name : `x:${el.name}`;
  const attrs = attrsXml(el.attrs);
  const inner = innerXml(el);
  return inner === "" ? `<${name}${decl}${attrs}/>` : `<${name}${decl}${attrs}>${inner}</${name}>`;
}
