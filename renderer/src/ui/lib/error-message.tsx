export interface ErrorMessageProps {
  readonly message: string | null;
}

/** An inline error, announced to screen readers, shown where the problem happened. */
export function ErrorMessage({ message }: ErrorMessageProps) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
