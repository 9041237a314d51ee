// Progressive enhancements shared by every page. Each attaches to elements that
// declare data-module="…"; without JavaScript the page works as plain HTML.
type Enhancer = (element: HTMLElement) => void;

const enhancers: Record<string, Enhancer> = {
  // Focus the error summary so screen readers announce it after a failed submit.
  'error-summary': (element) => element.focus(),
};

for (const element of document.querySelectorAll<HTMLElement>('[data-module]')) {
  for (const name of (element.dataset.module ?? '').split(' ')) enhancers[name]?.(element);
}
