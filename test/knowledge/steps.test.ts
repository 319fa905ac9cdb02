import { splitCondition } from '../../src/knowledge/import/steps';

describe('splitCondition', () => {
  it('puts the condition of an action first', () => {
    expect(splitCondition('If the directory was renamed, rename the directory back.')).toEqual({
      condition: 'If the directory was renamed',
      text: 'Rename the directory back.',
    });
  });

  it('does not end a condition at a comma inside parentheses', () => {
    expect(
      splitCondition(
        'If the script shows per-item errors (error code 0x8007007b, 0x80c80255, or 0x80070459), check the agent version.',
      ),
    ).toEqual({
      condition:
        'If the script shows per-item errors (error code 0x8007007b, 0x80c80255, or 0x80070459)',
      text: 'Check the agent version.',
    });
  });

  it('leaves a statement whole: only an action gets a condition', () => {
    const text = 'If cloud tiering is configured, files will be tiered after sync completes.';
    expect(splitCondition(text)).toEqual({ text });
  });

  it('leaves a lead-in whole', () => {
    const text = 'If the directory was deleted, perform the following steps:';
    expect(splitCondition(text)).toEqual({ text });
  });
});
