import { describe, expect, it } from 'vitest';
import { actorDisplayName } from './actor-name';

describe('names shown for actors', () => {
  it('shows the common name of a certificate subject, not the raw subject', () => {
    expect(actorDisplayName('CN=龙源,OU=430400-D001')).toBe('龙源');
    expect(actorDisplayName('OU=430000,CN=张伟')).toBe('张伟');
    expect(actorDisplayName('CN=Smith\\, J.,O=INRS')).toBe('Smith, J.');
    expect(actorDisplayName('duty-officer')).toBe('duty-officer');
  });
});
