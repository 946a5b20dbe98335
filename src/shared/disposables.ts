export type Disposer = () => void | Promise<void>;

/** Long-lived things (sockets, workers, servers, timers) collected in one place and closed in reverse order. */
export class DisposableStore {
  private readonly disposers: Disposer[] = [];
  private disposed = false;

  add(disposer: Disposer): void {
    if (this.disposed) throw new Error('DisposableStore already disposed');
    this.disposers.push(disposer);
  }

  get size(): number {
    return this.disposers.length;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const dispose of this.disposers.reverse()) {
      try {
        await dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    this.disposers.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'errors while disposing');
  }
}
