import { z } from 'zod';
import { MAX_INT4, typedText } from '../http/schema.ts';

// Input schemas of the speaker edit routes. The JSON API and the page forms take the same
// fields (camelCase); a form also carries `_csrf`. Unknown fields answer 400 naming them.

/** Who may rename, change the kind of, and merge speakers; deleting one needs ADMIN. */
export const EDIT_SPEAKERS = 'editor';
export const DELETE_SPEAKERS = 'admin';

/** A whole number 1..MAX_INT4, as a JSON number or as digits (a form field). */
function positiveInt(message: string) {
  return z
    .union([z.number(), z.string().trim().regex(/^\d{1,10}$/, message).transform(Number)], { error: message })
    .pipe(z.number().int(message).min(1, message).max(MAX_INT4, message));
}

const version = positiveInt('must be the version number the edit was made on (GET /api/speakers/:id gives it)');
const speakerKind = z.enum(['person', 'organization'], { error: 'must be person or organization' });
const speakerName = typedText(300).min(1, 'must not be empty');
const csrfField = { _csrf: z.string().optional() };

export const editApiSchema = z
  .strictObject({ version, name: speakerName.optional(), kind: speakerKind.optional() })
  .refine((e) => e.name !== undefined || e.kind !== undefined, { message: 'give a new name or kind', path: ['name'] });
export const editFormSchema = z.strictObject({ ...csrfField, version, name: speakerName, kind: speakerKind });

const mergeFields = {
  otherSpeakerId: positiveInt('must be the id of the speaker to merge into this one'),
  version,
  otherVersion: positiveInt("must be the other speaker's version number the merge was made on"),
};
export const mergeApiSchema = z.strictObject(mergeFields);
export const mergeFormSchema = z.strictObject({ ...csrfField, ...mergeFields });

/** A write that takes nothing but (for a form) its CSRF token. */
export const emptyFormSchema = z.strictObject(csrfField);
export const emptyApiSchema = z.strictObject({});
/** DELETE /api/speakers/:id: optionally the version the deletion was decided on. */
export const deleteApiSchema = z.strictObject({ version: version.optional() });
export const deleteFormSchema = z.strictObject({ ...csrfField, version: version.optional() });

/** GET /speakers/:id/merge: a name to search, or the speaker chosen (confirmation). */
export const mergePageSchema = z.strictObject({
  q: typedText(200).optional(),
  other: positiveInt('must be a speaker id').optional(),
});

/** Writes take their fields in the body: any query parameter is unknown (400 naming it). */
export { noQueryParameters as noQuery } from '../http/parse-input.ts';
