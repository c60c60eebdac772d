export * from './errors.js';
export * from './inputs.js';
export * from './rest.js';
export * from './rpc.js';
export * from './files.js';
export * from './frame-page.js';
