// Reading an XLSX file as a stream: the zip directory is checked before anything is trusted,
// then the first sheet's rows are parsed as its entry inflates (node's zlib, saxes), so a
// million-row file never sits in memory. Only cell values are read: no styles, so a date
// comes as its serial number, as it did from exceljs's streaming reader used before (which
// took half as long again).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline as pipeStreams, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** Declared unpacked size above which a file is refused unread (a million rows unpack to about 250 MB). */
export const MAX_XLSX_UNPACKED = 1024 * 1024 * 1024;
/** Output chunk of the inflater: at zlib's default 16 kB, inflating takes three times as long. */
const INFLATE_CHUNK = 256 * 1024;
/** Compressed bytes read from the file at a time. */
const READ_CHUNK = 256 * 1024;
/** Text is decoded in pieces of this size: a string above 128 kB (V8's large-object space) takes thirty times longer. */
const TEXT_CHUNK = 64 * 1024;
/** Excel's last column (XFD); a reference beyond it would make a huge sparse row. */
export const MAX_COLUMN = 16_384;

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated (the only two accepted). */
  method: number;
  packed: number;
  unpacked: number;
  /** Where the entry's bytes start, after its local header. */
  dataStart: number;
};

export type XlsxArchive = {
  /** The checked entries, in the order of the zip directory. */
  readonly entries: readonly ZipEntry[];
  /** One entry's bytes, inflated as they are read. */
  open(entry: ZipEntry): Readable;
  /** Ends the streams still open and releases the file. */
  close(): Promise<void>;
};

/**
 * Opens an XLSX (a path, or the bytes) after checking its zip, unpacking nothing into memory:
 * it names xl/workbook.xml and a sheet in its directory, each entry inflates without error to
 * the size the directory declares, and all of them to no more than MAX_XLSX_UNPACKED. Damaged
 * files are refused here (null), before a single row is read, so an import is all or nothing.
 * The file stays open until close(): the entries read later are the bytes checked here.
 */
export async function openXlsx(input: string | Buffer): Promise<XlsxArchive | null> {
  const bytes = Buffer.isBuffer(input) ? input : null;
  let handle: fs.promises.FileHandle | null = null;
  const streams = new Set<Readable>();
  const close = async (): Promise<void> => {
    for (const stream of streams) stream.destroy();
    await handle?.close();
  };
  const read = async (position: number, length: number): Promise<Buffer> => {
    if (bytes) return bytes.subarray(position, position + length);
    const out = Buffer.alloc(length);
    const { bytesRead } = await handle!.read(out, 0, length, position);
    return out.subarray(0, bytesRead);
  };
  // Positional reads on the one handle (a FileHandle's own read streams would each leave a
  // listener on it until it closes).
  async function* fileBytes(file: fs.promises.FileHandle, start: number, end: number) {
    for (let position = start; position < end; ) {
      const piece = Buffer.allocUnsafe(Math.min(READ_CHUNK, end - position));
      const { bytesRead } = await file.read(piece, 0, piece.length, position);
      if (bytesRead === 0) throw new Error('zip: entry cut short');
      position += bytesRead;
      yield piece.subarray(0, bytesRead);
    }
  }
  const raw = (start: number, length: number): Readable =>
    Readable.from(bytes ? bytes.subarray(start, start + length) : fileBytes(handle!, start, start + length), {
      objectMode: false,
    });
  const open = (entry: ZipEntry): Readable => {
    const stored = raw(entry.dataStart, entry.packed);
    // pipeline: an error on either side destroys both, and reaches the reader of the inflater.
    const stream =
      entry.method === 8
        ? pipeStreams(stored, zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => {})
        : stored;
    streams.add(stream);
    stream.once('close', () => streams.delete(stream));
    return stream;
  };
  const inflatedSize = async (entry: ZipEntry): Promise<number> => {
    let size = 0;
    for await (const chunk of open(entry)) {
      size += (chunk as Buffer).length;
      if (size > MAX_XLSX_UNPACKED) break;
    }
    return size;
  };
  try {
    handle = bytes ? null : await fs.promises.open(input as string, 'r');
    const size = bytes ? bytes.length : (await handle!.stat()).size;
    const entries = await checkedEntries(size, read, inflatedSize);
    if (entries) return { entries, open, close };
  } catch {
    // Unreadable, damaged or not a zip: refused below.
  }
  await close().catch(() => {});
  return null;
}

