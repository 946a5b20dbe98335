export type Command = 'next-wall' | 'previous-wall' | 'reset' | 'home' | 'search';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key went to a text field, where plain keys are typing. */
  inTextField: boolean;
}

/**
 * The control-room keys: PageDown/] next wall, PageUp/[ previous, Esc reset, Home back to the
 * first wall with no filter, / or Ctrl+K search a depot.
 */
export function commandFor(press: KeyPress): Command | null {
  if ((press.ctrlKey || press.metaKey) && press.key.toLowerCase() === 'k') return 'search';
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return 'reset';
  if (press.inTextField) return null;
  switch (press.key) {
    case 'PageDown':
    case ']':
      return 'next-wall';
    case 'PageUp':
    case '[':
      return 'previous-wall';
    case 'Home':
      return 'home';
    case '/':
      return 'search';
    default:
      return null;
  }
}
