import { z } from 'zod';
import { parseInput } from '../http/parse-input.ts';
import { type CorrectionInput, correctionSchema, decisionSchema, type RejectInput, rejectSchema, type VerifyInput, verifySchema } from './review.ts';

// The statement page's HTML forms send every field as a string (blank when untouched):
// these map them onto the JSON inputs, which then parse with the same schemas as the API.

const field = z.string().optional();
/**
 * Every form carries its CSRF token (checked by the write guard before this runs) and may
 * say where to go after it (`back`: the review queue posts with it).
 */
const base = { _csrf: field, back: field, version: field, reason: field };

const verifyForm = z.strictObject(base);
const rejectForm = z.strictObject({ ...base, rejectReason: field });
const correctionForm = z.strictObject({
  ...base,
  speakerId: field,
  otherSpeakerId: field,
  newSpeakerName: field,
  newSpeakerKind: field,
  roleText: field,
  quoteStart: field,
  quoteEnd: field,
});
const decisionForm = z.strictObject({ _csrf: field, back: field, reason: field });

const blank = (s: string | undefined) => s === undefined || s.trim() === '';
/** Digits become a number; anything else stays as typed, for the schema to name. */
const num = (s: string | undefined) => (blank(s) ? undefined : /^\s*\d{1,12}\s*$/.test(s!) ? Number(s) : s);
const text = (s: string | undefined) => (blank(s) ? undefined : s);

export function verifyFromForm(body: unknown): VerifyInput {
  const f = parseInput(verifyForm, body ?? {}, 400, 'form');
  return parseInput(verifySchema, { version: num(f.version), reason: text(f.reason) }, 400, 'form');
}

export function rejectFromForm(body: unknown): RejectInput {
  const f = parseInput(rejectForm, body ?? {}, 400, 'form');
  return parseInput(rejectSchema, { version: num(f.version), reason: text(f.reason), rejectReason: text(f.rejectReason) }, 400, 'form');
}

/**
 * A correction (or suggestion) form: a speaker picked from the list (`speakerId`) or typed
 * as an id (`otherSpeakerId`, which wins), or a new one (`newSpeakerName`, `newSpeakerKind`);
 * the role as printed (always sent: blank clears it); the span (prefilled: unchanged keeps it).
 */
export function correctionFromForm(body: unknown): CorrectionInput {
  const f = parseInput(correctionForm, body ?? {}, 400, 'form');
  const input: Record<string, unknown> = { version: num(f.version), reason: text(f.reason) };
  const speakerId = num(f.otherSpeakerId) ?? num(f.speakerId);
  if (speakerId !== undefined) input.speakerId = speakerId;
  if (!blank(f.newSpeakerName)) input.newSpeaker = { name: f.newSpeakerName, kind: text(f.newSpeakerKind) ?? 'person' };
  if (f.roleText !== undefined) input.roleText = f.roleText.trim() === '' ? null : f.roleText;
  if (!blank(f.quoteStart) || !blank(f.quoteEnd)) Object.assign(input, { quoteStart: num(f.quoteStart), quoteEnd: num(f.quoteEnd) });
  return parseInput(correctionSchema, input, 400, 'form');
}

export function decisionFromForm(body: unknown): { reason?: string } {
  const f = parseInput(decisionForm, body ?? {}, 400, 'form');
  return parseInput(decisionSchema, { reason: text(f.reason) }, 400, 'form');
}
