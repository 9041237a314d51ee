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

/** Files above this size show their upload progress; smaller ones post as usual. */
const LARGE_UPLOAD = 512 * 1024;

/**
 * A multipart form whose large file shows a progress bar while it uploads, then
 * "checking" while the server validates. The answer replaces the page as a normal
 * post would (a redirect is followed; an error page is shown).
 */
function uploadProgress(element: HTMLElement): void {
  const form = element as HTMLFormElement;
  const box = form.querySelector<HTMLElement>('.upload-progress');
  const bar = form.querySelector<HTMLProgressElement>('progress');
  const status = form.querySelector<HTMLElement>('[data-upload-status]');
  if (!box || !bar || !status) return;
  form.addEventListener('submit', (event) => {
    const size = [...form.querySelectorAll<HTMLInputElement>('input[type=file]')]
      .flatMap((input) => [...(input.files ?? [])])
      .reduce((sum, file) => sum + file.size, 0);
    if (size < LARGE_UPLOAD) return;
    event.preventDefault();
    box.hidden = false;
    status.textContent = form.dataset.uploading ?? '';
    for (const button of form.querySelectorAll<HTMLButtonElement>('button')) button.disabled = true;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total);
    });
    xhr.upload.addEventListener('load', () => {
      bar.value = 100;
      status.textContent = form.dataset.checking ?? '';
    });
    const fallback = () => form.submit();
    xhr.addEventListener('error', fallback);
    xhr.addEventListener('load', () => {
      if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.send(new FormData(form));
  });
}

const enhancers: Record<string, Enhancer> = {
  // Focus the error summary so screen readers announce it after a failed submit.
  'error-summary': (element) => element.focus(),
  // A block that needs a heavy bundle only when seen (the home page's small map).
  'lazy-script': (element) => {
    const src = element.dataset.src;
    if (src?.startsWith('/assets/client/')) loadWhenVisible(element, src);
  },
  'upload-progress': uploadProgress,
};

for (const element of document.querySelectorAll<HTMLElement>('[data-module]')) {
  for (const name of (element.dataset.module ?? '').split(' ')) enhancers[name]?.(element);
}
