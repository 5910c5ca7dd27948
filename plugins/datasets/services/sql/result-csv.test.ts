import { describe, expect, it } from 'vitest';
import { resultCsv } from './result-csv';

describe('resultCsv', () => {
  it('writes a header and rows with numbers as written, text quoted and neutralised, null empty', () => {
    const csv = resultCsv({
      columns: [
        { name: 'region', type: 'text' },
        { name: 'total', type: 'bigint' },
        { name: 'ok', type: 'boolean' },
        { name: 'meta', type: 'jsonb' },
      ],
      rows: [
        ['north, east', 1234567, true, { a: 1 }],
        ['=SUM(A1)', -5, false, null],
        [null, '-98765432109876543210', null, [1]],
      ],
    });
    expect(csv).toBe('region,total,ok,meta\r\n"north, east",1234567,true,"{""a"":1}"\r\n\'=SUM(A1),-5,false,\r\n,-98765432109876543210,,[1]\r\n');
  });
});
