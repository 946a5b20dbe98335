import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/core/seed/categories';
import { needDays, personDays, personsSupported, planCompletion } from '../../src/shared/domain/reserve-figures';

describe('reserve figures', () => {
  it('states grain in persons fed for 7 days at 0.5 kg a day', () => {
    // 3.5 t of rice at 0.0005 t/person/day: 7,000 person-days, 1,000 persons for 7 days.
    expect(personsSupported(personDays(3.5, 0.0005), 'grain')).toBeCloseTo(1000, 9);
  });

  it('counts durable goods once per person: one quilt shelters one person through the response', () => {
    const quilt = CATEGORIES.find((c) => c.code === 'SH-QUILT')!;
    // The quilt's norm spreads one quilt over 30 days, so 1,000 quilts are about 1,020 persons' need.
    expect(needDays('shelter')).toBe(30);
    expect(personsSupported(personDays(1000, quilt.perCapitaDaily), 'shelter')).toBeCloseTo(1000 / (quilt.perCapitaDaily * 30), 9);
  });

  it('has no plan completion without a plan, and none below zero', () => {
    expect(planCompletion(10, 0)).toBeNull();
    expect(planCompletion(-5, 10)).toBe(0);
    expect(planCompletion(15, 10)).toBe(1.5);
  });
});
