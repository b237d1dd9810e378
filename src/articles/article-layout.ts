import type { StatementView } from '../statements/statement.presenter.ts';
import type { ArticleView, Segment } from './article.presenter.ts';

// The article page's paragraphs with the statements each one holds: the "who said it" notes
// listed beside a paragraph (layout=side), and the targets of each highlight's
// aria-describedby in either layout.

/** A statement's note beside its paragraph. */
export interface SideNote {
  statement: StatementView;
  /** A later part of a split quotation with the same speaker as the part before: shown joined to it, under one speaker label. */
  joinsPrevious: boolean;
}

export interface PageParagraph {
  segments: Segment[];
  notes: SideNote[];
}

/** The page's layouts (the `layout` query parameter): highlights in the text, or each paragraph's statements listed beside it. */
export const ARTICLE_LAYOUTS = ['inline', 'side'] as const;
export type ArticleLayout = (typeof ARTICLE_LAYOUTS)[number];

const speakerKey = (s: StatementView) => (s.speaker ? `id:${s.speaker.id}` : `mention:${s.mention ?? ''}`);

/** Each paragraph with the statements that start in it (a statement spanning paragraphs is listed once, where it starts), in text order. */
export function layoutParagraphs(view: ArticleView): PageParagraph[] {
  const byId = new Map(view.statements.map((s) => [s.id, s]));
  const listed = new Set<number>();
  return view.paragraphs.map((segments) => {
    const notes: SideNote[] = [];
    for (const piece of segments) {
      for (const id of piece.statementIds) {
        if (listed.has(id)) continue;
        listed.add(id);
        const statement = byId.get(id)!;
        const head = statement.continuesStatementId === null ? undefined : byId.get(statement.continuesStatementId);
        notes.push({ statement, joinsPrevious: head !== undefined && speakerKey(head) === speakerKey(statement) });
      }
    }
    return { segments, notes };
  });
}
