// The bearer lives in this tab's sessionStorage only: it survives a reload or a move between
// /connect views, and is gone when the tab closes. Never localStorage, a cookie or a URL.
const KEY = "411data.bearer";

export const session = {
  get(): string | null {
    return sessionStorage.getItem(KEY);
  },
  set(bearer: string): void {
    sessionStorage.setItem(KEY, bearer);
  },
  forget(): void {
    sessionStorage.removeItem(KEY);
  },
};
