import { describe, expect, it } from 'vitest';
import {
  facilityKindOf,
  onewayOf,
  parseLevels,
  parseMaxspeedKmh,
  parseMeters,
  parsePopulation,
  resolveFacilityKindTable,
} from './osm-tag-tables.js';

describe('OSM tag tables', () => {
  it('reads maxspeed in km/h, mph and country zones', () => {
    expect(parseMaxspeedKmh('90')).toBe(90);
    expect(parseMaxspeedKmh('60 km/h')).toBe(60);
    expect(parseMaxspeedKmh('30 mph')).toBeCloseTo(48.28, 2); // 30 × 1.609344 = 48.28032
    expect(parseMaxspeedKmh('KZ:rural')).toBe(90);
    expect(parseMaxspeedKmh('RU:urban')).toBe(60);
    expect(parseMaxspeedKmh('DE:urban')).toBeUndefined(); // not in the table: class default
    expect(parseMaxspeedKmh('signals')).toBeUndefined();
    expect(parseMaxspeedKmh('60;90')).toBeUndefined();
  });

  it('reads oneway by OSM rules, with implied one-ways', () => {
    expect(onewayOf({ highway: 'primary', oneway: 'yes' })).toBe(1);
    expect(onewayOf({ highway: 'primary', oneway: '-1' })).toBe(-1);
    expect(onewayOf({ highway: 'motorway' })).toBe(1);
    expect(onewayOf({ highway: 'motorway', oneway: 'no' })).toBe(0);
    expect(onewayOf({ highway: 'tertiary', junction: 'roundabout' })).toBe(1);
    expect(onewayOf({ highway: 'tertiary', oneway: 'reversible' })).toBe(0);
    expect(onewayOf({ highway: 'tertiary' })).toBe(0);
  });

  it('reads population, metres and levels, refusing what is not a number', () => {
    expect(parsePopulation('1 234')).toBe(1234);
    expect(parsePopulation('12,345')).toBe(12345);
    expect(parsePopulation('500.0')).toBe(500);
    expect(parsePopulation('~500')).toBeUndefined();
    expect(parsePopulation('500-600')).toBeUndefined();
    expect(parseMeters('12 m')).toBe(12);
    expect(parseMeters("40'")).toBeCloseTo(12.192, 6); // 40 × 0.3048
    expect(parseMeters('tall')).toBeUndefined();
    expect(parseLevels('5')).toBe(5);
    expect(parseLevels('0')).toBeUndefined();
    expect(parseLevels('5-9')).toBeUndefined();
  });

  it('matches facility rules in order; overrides come first and null removes a rule', () => {
    const defaults = resolveFacilityKindTable();
    expect(facilityKindOf({ amenity: 'school' }, defaults)).toBe('school');
    expect(facilityKindOf({ healthcare: 'clinic' }, defaults)).toBe('clinic');
    expect(facilityKindOf({ amenity: 'bench' }, defaults)).toBeUndefined();
    const custom = resolveFacilityKindTable({
      'amenity=school': 'secondary-school',
      'office=*': 'office',
      'amenity=bank': null,
    });
    expect(facilityKindOf({ amenity: 'school' }, custom)).toBe('secondary-school');
    expect(facilityKindOf({ office: 'it' }, custom)).toBe('office');
    expect(facilityKindOf({ office: 'no' }, custom)).toBeUndefined();
    expect(facilityKindOf({ amenity: 'bank' }, custom)).toBeUndefined();
    expect(() => resolveFacilityKindTable({ amenity: 'school' })).toThrow(/key=value/);
  });
});
