import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationRef, ConversationRefs } from '../../src/storage/conversation-refs';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';

const refs = () =>
  new ConversationRefs(new SqliteKvStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-refs-')))));
const valid = {
  bot: { id: '28:bot', name: 'afsbot' },
  channelId: 'msteams',
  conversation: { id: '19:abc@thread.tacv2', conversationType: 'channel', tenantId: 't' },
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
};

describe('conversation references', () => {
  it('stores a valid reference under its conversation id and lists it', async () => {
    const r = refs();
    await r.save(valid, new Date('2026-11-22T00:00:00Z'));
    expect(await r.get('19:abc@thread.tacv2')).toMatchObject(valid);
    expect(await r.ids()).toEqual(['19:abc@thread.tacv2']);
  });

  it.each([
    ['no service URL', { ...valid, serviceUrl: undefined }],
    ['a service URL that is not a URL', { ...valid, serviceUrl: 'smba' }],
    ['no conversation id', { ...valid, conversation: {} }],
    ['not an object', 'refs'],
  ])('refuses a reference with %s', async (_label, ref) => {
    await expect(refs().save(ref, new Date())).rejects.toThrow();
  });

  it('forgets a conversation', async () => {
    const r = refs();
    await r.save(valid, new Date());
    expect(await r.remove('19:abc@thread.tacv2')).toBe(true);
    expect(await r.get('19:abc@thread.tacv2')).toBeNull();
  });
});

describe('conversation references: what this process remembers follows the store', () => {
  it('skips a write it already made, and writes again once the reference was removed', async () => {
    const r = refs();
    const at = new Date('2026-11-22T00:00:00Z');
    expect(await r.saveIfChanged(valid, at)).toBe(true);
    expect(await r.saveIfChanged(valid, at)).toBe(false);
    await r.remove(valid.conversation.id);
    expect(await r.saveIfChanged(valid, at)).toBe(true);
    expect(await r.get(valid.conversation.id)).toMatchObject(valid);
  });

  it('does not validate again a reference it saved when only the message it came from changed', async () => {
    const r = refs();
    const at = new Date('2026-11-22T00:00:00Z');
    expect(await r.saveIfChanged({ ...valid, activityId: '1' }, at)).toBe(true);
    const parse = jest.spyOn(ConversationRef, 'parse');
    expect(await r.saveIfChanged({ ...valid, activityId: '2' }, at)).toBe(false);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('still refuses a reference saved before once its activity id is not one the schema takes', async () => {
    const r = refs();
    const at = new Date('2026-11-22T00:00:00Z');
    await r.saveIfChanged(valid, at);
    await expect(r.saveIfChanged({ ...valid, activityId: 'x'.repeat(1025) }, at)).rejects.toThrow();
  });

  it('writes again when another reference was saved for the conversation in between', async () => {
    const r = refs();
    const at = new Date('2026-11-22T00:00:00Z');
    await r.saveIfChanged(valid, at);
    await r.save({ ...valid, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, at);
    expect(await r.saveIfChanged(valid, at)).toBe(true);
    expect((await r.get(valid.conversation.id))?.serviceUrl).toBe(valid.serviceUrl);
  });

  it('writes again when the service URL changed', async () => {
    const r = refs();
    const at = new Date('2026-11-22T00:00:00Z');
    await r.saveIfChanged(valid, at);
    const moved = { ...valid, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    expect(await r.saveIfChanged(moved, at)).toBe(true);
    expect((await r.get(valid.conversation.id))?.serviceUrl).toBe(moved.serviceUrl);
  });

  it('keeps a channel thread under its channel, without the thread or the message it came from', async () => {
    const r = refs();
    const thread = {
      ...valid,
      activityId: '1700000000001',
      conversation: { ...valid.conversation, id: '19:abc@thread.tacv2;messageid=1700000000001' },
    };
    await r.save(thread, new Date('2026-11-22T00:00:00Z'));
    expect(await r.ids()).toEqual(['19:abc@thread.tacv2']);
    const stored = await r.get('19:abc@thread.tacv2;messageid=1700000000009');
    expect(stored?.conversation.id).toBe('19:abc@thread.tacv2');
    expect(stored?.activityId).toBeUndefined();
  });
});
