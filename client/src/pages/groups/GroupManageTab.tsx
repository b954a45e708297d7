// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function GroupManageTab() {
  return (
    <section>
      <h1>Manage group</h1>
      <p>Coming soon.</p>
    </section>
  );
}
