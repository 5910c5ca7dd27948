import { AtollError, type ChatToolDefinition, type Database, isWellFormedText, z } from 'atoll/plugin';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../worker/logger';
import { previewOf, runChecked, runTool } from './run-tool';
import type { Caller, ToolEntry } from './tool-access';

const user = (role: Caller['role']): Caller => ({ role, principal: { kind: 'user', userId: 'u1', email: 'u@example.com', platformAdmin: false, via: 'token' } });
const key = (scopes: string[]): Caller => ({ role: 'member', principal: { kind: 'api_key', keyId: 'k1', tenantId: 't1', scopes, role: 'member' } });

const entryOf = (definition: Partial<ChatToolDefinition<any>>): ToolEntry => ({
  pluginId: 'test',
  context: { id: 'test', config: undefined, logger: createLogger('error'), service: () => undefined as never },
  definition: { name: 'test_tool', description: 'd', input: z.object({ n: z.number() }), run: async (input: { n: number }) => ({ text: `n=${input.n}` }), ...definition } as ChatToolDefinition,
});

// These tools never touch the database: the host only passes it through.
const call = (entry: ToolEntry, input: unknown, caller = user('viewer'), timeoutMs = 1_000) => ({ entry, input, caller, tenantId: 't1', db: {} as Database, logger: createLogger('error'), timeoutMs });

describe('running a tool', () => {
  it('validates the input and runs the tool', async () => {
    expect(await runTool(call(entryOf({}), { n: 3 }))).toMatchObject({ isError: false, result: { text: 'n=3' } });
    const bad = await runTool(call(entryOf({}), { n: 'three' }));
    expect(bad.isError).toBe(true);
    expect(bad.result.text).toContain('CHAT_TOOL_INVALID_INPUT');
    expect(bad.result.text).toContain('input.n');
    await expect(runChecked(call(entryOf({}), {}))).rejects.toMatchObject({ code: 'CHAT_TOOL_INVALID_INPUT' });
  });

  it('refuses a tool above the caller role, and one whose scopes a key lacks', async () => {
    const writer = entryOf({ minRole: 'member', writes: true, scopes: ['things:write'] });
    await expect(runChecked(call(writer, { n: 1 }, user('viewer')))).rejects.toMatchObject({ code: 'CHAT_TOOL_FORBIDDEN' });
    await expect(runChecked(call(writer, { n: 1 }, key(['things:read'])))).rejects.toMatchObject({ code: 'CHAT_TOOL_FORBIDDEN', message: expect.stringContaining('things:write') });
    expect(await runChecked(call(writer, { n: 1 }, key(['things:write'])))).toEqual({ text: 'n=1' });
    await expect(runChecked(call(entryOf({ writes: true }), { n: 1 }, key([])))).rejects.toMatchObject({ code: 'CHAT_TOOL_FORBIDDEN' });
  });

  it('stops a tool at its time limit and aborts its signal', async () => {
    let aborted = false;
    const slow = entryOf({
      timeoutMs: 50,
      run: (_input, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            setTimeout(() => resolve({ text: 'late' }), 10);
          });
        }),
    });
    const outcome = await runTool(call(slow, { n: 1 }));
    expect(outcome).toMatchObject({ isError: true, result: { summary: 'CHAT_TOOL_TIMEOUT' } });
    expect(outcome.result.text).toContain('50 ms');
    expect(aborted).toBe(true);
  });

  it('shows the model our errors but not internal ones; a value the database refused is the caller’s', async () => {
    const ours = await runTool(
      call(
        entryOf({
          run: async () => {
            throw new AtollError('not_found', 'TEST_MISSING', 'No such thing');
          },
        }),
        { n: 1 },
      ),
    );
    expect(ours.result.text).toBe('TEST_MISSING: No such thing');
    const internal = await runTool(
      call(
        entryOf({
          run: async () => {
            throw new Error('connection string postgres://secret@db');
          },
        }),
        { n: 1 },
      ),
    );
    expect(internal.result.text).not.toContain('secret');
    expect(internal.result.summary).toBe('internal error');
    const nul = await runTool(
      call(
        entryOf({
          run: async () => {
            throw Object.assign(new Error('invalid byte sequence'), { code: '22021' });
          },
        }),
        { n: 1 },
      ),
    );
    expect(nul.result.summary).toBe('KERNEL_INVALID_VALUE');
  });

  it('bounds what the model reads of a result, never splitting a character', () => {
    expect(previewOf({ text: 'short' }, 10)).toBe('short');
    const long = previewOf({ text: 'a'.repeat(30) }, 10);
    expect(long.startsWith('a'.repeat(10))).toBe(true);
    expect(long).toContain('20 more characters');
    const emoji = previewOf({ text: `${'a'.repeat(9)}😀${'b'.repeat(20)}` }, 10);
    expect(isWellFormedText(emoji)).toBe(true);
  });
});
