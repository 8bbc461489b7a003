/**
 * What the grid says when it has no rows: an empty book (nothing to filter: how to get accounts in) is not the same
 * as filters that match nothing (how to loosen them).
 */
export function GridEmptyState({ bookSize, onClearFilters }: { bookSize: number; onClearFilters(): void }) {
  if (bookSize === 0) {
    return (
      <>
        <h2>This book has no accounts yet</h2>
        <p>
          Nothing is filtered: there are simply no accounts here. Bring yours in with <strong>Import CSV</strong> above (columns are
          mapped on the way in). On a team book, the accounts assigned to you arrive with the first sync; a team lead assigns
          them.
        </p>
      </>
    );
  }
  return (
    <>
      <h2>No accounts match the search and filters</h2>
      <p>{bookSize.toLocaleString('en-US')} accounts are in the book. Loosen a filter, or clear them all.</p>
      <button type="button" onClick={onClearFilters}>
        Clear filters
      </button>
    </>
  );
}
