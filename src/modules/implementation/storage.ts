// Evidence files live behind a small storage interface; the filesystem one keeps
// them under DATA_DIR/files. Metadata (name, type, size, hash) is in the database.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export function filesystemStorage(root: string): FileStorage {
  const full = (key: string) => {
    if (!/^[a-z0-9/_-]+(\.[a-z0-9]+)?$/i.test(key) || key.includes('..'))
      throw new Error(`bad storage key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, bytes) {
      const file = full(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    },
    get: (key) => fs.readFile(full(key)),
    remove: (key) => fs.rm(full(key), { force: true }),
  };
}

export function newStorageKey(ext: string): string {
  const id = crypto.randomUUID();
  return `evidence/${id.slice(0, 2)}/${id}.${ext}`;
}

export type SniffedType = { mediaType: string; ext: string };

const ZIP_OFFICE: Record<string, SniffedType> = {
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ext: 'pptx',
  },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', ext: 'odt' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods' },
};
const OLE_OFFICE: Record<string, SniffedType> = {
  doc: { mediaType: 'application/msword', ext: 'doc' },
  xls: { mediaType: 'application/vnd.ms-excel', ext: 'xls' },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', ext: 'ppt' },
};

function startsWith(bytes: Buffer, sig: number[], offset = 0): boolean {
  return bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b);
}

/**
 * The file's real type from its first bytes (never from the name or the
 * browser's claim): PDF, PNG, JPEG, GIF, WebP, and office files (OOXML/ODF as
 * ZIP, legacy Office as OLE, told apart by the name's extension). Null: refused.
 */
export function sniffFileType(bytes: Buffer, fileName: string): SniffedType | null {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', ext: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mediaType: 'image/png', ext: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', ext: 'jpg' };
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return { mediaType: 'image/gif', ext: 'gif' };
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return { mediaType: 'image/webp', ext: 'webp' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return ZIP_OFFICE[ext] ?? null;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE_OFFICE[ext] ?? null;
  return null;
}
