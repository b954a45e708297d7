// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function QuestionPage() {
  return (
    <section>
      <h1>Question</h1>
      <p>Coming soon.</p>
    </section>
  );
}
