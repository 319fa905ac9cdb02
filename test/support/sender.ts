import { createLogger } from '../../src/log';
import { Outbox } from '../../src/notify/outbox';
import { Sender, type SenderDeps } from '../../src/notify/sender';
import { Subscriptions } from '../../src/notify/subscriptions';
import type { ProactiveTransport } from '../../src/notify/transport';
import { ConversationRefs } from '../../src/storage/conversation-refs';
import type { KvStore } from '../../src/storage/kv-store';
import { FakeTransport } from './fake-transport';

/** A sender and the parts it was made of, all on one store. */
export interface SenderRig<T extends ProactiveTransport> {
  sender: Sender;
  outbox: Outbox;
  transport: T;
  refs: ConversationRefs;
  subscriptions: Subscriptions;
}

/**
 * A Sender on `kv` (a real store): its own outbox, references and subscriptions on that store, a
 * FakeTransport on the sender's clock unless `deps` gives a transport, a silent log. Anything in
 * `deps` replaces the default.
 */
export function makeSender<T extends ProactiveTransport = FakeTransport>(
  kv: KvStore,
  deps: Partial<Omit<SenderDeps, 'transport'>> & { transport?: T } = {},
): SenderRig<T> {
  const outbox = deps.outbox ?? new Outbox(kv);
  const transport =
    deps.transport ?? (new FakeTransport(deps.now ?? Date.now) as ProactiveTransport as T);
  const refs = deps.refs ?? new ConversationRefs(kv);
  const subscriptions = deps.subscriptions ?? new Subscriptions(kv);
  const sender = new Sender({
    log: createLogger('silent'),
    ...deps,
    outbox,
    transport,
    refs,
    subscriptions,
  });
  return { sender, outbox, transport, refs, subscriptions };
}
