/** The app's version, injected by the build from package.json. */
declare const __APP_VERSION__: string | undefined;

export const appVersion: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
