// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function AdminApplicationsPage() {
  return (
    <section>
      <h1>Verify clinicians</h1>
      <p>Coming soon.</p>
    </section>
  );
}
