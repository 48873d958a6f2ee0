import { RecentExports } from './export/recent-exports';

/** Shown when no project is open. */
export function Home() {
  return (
    <main className="content home" aria-labelledby="home-title">
      <h2 id="home-title">Welcome to Factor Studio</h2>
      <p>
        Train a two-stage disentangled generative model on your own images or tables, see which factors it found, and
        export synthetic data — all on this computer.
      </p>
      <p className="muted">Create a project on the left, or open one to continue.</p>
      <RecentExports />
    </main>
  );
}
