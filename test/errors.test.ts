import { AppError, ERROR_CODES, exitCodeOf, isAppError } from '../src/errors';
import { expand } from '../src/cards/template';
import { HealthError } from '../src/health';
import { LABEL_VALUES } from '../src/metrics';
import { TransportError } from '../src/notify/transport';
import { readPackageEnv } from '../src/teams-app/package-env';

/** What a function throws (fails the test when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('the error catalogue', () => {
  it('tells an AppError by its code, and nothing else that merely has a code property', () => {
    const conflict = new AppError('storage_conflict', 'changed by another writer');
    expect(isAppError(conflict, 'storage_conflict')).toBe(true);
    expect(isAppError(conflict, 'storage_unavailable', 'storage_conflict')).toBe(true);
    expect(isAppError(conflict, 'storage_unavailable')).toBe(false);
    const lookalike = Object.assign(new Error('x'), { code: 'storage_conflict' });
    expect(isAppError(lookalike, 'storage_conflict')).toBe(false);
    expect(isAppError(lookalike)).toBe(false);
  });

  it('holds the health, transport, card and package failures as AppErrors with their codes', () => {
    expect(isAppError(new HealthError('health_not_found', 'gone'), 'health_not_found')).toBe(true);
    const send = new TransportError('gone', 403, 'BotNotInConversationRoster', 0);
    expect(isAppError(send, 'proactive_send_failed')).toBe(true);
    expect(send).toMatchObject({ status: 403, serviceCode: 'BotNotInConversationRoster' });
    const card = thrown(() => expand('no-such-template' as never, {}));
    expect(isAppError(card, 'card_template_missing')).toBe(true);
    const pkg = thrown(() => readPackageEnv({}));
    expect(isAppError(pkg, 'package_env_invalid')).toBe(true);
  });

  it('gives each code the exit status the CLI ends with', () => {
    expect(exitCodeOf(new AppError('usage', 'x'))).toBe(2);
    expect(exitCodeOf(new AppError('manifest_invalid', 'x'))).toBe(1);
    expect(exitCodeOf(new AppError('card_template_invalid', 'x'))).toBe(3);
    expect(exitCodeOf(new Error('not ours'))).toBe(3);
  });

  it('lets the metrics count every code of the catalogue under its own label', () => {
    for (const code of ERROR_CODES) expect(LABEL_VALUES.code).toContain(code);
  });
});
