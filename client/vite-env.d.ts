// Vite import suffixes used by the client entries.
declare module '*?url' {
  const src: string;
  export default src;
}
declare module '*.css';
