import type { ApiError, ApiErrorCode } from '../../shared/api';

/** An error meant for the user: its message says what went wrong and, where it helps, what to do. */
export class StudioError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const notFound = (what: string, id: string): StudioError =>
  new StudioError('not_found', `${what} ${id} does not exist (it may have been deleted).`);

/** Another live process owns the data folder: its one-line message names that process's pid and mode. */
export class DataFolderInUseError extends StudioError {
  constructor(
    message: string,
    readonly holderPid: number,
  ) {
    super('conflict', message);
    this.name = 'DataFolderInUseError';
  }
}
