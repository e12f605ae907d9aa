// A streaming RFC 4180 reader for uploaded CSV files. It takes the body as bytes, decodes them as
// strict UTF-8 (a Latin-1 export is refused with its byte offset, never silently mangled), and
// yields one record at a time with the line it started on, so a 10 MB file is never held as rows
// twice and every per-row error can name its line. Quoted fields may hold commas, quotes ("") and
// line breaks; CRLF, LF and a final line without a break are all accepted.

export class CsvFormatError extends Error {
  override readonly name = "CsvFormatError";
  readonly reason: "not_utf8" | "unterminated_quote" | "stray_quote";
  readonly line: number;
  constructor(reason: CsvFormatError["reason"], line: number, message: string) {
    super(message);
    this.reason = reason;
    this.line = line;
  }
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

/** Reads records from a byte stream; a UTF-8 byte-order mark at the start is dropped. */
export async function* readCsv(bytes: ReadableStream<Uint8Array>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const parser = new CsvParser();
  const reader = bytes.getReader();
  let decodedLines = 1;
  for (;;) {
    const { done, value } = await reader.read();
    let text: string;
    try {
      text = done ? decoder.decode() : decoder.decode(value, { stream: true });
    } catch {
      await reader.cancel().catch(() => {});
      throw new CsvFormatError("not_utf8", decodedLines, "the file is not UTF-8 text (save it as CSV UTF-8; Latin-1 and other encodings are refused)");
    }
    decodedLines += countNewlines(text);
    yield* parser.push(text);
    if (done) break;
  }
  yield* parser.end();
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The state machine behind readCsv: text in, complete records out. */
class CsvParser {
  private cells: string[] = [];
  private cell = "";
  private quoted = false;
  /** Inside a quoted field; a quote seen last might be the first of an escaped pair. */
  private inQuotes = false;
  private quotePending = false;
  /** A CR was the last character: an LF right after it belongs to the same line break. */
  private afterCr = false;
  private line = 1;
  private recordLine = 1;
  private recordStarted = false;

  *push(text: string): Generator<CsvRecord> {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (ch === "\n") continue;
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            this.cell += '"';
            continue;
          }
          this.inQuotes = false;
          // fall through: the character after a closing quote
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          if (ch === "\n" || ch === "\r") this.line++;
          if (ch === "\r" && text[i + 1] === "\n") {
            this.cell += "\r\n";
            i++;
            continue;
          }
          this.cell += ch;
          continue;
        }
      }
      if (ch === ",") {
        this.endCell();
      } else if (ch === "\n" || ch === "\r") {
        const record = this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (ch === "\r") this.afterCr = true;
        if (record) yield record;
      } else if (ch === '"') {
        if (this.cell !== "" || this.quoted) {
          throw new CsvFormatError("stray_quote", this.line, `line ${this.line}: a quote inside an unquoted field (quote the whole field and double inner quotes)`);
        }
        this.quoted = true;
        this.inQuotes = true;
        this.recordStarted = true;
      } else {
        if (this.quoted) {
          throw new CsvFormatError("stray_quote", this.line, `line ${this.line}: text after a closing quote`);
        }
        this.cell += ch;
        this.recordStarted = true;
      }
    }
  }

  *end(): Generator<CsvRecord> {
    if (this.inQuotes && !this.quotePending) {
      throw new CsvFormatError("unterminated_quote", this.recordLine, `line ${this.recordLine}: a quoted field is never closed`);
    }
    this.inQuotes = false;
    this.quotePending = false;
    const record = this.endRecord();
    if (record) yield record;
  }

  private endCell() {
    this.cells.push(this.cell);
    this.cell = "";
    this.quoted = false;
    this.recordStarted = true;
  }

  /** A blank line is no record at all. */
  private endRecord(): CsvRecord | null {
    if (!this.recordStarted && this.cell === "" && this.cells.length === 0) return null;
    this.endCell();
    const record = { line: this.recordLine, cells: this.cells };
    this.cells = [];
    this.recordStarted = false;
    return record;
  }
}

/** One CSV cell as written: quoted when it must be, and made inert for spreadsheets. */
export function csvCell(value: string): string {
  // A cell starting with = + - @ (or a tab/CR that hides one) is a formula to Excel and Sheets.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;
