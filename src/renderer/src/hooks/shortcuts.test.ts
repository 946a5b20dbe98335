import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, ...extra });

describe('keyboard shortcuts', () => {
  it('maps the wall, reset and search keys', () => {
    expect(commandFor(press('PageDown'))).toBe('next-wall');
    expect(commandFor(press(']'))).toBe('next-wall');
    expect(commandFor(press('PageUp'))).toBe('previous-wall');
    expect(commandFor(press('['))).toBe('previous-wall');
    expect(commandFor(press('Escape'))).toBe('reset');
    expect(commandFor(press('Home'))).toBe('home');
    expect(commandFor(press('/'))).toBe('search');
    expect(commandFor(press('k', { ctrlKey: true }))).toBe('search');
    expect(commandFor(press('K', { metaKey: true }))).toBe('search');
    expect(commandFor(press('a'))).toBeNull();
  });

  it('leaves typing in a text field alone, except Escape and Ctrl+K', () => {
    expect(commandFor(press('/', { inTextField: true }))).toBeNull();
    expect(commandFor(press(']', { inTextField: true }))).toBeNull();
    expect(commandFor(press('Escape', { inTextField: true }))).toBe('reset');
    expect(commandFor(press('k', { ctrlKey: true, inTextField: true }))).toBe('search');
    expect(commandFor(press('PageDown', { altKey: true }))).toBeNull();
  });
});
