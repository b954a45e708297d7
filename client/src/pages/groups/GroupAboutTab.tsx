// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function GroupAboutTab() {
  return (
    <section>
      <h1>About</h1>
      <p>Coming soon.</p>
    </section>
  );
}
