// Progressive enhancements shared by every page. Each attaches to elements that
// declare data-module="…"; without JavaScript the page works as plain HTML.
type Enhancer = (element: HTMLElement) => void;

/** Loads a script module (e.g. the map bundle) once its block comes near the viewport. */
function loadWhenVisible(element: HTMLElement, src: string): void {
  const load = () => {
    void import(/* @vite-ignore */ src);
  };
  if (!('IntersectionObserver' in window)) {
    load();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        load();
      }
    },
    { rootMargin: '300px' },
  );
  observer.observe(element);
}

const enhancers: Record<string, Enhancer> = {
  // Focus the error summary so screen readers announce it after a failed submit.
  'error-summary': (element) => element.focus(),
  // A block that needs a heavy bundle only when seen (the home page's small map).
  'lazy-script': (element) => {
    const src = element.dataset.src;
    if (src?.startsWith('/assets/client/')) loadWhenVisible(element, src);
  },
};

for (const element of document.querySelectorAll<HTMLElement>('[data-module]')) {
  for (const name of (element.dataset.module ?? '').split(' ')) enhancers[name]?.(element);
}
