import type { StudioBridge } from '../../../shared/api';

const downloadPath = /^\/downloads\/([^/?#]+)(?:\/([^?#]+))?$/;

/**
 * Host mode's downloads. The UI links to /downloads/<export>[/<entry>], but a browser
 * following a link cannot send the bearer token (and it must not ride in the URL), so a click
 * on such a link asks the API for a single-use, one-minute link and follows that instead.
 * Electron never installs this: there the UI shows Save as.
 */
export function installDownloadLinks(invoke: StudioBridge['invoke'], doc: Document = document): void {
  doc.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    // The minted link's own click (below) must go through to the browser.
    if (!(anchor instanceof HTMLAnchorElement) || anchor.origin !== doc.location.origin || anchor.dataset['minted'] !== undefined) return;
    const match = downloadPath.exec(anchor.pathname);
    if (!match?.[1]) return;
    event.preventDefault();
    const id = decodeURIComponent(match[1]);
    const entry = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    void invoke('exports.downloadLink', entry === undefined ? { id } : { id, entry }).then((result) => {
      if (!result.ok) {
        window.alert(`The download could not start: ${result.error.message}`);
        return;
      }
      const link = doc.createElement('a');
      link.href = result.value.url;
      link.download = '';
      link.dataset['minted'] = '';
      link.hidden = true;
      doc.body.append(link);
      link.click();
      link.remove();
    });
  });
}
