import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor, appIndexUrl, isAppPage } from '../../main/app-protocol';

const root = path.resolve('/opt/factor-studio/out/renderer');

describe('app:// serves the renderer folder and nothing else', () => {
  it.each([
    ['app://factor-studio/index.html', 'index.html'],
    ['app://factor-studio/', 'index.html'],
    ['app://factor-studio/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://factor-studio/assets/a%20b.css?x=1#y', 'assets/a b.css'],
  ])('%s is %s', (url, file) => {
    expect(appFileFor(url, root)).toBe(path.join(root, file));
  });

  it.each(['app://factor-studio/../main/index.cjs', 'app://factor-studio/%2e%2e/main/index.cjs', 'app://factor-studio/assets/../../../main/index.cjs'])(
    'keeps %s inside the folder (the URL parser drops dot segments)',
    (url) => {
      expect(appFileFor(url, root)).toBe(path.join(root, 'main/index.cjs'));
    },
  );

  it.each([
    'app://factor-studio/assets/..%2f..%2fmain/index.cjs',
    'app://factor-studio/assets/..%5c..%5cmain%5cindex.cjs',
    'app://factor-studio/%00index.html',
    'app://factor-studio/%E0%A4%A',
    'app://other-host/index.html',
    'file:///opt/factor-studio/out/renderer/index.html',
    'https://factor-studio/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(appFileFor(url, root)).toBeNull();
  });

  it('knows our page by scheme, host and path, with any query or hash', () => {
    expect(isAppPage(appIndexUrl)).toBe(true);
    expect(isAppPage(`${appIndexUrl}#/project/1`)).toBe(true);
    expect(isAppPage(`${appIndexUrl}?a=1`)).toBe(true);
    for (const url of ['app://factor-studio/other.html', 'app://factor-studio.evil/index.html', 'app://evil/index.html', 'file:///index.html', 'https://factor-studio/index.html', '']) {
      expect(isAppPage(url), url).toBe(false);
    }
  });
});
