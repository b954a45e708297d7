// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function QuestionBoard() {
  return (
    <section>
      <h1>Questions</h1>
      <p>Coming soon.</p>
    </section>
  );
}
