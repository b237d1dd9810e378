import { annotationJson, label, targetSelector } from './annotation.presenter.ts';
import type { AnnotationRecord } from './annotations.queries.ts';

// Annotations as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/), as
// Hypothesis exports them. `origin` is this site's absolute origin (https://host).

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/markdown' | 'text/plain';
  purpose: 'commenting' | 'tagging' | 'assessing';
}
interface LinkBody {
  id: string;
  purpose: 'linking';
}

/** The motivation: assessing (a verdict or rating), else commenting (a note), else tagging. */
function motivationOf(r: AnnotationRecord): 'assessing' | 'commenting' | 'tagging' {
  if (r.verdict || r.claim_rating) return 'assessing';
  if (r.body === '' && r.tags.length) return 'tagging';
  return 'commenting';
}

/**
 * One annotation as a W3C `Annotation`: bodies for the note (Markdown), each tag, the
 * attribution verdict, the claim rating and its explanation (assessing), each evidence URL
 * (linking); the target is the article page with a TextQuoteSelector and a
 * TextPositionSelector: the passage's, or the statement's words when it was annotated (a
 * later correction of the statement's span does not move it; see targetSelector). `verbatim` holds Verbatim's own
 * fields (version for edits, visibility, hidden, ids), which JSON-LD processors ignore.
 */
export function webAnnotation(r: AnnotationRecord, origin: string) {
  const text = (value: string, purpose: TextualBody['purpose'], format: TextualBody['format'] = 'text/plain'): TextualBody => ({ type: 'TextualBody', value, format, purpose });
  const body: (TextualBody | LinkBody)[] = [];
  if (r.body !== '') body.push(text(r.body, 'commenting', 'text/markdown'));
  for (const tag of r.tags) body.push(text(tag, 'tagging'));
  if (r.verdict) body.push(text(`attribution verdict: ${label(r.verdict)}`, 'assessing'));
  if (r.claim_rating) body.push(text(`claim rating: ${label(r.claim_rating)}`, 'assessing'));
  if (r.rating_explanation) body.push(text(r.rating_explanation, 'assessing'));
  for (const url of r.evidence_urls) body.push({ id: url, purpose: 'linking' });

  const quote = targetSelector(r);
  const own = annotationJson(r);
  return {
    '@context': ANNO_CONTEXT,
    id: `${origin}/api/annotations/${r.id}`,
    type: 'Annotation' as const,
    motivation: motivationOf(r),
    created: r.created_at.toISOString(),
    modified: r.updated_at.toISOString(),
    creator: { id: `acct:${r.author}@${new URL(origin).hostname}`, type: 'Person' as const, nickname: r.author },
    body,
    target: {
      source: `${origin}/articles/${r.article_id}`,
      selector: [
        { type: 'TextQuoteSelector' as const, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector' as const, start: quote.start, end: quote.end },
      ],
    },
    verbatim: {
      version: own.version,
      visibility: own.visibility,
      hidden: own.hidden,
      statementId: own.statementId,
      articleId: own.articleId,
      statement: r.statement_id === null ? null : `${origin}/statements/${r.statement_id}`,
      note: own.note,
      tags: own.tags,
      verdict: own.verdict,
      claimRating: own.claimRating,
      ratingExplanation: own.ratingExplanation,
      evidenceUrls: own.evidenceUrls,
    },
  };
}
export type WebAnnotation = ReturnType<typeof webAnnotation>;

/** A page of annotations as a W3C `AnnotationPage` (items newest first; `next` when there is more). */
export function annotationPage(items: AnnotationRecord[], origin: string, selfPath: string, nextPath: string | null) {
  return {
    '@context': ANNO_CONTEXT,
    id: `${origin}${selfPath}`,
    type: 'AnnotationPage' as const,
    ...(nextPath ? { next: `${origin}${nextPath}` } : {}),
    items: items.map((r) => webAnnotation(r, origin)),
  };
}
