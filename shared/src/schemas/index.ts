export * from './common.js';
export * from './users.js';
export * from './conditions.js';
export * from './groups.js';
export * from './messages.js';
export * from './questions.js';
export * from './socket.js';
export * from './notifications.js';
