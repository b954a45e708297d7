// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function GroupMembersTab() {
  return (
    <section>
      <h1>Members</h1>
      <p>Coming soon.</p>
    </section>
  );
}
