import { useEffect, useState } from 'react';

export const projectTabs = ['train', 'factors', 'export', 'runs'] as const;
export type ProjectTab = (typeof projectTabs)[number];

/** '#/project/<id>' or '#/project/<id>/<tab>': the open project, and the tab shown (Train when none). */
const projectHash = /^#\/project\/([0-9a-f-]{36})(?:\/([a-z]+))?$/;

export function projectIdFromHash(hash: string): string | null {
  return projectHash.exec(hash)?.[1] ?? null;
}

export function tabFromHash(hash: string): ProjectTab {
  const tab = projectHash.exec(hash)?.[2];
  return (projectTabs as readonly string[]).includes(tab ?? '') ? (tab as ProjectTab) : 'train';
}

export function projectHashOf(projectId: string, tab: ProjectTab = 'train'): string {
  return tab === 'train' ? `#/project/${projectId}` : `#/project/${projectId}/${tab}`;
}

/**
 * The project's tab, kept in the address (so a reload keeps it): choosing one replaces the
 * current history entry rather than adding one; Back still leaves the project.
 */
export function useProjectTab(projectId: string): [ProjectTab, (tab: ProjectTab) => void] {
  const [tab, setTab] = useState<ProjectTab>(() => tabFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setTab(tabFromHash(window.location.hash));
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [projectId]);
  const choose = (next: ProjectTab) => {
    setTab(next);
    const hash = projectHashOf(projectId, next);
    if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
  };
  return [tab, choose];
}