/** The zip directory's entries if every check passes, else null. */
async function checkedEntries(
  size: number,
  read: (position: number, length: number) => Promise<Buffer>,
  inflatedSize: (entry: ZipEntry) => Promise<number>,
): Promise<ZipEntry[] | null> {
  if (size < 22 || (await read(0, 4)).readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-directory record: the last 22 bytes, or before a comment of up to 64 kB.
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = await read(tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0 && end < 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) end = i;
  if (end < 0) return null;
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  if (dirOffset + dirSize > tailStart + end || dirSize > 16 * 1024 * 1024) return null;
  const dir = await read(dirOffset, dirSize);
  const listed: (Omit<ZipEntry, 'dataStart'> & { offset: number })[] = [];
  for (let i = 0; i < dir.length; ) {
    if (i + 46 > dir.length || dir.readUInt32LE(i) !== 0x02014b50) return null;
    const nameLength = dir.readUInt16LE(i + 28);
    listed.push({
      name: dir.toString('utf8', i + 46, i + 46 + nameLength),
      method: dir.readUInt16LE(i + 10),
      packed: dir.readUInt32LE(i + 20),
      unpacked: dir.readUInt32LE(i + 24),
      offset: dir.readUInt32LE(i + 42),
    });
    i += 46 + nameLength + dir.readUInt16LE(i + 30) + dir.readUInt16LE(i + 32);
  }
  if (!listed.some((e) => e.name === 'xl/workbook.xml')) return null;
  if (!listed.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))) return null;
  if (listed.reduce((n, e) => n + e.unpacked, 0) > MAX_XLSX_UNPACKED) return null;
  const entries: ZipEntry[] = [];
  for (const { offset, ...e } of listed) {
    const local = await read(offset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return null;
    const entry = { ...e, dataStart: offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28) };
    if (entry.dataStart + entry.packed > dirOffset) return null;
    if (entry.method === 0 ? entry.packed !== entry.unpacked : entry.method !== 8) return null;
    // An empty deflate stream is not valid deflate: refused as damaged (as it always was).
    if (entry.method === 8 && (entry.packed === 0 || (await inflatedSize(entry)) !== entry.unpacked))
      return null;
    entries.push(entry);
  }
  return entries;
}

/** A cell's value: shared and inline strings, formula results, error codes and ISO dates as text. */
export type CellValue = string | number | boolean;
/** A row of the sheet: its number, and its cells by column (1-based, holes where cells are absent). */
export type SheetRow = { number: number; values: CellValue[] };

/**
 * The rows of the first sheet (in Excel's order of sheets), a batch per chunk read. Throws on
 * a sheet that is not well-formed XML or a workbook whose parts cannot be found.
 */
export async function* readFirstSheet(archive: XlsxArchive): AsyncGenerator<SheetRow[]> {
  const { sheet, sharedStrings } = await locateParts(archive);
  // Read first: the zip directory gives random access, and writers (exceljs among them)
  // often store the shared strings after the sheet that uses them.
  const strings = sharedStrings ? await readSharedStrings(archive, sharedStrings) : [];
  yield* readSheet(archive, sheet, strings);
}

/** An element's name without its namespace prefix (some writers use `x:row`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

type Handlers = {
  open?: (tag: SaxesTagPlain, name: string) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

type PlainOptions = { xmlns: false; position: false };

function newParser(): SaxesParser<PlainOptions> {
  // No namespace processing nor position tracking: neither is needed, both cost time.
  return new SaxesParser<PlainOptions>({ xmlns: false, position: false });
}

/**
 * Writes an entry's text into the parser, yielding after each chunk read so the caller can
 * hand on what that chunk produced; then closes the parser (which throws if the XML is cut).
 */
