/**
 * The run reopened from the Runs tab, per project, for this window's session: a reload comes
 * back to it (the tab is in the address; a run id there would make every tab link longer).
 * Storage can be unavailable (privacy settings): then the newest run is shown, as before.
 */
const key = (projectId: string) => `factor-studio.open-run.${projectId}`;

export function rememberedOpenRun(projectId: string): string | null {
  try {
    return window.sessionStorage.getItem(key(projectId));
  } catch {
    return null;
  }
}

export function rememberOpenRun(projectId: string, runId: string | null): void {
  try {
    if (runId === null) window.sessionStorage.removeItem(key(projectId));
    else window.sessionStorage.setItem(key(projectId), runId);
  } catch {
    // Not remembered: a reload shows the newest run.
  }
}
