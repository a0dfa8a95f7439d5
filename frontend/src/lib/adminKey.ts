// The admin key lives in sessionStorage only: it survives reloads of this tab and is gone when the
// tab closes. It is never put in a URL, localStorage or a log.
const KEY = 'gd.adminKey';

export function getAdminKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setAdminKey(k: string): void {
  try {
    sessionStorage.setItem(KEY, k);
  } catch {
    /* ignore */
  }
}

export function clearAdminKey(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* ignore */
  }
}