async function* feed(archive: XlsxArchive, entry: ZipEntry, parser: SaxesParser<PlainOptions>) {
  // A character may be cut between two chunks: the decoder carries its first bytes over.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of archive.open(entry) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i += TEXT_CHUNK)
      parser.write(decoder.write(chunk.subarray(i, i + TEXT_CHUNK)));
    yield;
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  parser.close();
}

async function parseEntry(archive: XlsxArchive, entry: ZipEntry, handlers: Handlers): Promise<void> {
  const { open, text, close } = handlers;
  const parser = newParser();
  if (open) parser.on('opentag', (tag) => open(tag, localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  for await (const _chunk of feed(archive, entry, parser));
}

/** The first sheet of the workbook and the shared strings, from workbook.xml and its relationships. */
async function locateParts(archive: XlsxArchive): Promise<{ sheet: ZipEntry; sharedStrings?: ZipEntry }> {
  const byName = new Map<string, ZipEntry>();
  for (const e of archive.entries) if (!byName.has(e.name)) byName.set(e.name, e);
  // Part names are case-insensitive in a package (OPC).
  const find = (name: string | undefined): ZipEntry | undefined =>
    name === undefined
      ? undefined
      : (byName.get(name) ?? archive.entries.find((e) => e.name.toLowerCase() === name.toLowerCase()));

  let firstSheetRelationship: string | undefined;
  let sheetSeen = false;
  await parseEntry(archive, find('xl/workbook.xml')!, {
    open: (tag, name) => {
      if (name !== 'sheet' || sheetSeen) return;
      sheetSeen = true;
      // r:id, whatever prefix the relationships namespace has.
      for (const [attribute, value] of Object.entries(tag.attributes))
        if (attribute.endsWith(':id')) firstSheetRelationship = value;
    },
  });

  const targets = new Map<string, { type: string; part: string | undefined }>();
  const rels = find('xl/_rels/workbook.xml.rels');
  if (rels)
    await parseEntry(archive, rels, {
      open: (tag, name) => {
        const { Id, Type, Target, TargetMode } = tag.attributes;
        if (name === 'Relationship' && Id && Target && TargetMode !== 'External')
          targets.set(Id, { type: Type ?? '', part: partName(Target) });
      },
    });

  const numbered = archive.entries
    .map((e) => ({ entry: e, n: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name)?.[1] }))
    .filter((s) => s.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  const sheet =
    find(firstSheetRelationship ? targets.get(firstSheetRelationship)?.part : undefined) ??
    numbered[0]?.entry;
  if (!sheet) throw new Error('xlsx: no worksheet');
  const sharedStringsPart = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'))?.part;
  return { sheet, sharedStrings: find(sharedStringsPart) ?? find('xl/sharedStrings.xml') };
}

/** The zip entry a relationship of xl/workbook.xml points to ("worksheets/sheet1.xml" or "/xl/…"). */
function partName(target: string): string | undefined {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all.
  }
  const name = decoded.startsWith('/')
    ? path.posix.normalize(decoded).slice(1)
    : path.posix.join('xl', decoded);
  return name.startsWith('../') ? undefined : name;
}

/** Text of the spreadsheet's string type: `_x000D_` stands for the character U+000D. */
function unescapeText(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
}

/** Each `<si>`: its `<t>` texts (rich-text runs too), without the phonetic readings (`<rPh>`). */
async function readSharedStrings(archive: XlsxArchive, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inText = false;
  let phonetic = 0;
  await parseEntry(archive, entry, {
    open: (_tag, name) => {
      if (name === 'si') text = '';
      else if (name === 't') inText = true;
      else if (name === 'rPh') phonetic++;
    },
    text: (t) => {
      if (inText && phonetic === 0) text += t;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(unescapeText(text));
    },
  });
  return strings;
}

/** The column of a cell reference ("B7" → 2), or 0 when it names none. */
function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const letter = reference.charCodeAt(i) | 0x20; // lower case
    if (letter < 97 || letter > 122) break;
    column = column * 26 + letter - 96;
    if (column > MAX_COLUMN) break;
  }
  return column;
}

