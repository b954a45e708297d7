import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/src/safety/personalData.js';
import { medianCpuMs } from './cpuTime.js';

/** `kind:text` of each finding: easier to read in a table than offsets. */
function found(text: string): string[] {
  return findPersonalData(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
}

describe('findPersonalData', () => {
  it.each([
    ['call me at 514-555-1234 tonight', ['phone:514-555-1234']],
    ['my cell is (438) 862-1234', ['phone:(438) 862-1234']],
    ['+1 416 555 0199 is my number', ['phone:+1 416 555 0199']],
    ['mon cell : 06 12 34 56 78', ['phone:06 12 34 56 78']],
    ['text me 555-1234', ['phone:555-1234']],
    ['write to jo.smith@gmail.com', ['email:jo.smith@gmail.com']],
    ['my RAMQ is ABCD 1234 5678', ['health-id:ABCD 1234 5678']],
    ['OHIP 1234-567-890-AB', ['health-id:1234-567-890-AB']],
    ['SSN 123-45-6789', ['health-id:123-45-6789']],
    ['né le 3 mars 1984 à Laval', ['dob:3 mars 1984']],
    ['DOB: 03/03/1984', ['dob:03/03/1984']],
    ['I was born on March 3, 1984', ['dob:March 3, 1984']],
    ["j'habite au 123, rue Saint-Denis", ['address:123, rue Saint-Denis']],
    ['I live at 45 Oak Street, apt 3', ['address:45 Oak Street, apt 3']],
    ['4500 boul. René-Lévesque Ouest, app. 12', ['address:4500 boul. René-Lévesque Ouest, app. 12']],
    ['mon code postal est H2X 1Y4', ['address:H2X 1Y4']],
  ])('finds %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    'A1C 7.2 and glucose 5.6 mmol/L',
    '500 mg twice a day',
    'my appointment on March 3',
    'diagnosed in 1998, now 2024',
    'at 10:30 tomorrow',
    'Call 988 or 911, or Kids Help Phone at 1-800-668-6868',
    'Info-Santé 811',
    'I switched to the MiniMed 780G and the Omnipod 5',
    'readings today: 120 135 140 165',
    'born in 1984',
    'my postal district is H2X',
    'je ne peux pas venir le 3 mars',
    '',
  ])('leaves %j alone', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('gives offsets in UTF-16 code units, in order, without overlaps', () => {
    const text = '😀 call 514-555-1234 or jo@x.ca';
    const spans = findPersonalData(text);
    expect(spans).toEqual([
      { kind: 'phone', start: 8, end: 20 },
      { kind: 'email', start: 24, end: 31 },
    ]);
  });
});

describe('cost on hostile input', () => {
  // Runs of digits, letters or separators must not make the regular expressions backtrack without end:
  // each of these is a 4,000-character post that once took a second.
  it.each([
    ['digits', '1'.repeat(4000)],
    ['spaced digits', '1 '.repeat(2000)],
    ['number list', '123 '.repeat(1000)],
    ['phone list', '514-555-0187 '.repeat(300)],
    ['letters and @', 'a'.repeat(3999) + '@'],
    ['dashes', '1-'.repeat(2000)],
  ])('%s', (_name, text) => {
    expect(medianCpuMs(() => findPersonalData(text), 3)).toBeLessThan(50);
  });
});
