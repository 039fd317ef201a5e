import { describe, expect, it } from 'vitest';
import { locateText } from './place-locator.ts';
import type { GazetteerPlace, StreetLine } from './place-locator.ts';
import { parseIntersection, placeKey, streetKey } from './place-text.ts';

// Pilsen, Chicago: W 18th St runs east-west, S Blue Island Ave diagonally, S Paulina St north-south.
const streets: StreetLine[] = [
  {
    name: 'W 18th St',
    positions: [
      [-87.672, 41.8577],
      [-87.656, 41.8579],
    ],
  },
  {
    name: 'S Blue Island Ave',
    positions: [
      [-87.664, 41.862],
      [-87.669, 41.853],
    ],
  },
  {
    name: 'S Paulina St',
    positions: [
      [-87.67, 41.862],
      [-87.6698, 41.85],
    ],
  },
  {
    name: 'W Cermak Rd',
    positions: [
      [-87.672, 41.8525],
      [-87.656, 41.8527],
    ],
  },
].map((street) => ({
  ...street,
  key: streetKey(street.name),
  positions: street.positions as [number, number][],
}));
const places: GazetteerPlace[] = [
  { name: 'Home Depot Pershing', lat: 41.8235, lon: -87.6835, radiusMeters: 120 },
  { name: 'Cook County Courthouse', lat: 41.8447, lon: -87.6955, radiusMeters: 80 },
].map((place) => ({ ...place, key: placeKey(place.name) }));

describe('typed places', () => {
  it('folds abbreviations, compass words, ordinals and accents into one street key', () => {
    expect(streetKey('W. 18th St')).toBe('18');
    expect(streetKey('18th Street')).toBe('18');
    expect(streetKey('la 18')).toBe('18');
    expect(streetKey('Calle 18')).toBe('18');
    expect(streetKey('S Blue Island Ave')).toBe('blue island');
    expect(streetKey('Avenida Blue Island')).toBe('blue island');
    expect(streetKey('Eighth Avenue')).toBe('8');
    expect(streetKey('Calle Peñón')).toBe('penon');
  });

  it('reads intersections in English and Spanish', () => {
    expect(parseIntersection('18th & Blue Island')).toEqual(['18', 'blue island']);
    expect(parseIntersection('Blue Island and 18th')).toEqual(['blue island', '18']);
    expect(parseIntersection('la 18 y Paulina')).toEqual(['18', 'paulina']);
    expect(parseIntersection('esquina de la 18 con Paulina')).toEqual(['18', 'paulina']);
    expect(parseIntersection('En la esquina de Cermak y Blue Island')).toEqual(['cermak', 'blue island']);
    expect(parseIntersection('corner of W 18th St / S Paulina St')).toEqual(['18', 'paulina']);
    expect(parseIntersection('Home Depot')).toBeNull();
  });

  it('finds the crossing of two listed streets, within tens of meters', () => {
    const found = locateText('18th & Blue Island', places, streets);
    expect(found?.kind).toBe('intersection');
    expect(found?.radiusMeters).toBe(40);
    // Blue Island crosses the 18th St line (lat ≈ 41.8578) near lon -87.6663.
    expect(found?.point.lat).toBeCloseTo(41.8578, 3);
    expect(found?.point.lon).toBeCloseTo(-87.6663, 3);
    const spanish = locateText('esquina de la 18 con Paulina', places, streets);
    expect(spanish?.point.lon).toBeCloseTo(-87.6699, 3);
    expect(locateText('Paulna y Cermak', places, streets)?.kind).toBe('intersection');
  });

  it('finds named places inside a sentence, and streets that never cross give nothing', () => {
    const found = locateText('the home depot on pershing', places, streets);
    expect(found).toMatchObject({ kind: 'place', label: 'Home Depot Pershing', radiusMeters: 120 });
    expect(locateText('18th and Cermak', places, streets)?.kind).not.toBe('intersection');
    expect(locateText('Ashland and 47th', places, streets)).toBeNull();
  });

  it('places a lone street at its middle with half its length as the radius', () => {
    const found = locateText('on Paulina', places, streets);
    expect(found?.kind).toBe('street');
    expect(found?.radiusMeters).toBeGreaterThan(500);
  });
});
