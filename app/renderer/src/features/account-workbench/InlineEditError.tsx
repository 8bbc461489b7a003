/** Why an edit in place was not saved, under its input (the input names it with aria-describedby). */
export function InlineEditError({ edit }: { edit: { error: string | null; errorId: string } }) {
  if (!edit.error) return null;
  return (
    <span id={edit.errorId} className="error-text field-error" role="alert">
      {edit.error}
    </span>
  );
}
