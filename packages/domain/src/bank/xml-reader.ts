/**
 * Streaming XML reading for bank messages, on the `saxes` SAX parser. The document is never held as a DOM: the
 * caller names the elements to capture as small subtrees (an entry, a transaction) and receives each one when it
 * closes, so memory stays proportional to the largest captured element, not to the file.
 *
 * Safety: DOCTYPE declarations are refused (no entity expansion, no external entities); only the five predefined
 * XML entities and character references are resolved. Input is UTF-8 (ISO 20022 messages always are).
 *
 * @module
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * An XML document as the server has it: a whole string or byte array, or chunks (strings or UTF-8 bytes) from a
 * file or network stream, sync or async.
 */
export type XmlSource =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

/**
 * Machine-readable reason a bank file could not be read:
 * `malformed_xml` (not well-formed, or not UTF-8), `doctype_not_allowed`, `unexpected_document` (another message
 * type or an unsupported version), `missing_element`, `invalid_amount`, `invalid_date`, `invalid_value`.
 */
export type BankFileErrorCode =
  | 'malformed_xml'
  | 'doctype_not_allowed'
  | 'unexpected_document'
  | 'missing_element'
  | 'invalid_amount'
  | 'invalid_date'
  | 'invalid_value';

/** Thrown by the parsers. `code` is stable; `detail` is diagnostic text (element path, value, parser message). */
export class BankFileParseError extends Error {
  override readonly name = 'BankFileParseError';
  constructor(
    readonly code: BankFileErrorCode,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${code}: ${detail}${line === undefined ? '' : ` (line ${line})`}`);
  }
}

/** A captured element: local name (namespace prefix dropped), attributes by local name, text and child elements. */
export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
}

/** @internal Callbacks of {@link readXml}. Paths are local names from the root element, e.g. `['Document', 'GrpHdr']`. */
export interface XmlHandlers {
  /** Whether to capture the element at `path` (not called for elements inside a captured one). */
  capture(path: readonly string[]): boolean;
  /** A captured element closed. */
  captured(path: readonly string[], node: XmlNode): void;
  /** A non-captured element opened; `namespace` is its namespace URI. */
  open?(path: readonly string[], namespace: string): void;
  /** A non-captured element closed. */
  close?(path: readonly string[]): void;
}

/** Slice size for inputs given whole, so that items are yielded progressively and the queue stays small. */
const SLICE = 65_536;

async function* chunksOf(source: XmlSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    for (let i = 0; i < source.length; i += SLICE) yield source.slice(i, i + SLICE);
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk: string | Uint8Array, stream: boolean) => {
    try {
      return typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream });
    } catch (e) {
      throw new BankFileParseError('malformed_xml', `not UTF-8: ${(e as Error).message}`);
    }
  };
  const chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> =
    source instanceof Uint8Array
      ? (function* () {
          for (let i = 0; i < source.length; i += SLICE) yield source.subarray(i, i + SLICE);
        })()
      : source;
  for await (const chunk of chunks) yield decode(chunk, true);
  const rest = decode(new Uint8Array(0), false);
  if (rest !== '') yield rest;
}

/**
 * @internal Feeds `source` through a SAX parser, calling `handlers`; after each input chunk yields what the
 * handlers pushed with `emit`. On the first error (malformed XML as {@link BankFileParseError}, or whatever a
 * handler throws) parsing stops: the items emitted before it are still yielded, then the error is thrown.
 */
export async function* readXml<T>(
  source: XmlSource,
  makeHandlers: (emit: (item: T) => void) => XmlHandlers,
): AsyncGenerator<T> {
  const queue: T[] = [];
  const handlers = makeHandlers((item) => queue.push(item));
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  /** Open captured elements, innermost last; empty when not capturing. */
  const open: XmlNode[] = [];
  let captureDepth = -1;
  /** The first error; once set, further parser events are ignored and the queue is drained before throwing. */
  let failure: unknown;
  let failed = false;

  const fail = (error: unknown) => {
    if (!failed) {
      failed = true;
      failure = error;
    }
  };
  /** Runs an event handler; an exception stops the parse but keeps what was emitted before it. */
  const guard =
    <A extends unknown[]>(handler: (...args: A) => void) =>
    (...args: A) => {
      if (failed) return;
      try {
        handler(...args);
      } catch (e) {
        fail(e);
      }
    };
  parser.on('error', guard((e: Error) => fail(new BankFileParseError('malformed_xml', e.message, parser.line))));
  parser.on('doctype', guard(() => fail(new BankFileParseError('doctype_not_allowed', 'DOCTYPE is not accepted', parser.line))));
  parser.on(
    'opentag',
    guard((tag: SaxesTagNS) => {
      path.push(tag.local);
      if (open.length > 0 || handlers.capture(path)) {
        const attributes: Record<string, string> = {};
        for (const attribute of Object.values(tag.attributes)) {
          if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns') attributes[attribute.local] = attribute.value;
        }
        const node: XmlNode = { name: tag.local, attributes, children: [], text: '' };
        if (open.length === 0) captureDepth = path.length;
        else open[open.length - 1]?.children.push(node);
        open.push(node);
      } else {
        handlers.open?.(path, tag.uri);
      }
    }),
  );
  const onText = guard((text: string) => {
    const current = open[open.length - 1];
    if (current) current.text += text;
  });
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on(
    'closetag',
    guard(() => {
      const node = open.pop();
      if (node) {
        if (open.length === 0 && path.length === captureDepth) handlers.captured(path, node);
      } else {
        handlers.close?.(path);
      }
      path.pop();
    }),
  );

  function* drain() {
    const items = queue.splice(0, queue.length);
    yield* items;
  }

  let first = true;
  for await (let chunk of chunksOf(source)) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    parser.write(chunk);
    yield* drain();
    if (failed) throw failure;
  }
  if (!failed) parser.close();
  yield* drain();
  if (failed) throw failure;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers on captured nodes

/** @internal The first child at `names` (a path of local names below `node`), or undefined. */
export function child(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) {
    current = current?.children.find((c) => c.name === name);
    if (!current) return undefined;
  }
  return current;
}

/** @internal Every element at `names` below `node` (all branches). */
export function children(node: XmlNode | undefined, ...names: string[]): XmlNode[] {
  if (!node) return [];
  let level: XmlNode[] = [node];
  for (const name of names) level = level.flatMap((n) => n.children.filter((c) => c.name === name));
  return level;
}

/** @internal Trimmed text at `names` below `node`; undefined when the element is missing or empty. */
export function text(node: XmlNode | undefined, ...names: string[]): string | undefined {
  const value = child(node, ...names)?.text.trim();
  return value === undefined || value === '' ? undefined : value;
}
