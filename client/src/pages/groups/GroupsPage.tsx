// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function GroupsPage() {
  return (
    <section>
      <h1>Find groups</h1>
      <p>Coming soon.</p>
    </section>
  );
}
