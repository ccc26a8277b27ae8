import { describe, expect, it } from 'vitest';
import { addressForLimits } from './client-address.js';

describe('addressForLimits', () => {
  it('counts IPv4 per address and IPv6 per /64, however the address is written', () => {
    expect(addressForLimits('198.51.100.7')).toBe('198.51.100.7');
    expect(addressForLimits('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressForLimits('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(addressForLimits('2001:0db8:0001:0002:abcd:ef01:2345:6789')).toBe('2001:db8:1:2::/64');
    expect(addressForLimits('2001:DB8:1:2::ABCD')).toBe('2001:db8:1:2::/64');
    expect(addressForLimits('2001:db8:1:3::5')).toBe('2001:db8:1:3::/64');
    expect(addressForLimits('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressForLimits('unknown')).toBe('unknown');
  });
});
