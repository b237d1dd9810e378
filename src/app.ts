import path from 'node:path';
import { noQueryParameters } from './http/parse-input.ts';
import { camelCaseJson } from './http/camel-case-json.ts';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import { annotationsApiRouter } from './annotations/annotations.api.routes.ts';
import { annotationPagesRouter } from './annotations/annotations.routes.ts';
import { articlesApiRouter } from './articles/articles.api.routes.ts';
import { articlePagesRouter } from './articles/articles.routes.ts';
import type { Config } from './config.ts';
import type { DbHandle } from './db/connect.ts';
import type { Database } from './db/database.ts';
import { clustersRouter } from './clusters/clusters.routes.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import type { ReaderPool } from './ingest/reader-pool.ts';
import { flashLocals, saveFlashBeforeRedirect, sessionMiddleware, userLocals } from './http/session.ts';
import { accountRouter } from './auth/account.routes.ts';
import { authRouter } from './auth/auth.routes.ts';
import { usersRouter } from './auth/users.routes.ts';
import { listAdminUsernames } from './auth/users.queries.ts';
import { permissionLocals } from './auth/page-permissions.ts';
import { auditRouter } from './audit/audit.routes.ts';
import { importsRouter } from './imports/imports.routes.ts';
import { bearerAuth } from './auth/bearer-auth.ts';
import { createPassport } from './auth/passport.ts';
import { useViews, VIEWS_DIR } from './http/views.ts';
import type { StoreTarget } from './ingest/store-transaction.ts';
import { searchApiRouter } from './search/search.api.routes.ts';
import { searchPagesRouter } from './search/search.routes.ts';
import type { Logger } from './logger.ts';
import { statementsRouter } from './statements/statements.routes.ts';
import { citationStyleTitles, DEFAULT_STYLE, loadCitationStyles } from './export/citation.ts';
import { citationRouter } from './export/citation.routes.ts';
import { exportRouter } from './export/export.routes.ts';
import { reviewApiRouter } from './review/review.api.routes.ts';
import { reviewPagesRouter } from './review/review.routes.ts';
import { outletsRouter } from './outlets/outlets.routes.ts';
import { speakersRouter } from './speakers/speakers.routes.ts';
import { speakerEditPagesRouter } from './speakers/speaker-edits.routes.ts';
import { speakerEditsApiRouter } from './speakers/speaker-edits.api.routes.ts';
import { articleDeletionRouter } from './articles/article-delete.routes.ts';

/** How many admins' usernames a 403 page names as whom to ask for a role. */
const ADMINS_NAMED = 5;

export interface AppDeps {
  db: Kysely<Database>;
  /** The pool behind db; the session store shares it. */
  pool: pg.Pool;
  /** Where stores (adding articles) run: DbHandle.writeDb, a pool apart from reads. Default: db. */
  writeDb?: Kysely<Database>;
  /** DbHandle.kind: a real server streams exports from a server-side cursor. Default: embedded. */
  dbKind?: DbHandle['kind'];
  config: Config;
  logger: Logger;
  /** Worker threads that read submitted articles off the event loop; the caller closes it. */
  readers: ReaderPool;
}

export function createApp({ db, pool, writeDb, dbKind, config, logger, readers }: AppDeps): Express {
  const app = express();
  const store: StoreTarget = { db: writeDb ?? db, statementTimeoutMs: config.ingestStatementTimeoutMs };
  // Every citation style (citation-js' and CSL_STYLES_DIR's), read once: the CSV export, the
  // citation API and the pages' Cite style pickers offer the same list.
  const citationStyles = loadCitationStyles(config.cslStylesDir);
  const origin = config.publicOrigin;
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; unset, req.ip (and
  // the per-address login limit) is the connecting socket's address, which a client cannot forge.
  app.set('trust proxy', config.trustProxy);
  useViews(app);

  // Middleware, in the order requests meet it. Every JSON answer's keys are camelCase.
  app.use(camelCaseJson);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url?.startsWith('/static/') ?? false },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  const production = config.env === 'production';
  app.use(
    helmet({
      // Plain-http installs on a LAN must keep working: HTTPS upgrades only in production.
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': production ? [] : null } },
      strictTransportSecurity: production,
    }),
  );
  app.use('/static', express.static(path.join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  app.get('/healthz', noQueryParameters, (_req, res) => {
    res.json({ ok: true });
  });
  // Read-only JSON search needs no session (nor a session cookie): mounted before it.
  app.use(searchApiRouter(db));
  app.use(sessionMiddleware(pool, config));
  const auth = createPassport(db);
  app.use(auth.initialize());
  app.use(auth.session());
  app.use(bearerAuth(db));
  app.use(saveFlashBeforeRedirect, flashLocals, userLocals, permissionLocals);
  // For views/partials/cite-setup.hbs: the Cite style picker's choices.
  const styleChoices = citationStyleTitles(citationStyles);
  app.use((_req, res, next) => {
    res.locals.citeStyles = { choices: styleChoices, defaultStyle: DEFAULT_STYLE };
    next();
  });

  app.use(authRouter(db, auth, logger));
  app.use(accountRouter(db, logger));
  app.use(usersRouter(db));
  app.use(auditRouter(db));
  // A failed import record's Retry runs it here, as a store: the write pool, the reader threads.
  app.use(importsRouter(db, { store, readers }));
  app.use(articlesApiRouter(db, store, readers));
  app.use(articlePagesRouter(db, store, readers, origin));
  app.use(searchPagesRouter(db, origin));
  app.use(speakersRouter(db));
  app.use(speakerEditPagesRouter(db));
  app.use(speakerEditsApiRouter(db));
  app.use(articleDeletionRouter(db, store));
  app.use(outletsRouter(db));
  app.use(clustersRouter(db));
  app.use(statementsRouter(db));
  app.use(exportRouter(db, origin, citationStyles, dbKind === 'postgres'));
  app.use(citationRouter(db, origin, citationStyles));
  app.use(reviewApiRouter(db));
  app.use(reviewPagesRouter(db, origin));
  app.use(annotationsApiRouter(db, config.publicOrigin));
  app.use(annotationPagesRouter(db));

  app.use(notFoundHandler());
  app.use(errorHandler(logger, () => listAdminUsernames(db, ADMINS_NAMED)));
  return app;
}
