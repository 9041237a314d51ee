// Stylesheets imported by client entries are emitted by vite as .css assets.
declare module '*.css';
