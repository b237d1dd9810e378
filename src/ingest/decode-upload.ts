import { InputError } from '../http/errors.ts';

export interface DecodedUpload {
  text: string;
  format: 'text' | 'html';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Share of control characters above which a file is treated as binary, not text. */
const BINARY_CONTROL_SHARE = 0.01;

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return true;
  let control = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  return sample.length > 0 && control / sample.length > BINARY_CONTROL_SHARE;
}

export function looksLikeHtml(text: string, filename = '', mimeType = ''): boolean {
  if (/\.x?html?$/i.test(filename) || /html/i.test(mimeType)) return true;
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 1024));
}

/** Checks an uploaded file is UTF-8 text (plain or HTML) and decodes it. */
export function decodeUpload(field: string, bytes: Buffer, filename = '', mimeType = ''): DecodedUpload {
  if (bytes.length === 0) throw new InputError([{ field, message: 'the file is empty' }]);
  if (looksBinary(bytes)) {
    throw new InputError([{ field, message: 'the file looks binary; upload a .txt or .html file' }]);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InputError([{ field, message: 'the file is not valid UTF-8 text' }]);
  }
  return { text, format: looksLikeHtml(text, filename, mimeType) ? 'html' : 'text' };
}

/** Throws if a request body is not valid UTF-8 (body-parser would silently replace bytes). */
export function assertUtf8(field: string, bytes: Buffer): void {
  try {
    utf8.decode(bytes);
  } catch {
    throw new InputError([{ field, message: 'the request body is not valid UTF-8' }], 400);
  }
}
