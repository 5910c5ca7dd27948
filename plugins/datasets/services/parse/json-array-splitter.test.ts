import { describe, expect, it } from 'vitest';
import { JsonArraySplitter } from './json-array-splitter';

function split(text: string, size = text.length || 1) {
  const out: { value: unknown; index: number }[] = [];
  const splitter = new JsonArraySplitter((value, index) => out.push({ value, index }));
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  splitter.end();
  return out;
}

const DOC = ' [ {"metric":"a,b","value":1}, {"value":"2","nested":{"x":[1,{"y":"]}\\""}]}} ,\n3, "s", [1] ]\n';

describe('JsonArraySplitter', () => {
  it('cuts the top-level array into elements, whatever the nesting, strings and escapes', () => {
    expect(split(DOC)).toEqual([
      { value: { metric: 'a,b', value: 1 }, index: 1 },
      { value: { value: '2', nested: { x: [1, { y: ']}"' }] } }, index: 2 },
      { value: 3, index: 3 },
      { value: 's', index: 4 },
      { value: [1], index: 5 },
    ]);
  });

  it('gives the same elements whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 7]) expect(split(DOC, size)).toEqual(split(DOC));
  });

  it('accepts an empty array', () => {
    expect(split('[]')).toEqual([]);
    expect(split(' [ ] ')).toEqual([]);
  });

  it('refuses documents that are not an array, or are malformed or cut short', () => {
    expect(() => split('{"value": 1}')).toThrow('The JSON document is not an array (expected [ at the start)');
    expect(() => split('')).toThrow('The JSON document is empty');
    expect(() => split('[{"value": 1}')).toThrow('The JSON array is not closed');
    expect(() => split('[{"value": 1},]')).toThrow('missing element 2');
    expect(() => split('[{"value": tru}]')).toThrow('Malformed JSON in element 1');
    expect(() => split('[1] x')).toThrow('Unexpected text after the end of the JSON array');
  });
});
