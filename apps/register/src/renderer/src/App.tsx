/** Placeholder until the screens land (branch register-screens). */
export function App() {
  return (
    <main>
      <h1>Nota</h1>
    </main>
  );
}
