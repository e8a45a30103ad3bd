// The end of a form posted through useActionState: the server's refusal, if any, then the submit
// button, which says what is happening while the action runs.

export function FormSubmit({ message, pending, label, pendingLabel }: { message: string | null; pending: boolean; label: string; pendingLabel: string }) {
  return (
    <>
      {message ? (
        <p role="alert" className="alert error small">
          {message}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn primary" disabled={pending}>
          {pending ? pendingLabel : label}
        </button>
      </div>
    </>
  )
}
