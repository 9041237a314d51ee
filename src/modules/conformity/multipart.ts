// Multipart bodies (file uploads) for this module's routes, parsed before the
// CSRF check runs so a form's `_csrf` field is seen. Parsed with the WHATWG
// FormData parser built into Node; files become { filename, bytes }.
import type { App } from '../../kernel/module.ts';

export type UploadedFile = { filename: string; bytes: Uint8Array };

export function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && 'bytes' in v && (v as UploadedFile).bytes instanceof Uint8Array;
}

/** `maxBytes`: UPLOAD_MAX_MB; a larger body is refused with 413 before it is parsed. */
export function acceptMultipart(app: App, maxBytes: number): void {
  if (app.hasContentTypeParser('multipart/form-data')) return;
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    async (request: { headers: Record<string, string | string[] | undefined> }, body: Buffer) => {
      const type = String(request.headers['content-type'] ?? '');
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
      } catch {
        const error = new Error('Malformed multipart body') as Error & { statusCode: number };
        error.statusCode = 400;
        throw error;
      }
      const out: Record<string, unknown> = {};
      for (const [key, value] of form) {
        if (typeof value === 'string') out[key] = value;
        else if (value.size > 0)
          out[key] = { filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
      }
      return out;
    },
  );
}
