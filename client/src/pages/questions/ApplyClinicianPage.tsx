// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function ApplyClinicianPage() {
  return (
    <section>
      <h1>Apply as a clinician</h1>
      <p>Coming soon.</p>
    </section>
  );
}
