/** What the admin screens share around editing one record under a list: which record is open, the last save's message, the form's frame. */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/** One record open at a time; a save closes it and leaves its message until another is opened. */
export function useEditor<T>() {
  const [editing, setEditing] = useState<T | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    editing,
    done,
    open(target: T) {
      setDone(null);
      setEditing(target);
    },
    close: () => setEditing(null),
    saved(message: string) {
      setDone(message);
      setEditing(null);
    },
  };
}

/** The form's heading takes focus when it opens, so keyboard and screen-reader users land on what they just opened. */
export function EditForm({ title, className, onSubmit, children }: { title: string; className?: string; onSubmit: () => void; children: ReactNode }) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form
      className={`card admin-form${className ? ` ${className}` : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
      aria-labelledby={titleId}
    >
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </form>
  );
}

/** The last save's message above the list. */
export function SavedNotice({ message }: { message: string | null }) {
  return message ? (
    <div className="alert alert-ok" role="status">
      {message}
    </div>
  ) : null;
}
