import type { OffsetRange, Position, Range } from './types';

/**
 * Offset ⇄ LSP position conversion. Built lazily on the first lookup, so documents whose findings
 * are all on the fast path pay nothing; one O(n) scan per text, then binary search.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    if (text.indexOf('\r') === -1) {
      // Only \n breaks: found by indexOf, much faster than reading every character.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return starts;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and the \n of a line break is no position of its own: it is the end of the line.
    if (clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line];
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }

  rangeOf(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    if (line < 0 || line >= starts.length) return '';
    const end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.slice(starts[line], end).replace(/\r?\n$|\r$/, '');
  }
}
