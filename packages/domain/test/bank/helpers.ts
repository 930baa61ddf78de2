/**
 * Test helpers for the bank-message tests: the committed XSDs and vectors, XSD validation with xmllint-wasm, and an
 * independent XML flattener (xmlbuilder2's DOM reader, not the SAX reader under test) used for semantic comparison.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { create } from 'xmlbuilder2';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Text of a file under `test/vectors/bank/`. */
export const vector = (name: string) => readFileSync(here(`../vectors/bank/${name}`), 'utf8');

/** Schemas committed in `packages/domain/xsd/`. */
export type SchemaName =
  | 'pain.001.001.03'
  | 'pain.001.001.09'
  | 'pain.002.001.10'
  | 'camt.054.001.02'
  | 'pain.002.001.03.dk-sepa-variant';

const schemas = new Map<SchemaName, string>();
const schema = (name: SchemaName) => {
  let text = schemas.get(name);
  if (text === undefined) {
    text = readFileSync(here(`../../xsd/${name}.xsd`), 'utf8');
    schemas.set(name, text);
  }
  return text;
};

/** Validates `xml` against a committed XSD; returns the error messages (empty when valid). */
export async function xsdErrors(xml: string, name: SchemaName): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema: { fileName: `${name}.xsd`, contents: schema(name) },
    maxMemoryPages: 4096, // 256 MiB: enough for the largest file validated in the tests
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

interface DomNode {
  nodeType: number;
  localName: string | null;
  namespaceURI: string | null;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ localName: string; prefix: string | null; value: string }>;
}

/** Namespace URI of the root element. */
export function rootNamespace(xml: string): string {
  return (create(xml).root().node as unknown as DomNode).namespaceURI ?? '';
}

/**
 * Flattens a document into `{ 'path/to/Leaf': 'text', 'path/to/Leaf/@Attr': 'value' }` below the root element.
 * Every leaf and attribute is kept (nothing is ignored, so a comparison sees every difference). Elements that
 * repeat get a 0-based index (`PmtInf[1]`); `PmtInf` and `CdtTrfTxInf` always do.
 */
export function flatten(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: DomNode, path: string) => {
    const elements = Array.from(node.childNodes).filter((c) => c.nodeType === 1);
    for (const attr of Array.from(node.attributes ?? [])) {
      if (attr.prefix === 'xmlns' || attr.localName === 'xmlns' || attr.prefix === 'xsi') continue;
      out[`${path}/@${attr.localName}`] = attr.value;
    }
    if (elements.length === 0) {
      out[path] = node.textContent ?? '';
      return;
    }
    const seen = new Map<string, number>();
    for (const element of elements) {
      const name = element.localName ?? '';
      const index = seen.get(name) ?? 0;
      seen.set(name, index + 1);
      const repeats = elements.filter((e) => e.localName === name).length > 1 || name === 'PmtInf' || name === 'CdtTrfTxInf';
      walk(element, `${path}${path ? '/' : ''}${name}${repeats ? `[${index}]` : ''}`);
    }
  };
  walk(create(xml).root().node as unknown as DomNode, '');
  return out;
}

/** Concatenates an async iterable of string chunks. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

/** Splits text into UTF-8 byte chunks of `size` bytes (cutting through multi-byte characters on purpose). */
export function* byteChunks(text: string, size: number): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Collects an async iterable into an array. */
export async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
