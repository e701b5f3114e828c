/**
 * A parsed YAML (or JSON) file that remembers where everything came from, so any path inside
 * it can be reported as `line:column`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type YamlPath = readonly (string | number | symbol | PropertyKey)[];

export interface Position {
  line: number;
  column: number;
}

export class YamlSource {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  /** YAML syntax errors, each with its position. */
  syntaxErrors(): { pos: Position; message: string }[] {
    return this.doc.errors.map((e) => ({
      pos: this.at(e.pos[0]),
      message: e.message.split('\n')[0] ?? e.message,
    }));
  }

  toJS(): unknown {
    return this.doc.toJS();
  }

  /**
   * Position of the deepest part of `path` that exists: the key for a map entry (so
   * "unknown key" and "missing field" point at the right line), the item for a list entry.
   */
  locate(path: YamlPath): Position {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        offset = rangeStart(item) ?? offset;
        node = item;
      } else break;
    }
    return this.at(offset);
  }

  /** Position of the value at `path` (rather than its key). */
  locateValue(path: YamlPath): Position {
    const node = this.doc.getIn(path as (string | number)[], true);
    const start = rangeStart(node);
    return start === undefined ? this.locate(path) : this.at(start);
  }

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
