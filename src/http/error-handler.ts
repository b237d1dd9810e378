import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { HttpError, InputError, NotFoundError, ServiceBusyError } from './errors.ts';

interface ErrorBody {
  status: number;
  error: string;
  issues?: { field: string; message: string }[];
}

// body-parser, multer and csrf-sync raise errors with a status (or a code) of their own.
function describe(err: unknown): ErrorBody {
  if (err instanceof InputError) return { status: err.status, error: err.message, issues: err.issues };
  if (err instanceof HttpError) return { status: err.status, error: err.expose ? err.message : 'Request failed' };
  const e = err as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
  if (e?.code === 'LIMIT_FILE_SIZE' || e?.code === 'LIMIT_FIELD_VALUE') {
    return { status: 413, error: 'The upload is too large' };
  }
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) return { status: 400, error: e.message ?? 'Bad upload' };
  if (e?.code === 'EBADCSRFTOKEN') return { status: 403, error: 'The form expired or was not sent from this site; reload the page and try again' };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const messages: Record<string, string> = {
      'entity.too.large': 'The request body is too large',
      'entity.parse.failed': 'The request body is not valid JSON',
      'encoding.unsupported': 'Unsupported request encoding',
    };
    return { status, error: messages[e.type ?? ''] ?? e.message ?? 'Bad request' };
  }
  return { status: 500, error: 'Something went wrong on our side. The error has been logged.' };
}

export function wantsJson(req: Parameters<RequestHandler>[0]): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`Page ${req.path}`));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const body = describe(err);
    if (body.status >= 500) logger.error({ err, url: req.originalUrl }, 'request failed');
    if (res.headersSent) return next(err);
    res.status(body.status);
    if (err instanceof ServiceBusyError) res.set('Retry-After', String(err.retryAfterSeconds));
    if (wantsJson(req)) {
      res.json(body);
      return;
    }
    res.render('error', { title: body.status === 404 ? 'Not found' : 'Error', ...body });
  };
}
