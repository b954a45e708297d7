// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function CreateGroupPage() {
  return (
    <section>
      <h1>Start a group</h1>
      <p>Coming soon.</p>
    </section>
  );
}
