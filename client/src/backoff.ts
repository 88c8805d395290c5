// When the language server crashes, restart it after a delay that doubles with each crash in a recent
// window, and give up (until the user restarts it) when it keeps crashing. Pure logic, so it is tested
// without VS Code; extension.ts turns the decision into the language client's CloseAction.

export interface BackoffOptions {
  /** Delay before the first restart, in milliseconds. */
  initialDelayMs: number;
  /** Upper bound of the delay. */
  maxDelayMs: number;
  /** Crashes counted within this window… */
  windowMs: number;
  /** …beyond this many, no automatic restart. */
  maxRestarts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000, windowMs: 3 * 60_000, maxRestarts: 5 };

export type RestartDecision = { restart: true; delayMs: number; crashes: number } | { restart: false; crashes: number };

export class RestartBackoff {
  private crashes: number[] = [];

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** Record a crash at `now` and decide what to do. */
  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    this.crashes.push(now);
    const n = this.crashes.length;
    if (n > this.options.maxRestarts) return { restart: false, crashes: n };
    const delayMs = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** (n - 1));
    return { restart: true, delayMs, crashes: n };
  }

  /** A manual restart starts afresh. */
  reset(): void {
    this.crashes = [];
  }
}
