import { z } from 'zod';
import { MAX_INT4, typedText } from '../http/schema.ts';

// The review workflow's inputs (issue #10): verify, correct, reject a statement's current
// attribution, suggest a correction, decide a suggestion. JSON bodies parse with these
// schemas directly; page forms are mapped onto them first (review-forms.ts), so both paths
// share one set of rules. Offsets count code points into the article's body text.

export const REJECT_KINDS = ['not_a_statement', 'not_attributable'] as const;
export type RejectKind = (typeof REJECT_KINDS)[number];
/** How pages name each reject kind. */
export const REJECT_KIND_LABELS: Record<RejectKind, string> = { not_a_statement: 'Not a statement', not_attributable: 'Not attributable' };
export const SPEAKER_KINDS = ['person', 'organization'] as const;

const wholeNumber = (min: number, message: string) =>
  z.number({ error: 'must be a whole number' }).int('must be a whole number').min(min, message).max(MAX_INT4, `must be at most ${MAX_INT4}`);

/** The attribution version the review was made on (a stale one answers 409). */
const version = wholeNumber(1, 'must be at least 1');
/** A reason typed by a person: optional, at most 2,000 characters; blank means none. */
const reason = typedText(2000).optional();

export const verifySchema = z.strictObject({ version, reason });
export type VerifyInput = z.infer<typeof verifySchema>;

export const rejectSchema = z.strictObject({
  version,
  reason,
  rejectReason: z.enum(REJECT_KINDS, { error: `must be one of: ${REJECT_KINDS.join(', ')}` }).optional(),
});
export type RejectInput = z.infer<typeof rejectSchema>;

export const newSpeakerSchema = z.strictObject({
  name: typedText(300).min(1, 'is required'),
  kind: z.enum(SPEAKER_KINDS, { error: 'must be person or organization' }),
});

/**
 * A correction: another stored speaker (`speakerId`) or a new one (`newSpeaker`), the role
 * as printed (`roleText`; null or '' clears it), the quote span (`quoteStart`/`quoteEnd`,
 * both or neither). Omitted parts keep the current version's value.
 */
export const correctionSchema = z.strictObject({
  version,
  reason,
  speakerId: wholeNumber(1, 'must be a speaker id').optional(),
  newSpeaker: newSpeakerSchema.optional(),
  roleText: typedText(500).nullable().optional(),
  quoteStart: wholeNumber(0, 'must not be negative').optional(),
  quoteEnd: wholeNumber(1, 'must be after quoteStart').optional(),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

/** A suggested correction: what an annotator proposes, on the version they saw. */
export const suggestionSchema = correctionSchema;

export const decisionSchema = z.strictObject({ reason });

export interface Reviewer {
  id: number;
  username: string;
}
