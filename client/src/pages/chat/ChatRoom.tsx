// Placeholder until the owning engineer replaces it (see /work/notes/client.md).
export default function ChatRoom() {
  return (
    <section>
      <h1>Chat</h1>
      <p>Coming soon.</p>
    </section>
  );
}