async function* readSheet(
  archive: XlsxArchive,
  entry: ZipEntry,
  strings: readonly string[],
): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  let inSheetData = false;
  let row: SheetRow | null = null;
  let rowNumber = 0;
  let column = 0;
  // The cell being read.
  let inCell = false;
  let type = '';
  let value = '';
  let hasValue = false;
  let inValue = false;
  let inline = '';
  let hasInline = false;
  let inInline = false;
  let inInlineText = false;
  let phonetic = 0;

  const cellValue = (): CellValue | undefined => {
    if (hasInline) return unescapeText(inline);
    if (!hasValue) return undefined;
    switch (type) {
      case 's':
        return value === '' ? undefined : strings[Number(value)];
      case 'b':
        return value === '1' || value === 'true';
      case 'str':
      case 'inlineStr':
        return unescapeText(value);
      case '':
      case 'n': {
        if (value === '') return undefined;
        const n = Number(value);
        return Number.isNaN(n) ? value : n;
      }
      default: // 'e' (the error's text, #N/A …) and 'd' (an ISO 8601 date)
        return value;
    }
  };

  const openCell = (tag: SaxesTagPlain): void => {
    if (!row) return;
    const reference = tag.attributes.r;
    const named = reference ? columnOf(reference) : 0;
    column = named > 0 ? named : column + 1;
    if (column > MAX_COLUMN) throw new Error('xlsx: column beyond XFD');
    inCell = true;
    type = tag.attributes.t ?? '';
    value = '';
    hasValue = false;
    inline = '';
    hasInline = false;
  };
  const openValue = (): void => {
    if (inCell) {
      inValue = true;
      hasValue = true;
    }
  };
  const closeCell = (): void => {
    if (inCell && row) {
      const v = cellValue();
      if (v !== undefined) row.values[column] = v;
    }
    inCell = false;
  };
  const open = (tag: SaxesTagPlain, name: string): void => {
    switch (name) {
      case 'c':
        openCell(tag);
        return;
      case 'v':
        openValue();
        return;
      case 'row': {
        if (!inSheetData) return;
        const number = Number(tag.attributes.r);
        // A row without r (or a nonsensical one) follows the previous row.
        rowNumber = Number.isInteger(number) && number > 0 ? number : rowNumber + 1;
        row = { number: rowNumber, values: [] };
        column = 0;
        return;
      }
      case 'is':
        if (inCell) {
          inInline = true;
          hasInline = true;
        }
        return;
      case 't':
        if (inInline) inInlineText = true;
        return;
      case 'rPh':
        if (inInline) phonetic++;
        return;
      case 'sheetData':
        inSheetData = true;
        return;
    }
  };
  const close = (name: string): void => {
    switch (name) {
      case 'v':
        inValue = false;
        return;
      case 'c':
        closeCell();
        return;
      case 'row':
        if (row) batch.push(row);
        row = null;
        return;
      case 't':
        inInlineText = false;
        return;
      case 'rPh':
        if (phonetic > 0) phonetic--;
        return;
      case 'is':
        inInline = false;
        return;
      case 'sheetData':
        inSheetData = false;
        return;
    }
  };
  const text = (text: string): void => {
    if (inValue) value += text;
    else if (inInlineText && phonetic === 0) inline += text;
  };

  const parser = newParser();
  // Seven million cells in a million rows: the unprefixed <c> and <v> are dispatched first
  // (about half a second less than through localName and the switch).
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (name === 'c') openCell(tag);
    else if (name === 'v') openValue();
    else open(tag, localName(name));
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (name === 'v') inValue = false;
    else if (name === 'c') closeCell();
    else close(localName(name));
  });
  parser.on('text', text);
  parser.on('cdata', text);

  for await (const _chunk of feed(archive, entry, parser)) {
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
