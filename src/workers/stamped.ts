/**
 * One read of stored data as of the page's write count, shared by the questions that wait for it:
 * a question with the same count gets the same read, a new count reads again. The engine answers
 * for the state the page names, not for whatever landed since (data/versions).
 *
 * Each read also notes the stored write stamp it was made under (read before and after: null if the
 * data changed meanwhile). A held read can be older than the database (another tab wrote, the page's
 * count has not moved yet): an answer kept for later visits is keyed by this stamp, never a newer one.
 */
export class Stamped<T> {
  #read: { stamp: number; done: Promise<T>; stored: Promise<string | null> } | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly storedStamp: () => Promise<string>,
  ) {}

  #ensure(stamp: number) {
    if (this.#read?.stamp !== stamp) {
      const both = this.storedStamp().then(async (before) => {
        const value = await this.load();
        return { value, stored: (await this.storedStamp()) === before ? before : null };
      });
      const read = { stamp, done: both.then((r) => r.value), stored: both.then((r) => r.stored) };
      this.#read = read;
      both.catch(() => {
        if (this.#read === read) this.#read = null;
      });
    }
    return this.#read!;
  }

  read(stamp: number): Promise<T> {
    return this.#ensure(stamp).done;
  }

  /** The stored stamp the read for `stamp` was made under (null: it changed during the read). */
  stored(stamp: number): Promise<string | null> {
    return this.#ensure(stamp).stored;
  }
}
