import { createIfAbsent, writeIfUnchanged } from '../../src/storage/conditional-write';
import type { KvStore } from '../../src/storage/kv-store';

/**
 * The behaviour every KvStore must show, run against each implementation. `make` gives a
 * fresh, empty store for each test.
 */
export function kvContract(name: string, make: () => Promise<KvStore>): void {
  describe(`${name}: the key/value contract`, () => {
    let store: KvStore;
    beforeEach(async () => {
      store = await make();
    });

    it('reads nothing for a key never written', async () => {
      expect(await store.read('refs/none')).toBeNull();
    });

    it('reads back what was written, with the eTag the write returned', async () => {
      const etag = await store.write('refs/a', { id: 'a', n: 1, nested: { ok: true } });
      expect(await store.read('refs/a')).toEqual({
        value: { id: 'a', n: 1, nested: { ok: true } },
        etag,
      });
    });

    it('gives every write a new eTag', async () => {
      const first = await store.write('k', 1);
      const second = await store.write('k', 2);
      expect(second).not.toBe(first);
    });

    it('writes over a version only while it is current', async () => {
      const etag = await store.write('k', 'one');
      const next = await store.write('k', 'two', { ifMatch: etag });
      await expect(store.write('k', 'stale', { ifMatch: etag })).rejects.toMatchObject({
        code: 'storage_conflict',
      });
      expect(await store.read('k')).toEqual({ value: 'two', etag: next });
    });

    it('creates only when absent with ifMatch null', async () => {
      await store.write('k', 'first', { ifMatch: null });
      await expect(store.write('k', 'second', { ifMatch: null })).rejects.toMatchObject({
        code: 'storage_conflict',
      });
      expect((await store.read('k'))!.value).toBe('first');
    });

    it('lets exactly one of two racing creators win', async () => {
      const results = await Promise.allSettled([
        store.write('race', 'a', { ifMatch: null }),
        store.write('race', 'b', { ifMatch: null }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('creates if absent through the helper: true once, then false, the first value kept', async () => {
      expect(await createIfAbsent(store, 'once', 'first')).toBe(true);
      expect(await createIfAbsent(store, 'once', 'second')).toBe(false);
      expect((await store.read('once'))!.value).toBe('first');
    });

    it('writes if unchanged through the helper: false over a stale eTag, true over the current one', async () => {
      const etag = await store.write('k', 'one');
      expect(await writeIfUnchanged(store, 'k', 'two', etag)).toBe(true);
      expect(await writeIfUnchanged(store, 'k', 'stale', etag)).toBe(false);
      expect((await store.read('k'))!.value).toBe('two');
    });

    it('lets the helper throw every failure that is not a conflict', async () => {
      await expect(createIfAbsent(store, 'x'.repeat(600), 1)).rejects.toMatchObject({
        code: 'storage_value_invalid',
      });
    });

    it('deletes, conditionally too, and says whether anything was there', async () => {
      const etag = await store.write('k', 1);
      await expect(store.delete('k', { ifMatch: 'not-the-etag' })).rejects.toMatchObject({
        code: 'storage_conflict',
      });
      expect(await store.delete('k', { ifMatch: etag })).toBe(true);
      expect(await store.delete('k')).toBe(false);
      expect(await store.read('k')).toBeNull();
    });

    it('lists keys by prefix, sorted, with awkward characters intact', async () => {
      for (const k of [
        'refs/b',
        'refs/a',
        'refs/19:x@thread.tacv2;messageid=1',
        'subs/a',
        'refs%_x',
      ])
        await store.write(k, k);
      expect(await store.list('refs/')).toEqual([
        'refs/19:x@thread.tacv2;messageid=1',
        'refs/a',
        'refs/b',
      ]);
      expect((await store.read('refs/19:x@thread.tacv2;messageid=1'))!.value).toBe(
        'refs/19:x@thread.tacv2;messageid=1',
      );
      expect(await store.list('none/')).toEqual([]);
    });

    it('refuses bad keys and values with a clear error', async () => {
      await expect(store.write('', 1)).rejects.toMatchObject({ code: 'storage_value_invalid' });
      await expect(store.write('x'.repeat(600), 1)).rejects.toMatchObject({
        code: 'storage_value_invalid',
      });
      await expect(store.write('k', undefined)).rejects.toMatchObject({
        code: 'storage_value_invalid',
      });
      await expect(store.write('k', 'x'.repeat(1024 * 1024 + 1))).rejects.toMatchObject({
        code: 'storage_value_invalid',
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
