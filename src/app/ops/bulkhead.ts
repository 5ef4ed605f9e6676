// A bulkhead for the expensive reads (full-text search, a register filtered by a substring): at most
// `slots` of them hold a database connection at once; the others wait here, in the process, without a
// connection. The pool's other connections stay free for the reads and actions that take milliseconds — a
// burst of searches cannot make a clerk's to-do list wait behind them. A read that has waited `maxWaitMs`
// is refused with 503 SERVER.BUSY (Retry-After) instead of waiting on.
import { AppError } from '../../errors/index.ts';

export interface BulkheadStats {
  slots: number;
  active: number;
  waiting: number;
  /** since the process started: reads that had to wait, and those refused after maxWaitMs */
  waited: number;
  refused: number;
}

export class Bulkhead {
  private active = 0;
  private readonly queue: { go: () => void }[] = [];
  private waited = 0;
  private refused = 0;

  constructor(readonly slots: number, readonly maxWaitMs: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`bulkhead: slots must be a positive integer, got ${slots}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.slots) this.active++;
    else await this.enter();
    try {
      return await fn();
    } finally {
      // the slot passes to the first in line, or is freed
      const next = this.queue.shift();
      if (next) next.go();
      else this.active--;
    }
  }

  stats(): BulkheadStats {
    return { slots: this.slots, active: this.active, waiting: this.queue.length, waited: this.waited, refused: this.refused };
  }

  private enter(): Promise<void> {
    this.waited++;
    return new Promise<void>((resolve, reject) => {
      const entry = {
        go: () => { clearTimeout(timer); resolve(); },
      };
      const timer = setTimeout(() => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        this.refused++;
        reject(new AppError('SERVER.BUSY', { details: { waitedMs: this.maxWaitMs } }));
      }, this.maxWaitMs);
      this.queue.push(entry);
    });
  }
}
