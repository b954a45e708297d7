// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function AskQuestionPage() {
  return (
    <section>
      <h1>Ask a question</h1>
      <p>Coming soon.</p>
    </section>
  );
}
