export * from './errors.js';
export * from './events.js';
export * from './i18n.js';
export * from './limits.js';
export * from './routePreloads.js';
export * from './session.js';
export * from './schemas/index.js';
