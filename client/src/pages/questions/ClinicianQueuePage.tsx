// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function ClinicianQueuePage() {
  return (
    <section>
      <h1>Clinician queue</h1>
      <p>Coming soon.</p>
    </section>
  );
}
