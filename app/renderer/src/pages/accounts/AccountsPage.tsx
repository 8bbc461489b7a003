export function AccountsPage() {
  return (
    <div className="page">
      <h1>Accounts</h1>
    </div>
  );
}
