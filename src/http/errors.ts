// Small domain errors. The one error handler (error-handler.ts) maps them to status codes.

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly expose = true,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends HttpError {
  constructor(what: string) {
    super(404, `${what} not found`);
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Input that is well-formed but wrong: 422 unless a status is given (400, 413). */
export class InputError extends HttpError {
  constructor(
    public readonly issues: FieldIssue[],
    status = 422,
  ) {
    super(status, issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

/** The server is at capacity (a queue is full): 503, with Retry-After in seconds. */
export class ServiceBusyError extends HttpError {
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(503, message);
  }
}

/**
 * A write made on a version that is no longer current (someone saved in between): 409. The
 * answer carries both, so the page (or script) can show them side by side and nothing is
 * silently overwritten. `current` and `submitted` are the entity's JSON views.
 */
export class StaleVersionError extends HttpError {
  constructor(
    what: string,
    public readonly submittedVersion: number,
    public readonly current: { version: number } & Record<string, unknown>,
    public readonly submitted: Record<string, unknown>,
  ) {
    super(409, `${what} changed since you opened it (you edited version ${submittedVersion}; it is now version ${current.version}), in another tab or by someone else. Nothing was saved.`);
  }
}
