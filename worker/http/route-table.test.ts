import { describe, expect, it } from 'vitest';
import { RouteTable } from './route-table';

describe('route table', () => {
  const table = new RouteTable();
  table.add('get', '/api/v1/things/{id}');
  table.add('delete', '/api/v1/things/{id}');
  table.add('get', '/app/items/:id{[0-9a-f-]{36}}');
  table.add('post', '/app/items/new');

  it('lists the methods of a path, HEAD implied by GET', () => {
    expect(table.allowedMethods('/api/v1/things/42')).toEqual(['DELETE', 'GET', 'HEAD']);
    expect(table.allowedMethods('/api/v1/things/42/')).toEqual(['DELETE', 'GET', 'HEAD']);
  });

  it("honours a parameter's own pattern, so a path it does not match is unknown (404), not 405", () => {
    expect(table.allowedMethods('/app/items/0b6c1a8e-2f7d-4b0e-9a51-3c1d2e4f5a6b')).toEqual(['GET', 'HEAD']);
    expect(table.allowedMethods('/app/items/new')).toEqual(['POST']);
    expect(table.allowedMethods('/app/items/other')).toEqual([]);
  });

  it('treats literal segments literally', () => {
    expect(table.allowedMethods('/api/v1/thingsX/42')).toEqual([]);
  });
});
