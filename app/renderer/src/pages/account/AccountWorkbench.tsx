export function AccountWorkbench({ accountId }: { accountId: string }) {
  return (
    <div className="page">
      <h1>Account {accountId}</h1>
    </div>
  );
}
