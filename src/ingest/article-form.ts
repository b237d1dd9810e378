import type { Request, Response } from 'express';
import multer from 'multer';
import { MAX_BODY_CHARS } from '../articles/articles.ts';
import { InputError } from '../http/errors.ts';
import { decodeUpload } from './decode-upload.ts';
import type { RawArticle } from './build-submission.ts';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, fieldSize: MAX_BODY_CHARS * 4, files: 1, fields: 20, parts: 21 },
}).single('file');

/** Parses the multipart article form; an oversized upload becomes a 413 naming the field. */
export function parseArticleForm(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE') {
        return reject(new InputError([{ field: 'file', message: `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` }], 413));
      }
      if (code === 'LIMIT_FIELD_VALUE') {
        return reject(new InputError([{ field: 'text', message: 'the pasted text is too large' }], 413));
      }
      reject(err);
    });
  });
}

/** The form's fields and body: an uploaded file wins over pasted text. */
export function rawArticleFromForm(req: Request): RawArticle {
  // The form's own fields (its CSRF token, the pasted text and its format) are not the
  // article's; any other unknown field is refused by articleFieldsSchema, naming it.
  const { _csrf: _token, text: pasted, format: pastedFormat, ...fields } = (req.body ?? {}) as Record<string, unknown>;
  const file = req.file;
  if (file && file.size > 0) {
    const decoded = decodeUpload('file', file.buffer, file.originalname, file.mimetype);
    return { fields, body: { ...decoded, field: 'file' } };
  }
  const text = typeof pasted === 'string' ? pasted : '';
  const format = pastedFormat === 'html' ? 'html' : 'text';
  return { fields, body: { text, format, field: 'text' } };
}
