/**
 * Gathers single requests made within `waitMs` of each other (or until `maxSize`) into one call of `run`, and
 * answers each request with its own result: the delivery worker's jobs arrive one by one, but their claims and
 * results then cost one database round trip per batch instead of one per message. A failed batch fails each of
 * its requests (each job is retried on its own).
 */
export class Batcher<In, Out> {
  private pending: { input: In; resolve: (value: Out) => void; reject: (error: unknown) => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    /** 1: every request on its own (what the benchmark compares with). */
    public maxSize = 50,
    private readonly waitMs = 2,
  ) {}

  load(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.run(batch.map((b) => b.input)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i])),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }
}
