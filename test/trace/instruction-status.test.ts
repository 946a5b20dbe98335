import { describe, expect, it } from 'vitest';
import { instructionStatus } from '../../src/core/trace/instruction-trace';

describe('instruction status derived from what was moved under it', () => {
  it('issued, executing, done', () => {
    expect(instructionStatus([{ allowed: 10, movedIn: 0, movedOut: 0 }])).toBe('issued');
    expect(instructionStatus([{ allowed: 10, movedIn: 0, movedOut: 4 }])).toBe('executing');
    expect(instructionStatus([{ allowed: 10, movedIn: 10, movedOut: 10 }])).toBe('done');
    // Every line must be fulfilled; a transfer's in and out count once.
    expect(
      instructionStatus([
        { allowed: 10, movedIn: 10, movedOut: 0 },
        { allowed: 5, movedIn: 0, movedOut: 2 },
      ]),
    ).toBe('executing');
  });

  it('acknowledged by its addressee before anything moved; movement outranks the acknowledgement', () => {
    expect(instructionStatus([{ allowed: 10, movedIn: 0, movedOut: 0 }], true)).toBe('acknowledged');
    expect(instructionStatus([{ allowed: 10, movedIn: 0, movedOut: 4 }], true)).toBe('executing');
    expect(instructionStatus([{ allowed: 10, movedIn: 10, movedOut: 10 }], true)).toBe('done');
  });
});
