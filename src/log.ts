import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines on stdout, secrets never passed in. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'afsbot' },
      redact: ['req.headers.authorization', '*.appPassword', '*.password', '*.secret'],
    },
    destination,
  );
}
