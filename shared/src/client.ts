/**
 * What the SPA may import as values: constants and pure functions that do not touch zod, so the
 * first script stays small (the schemas weigh ~40 KB gzipped). Types come from `@circles/shared`
 * with `import type`, which costs nothing at run time; a page that validates with a schema imports
 * `@circles/shared` itself and is loaded lazily. ESLint keeps value imports of the root out of the SPA.
 */
export * from './errors.js';
export * from './limits.js';
export * from './session.js';
export * from './locales.js';
export * from './notificationLinks.js';
export * from './routePreloads.js';
