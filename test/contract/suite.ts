// Scripted conversations every adapter must pass. Each adapter's test file calls
// `runContractSuite(name, factory)` with its driver.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractDriver, DriverFactory, Seen } from './driver';

export const CANARY = 'P260987654321';
export const PIN = '740528';

const all = (seen: Seen[]) => seen.map((s) => s.text).join('\n');
const withForm = (seen: Seen[]) => {
  const f = seen.find((s) => s.form)?.form;
  if (!f) throw new Error(`expected a form, saw: ${all(seen)}`);
  return f;
};
const firstButton = (seen: Seen[]) => {
  const b = seen.flatMap((s) => s.buttons)[0];
  if (!b) throw new Error(`expected a button, saw: ${all(seen)}`);
  return b;
};

export async function register(d: ContractDriver, code = CANARY, pin = PIN): Promise<Seen[]> {
  const consent = await d.command('register');
  const form = withForm(await d.press(firstButton(consent)));
  return d.submit(form, { code, pin, pin2: pin });
}

export function runContractSuite(name: string, factory: DriverFactory): void {
  describe(`contract: ${name}`, () => {
    let d: ContractDriver;
    beforeEach(async () => {
      d = await factory();
    });
    afterEach(async () => {
      await d.close();
    });

    it('answers help and topics by Korean and English word', async () => {
      expect(all(await d.command('help'))).toMatch(/register/);
      expect(all(await d.command('발급'))).toContain('unipass.customs.go.kr');
      expect(all(await d.command('theft'))).toMatch(/125/);
    });

    it('answers free-text questions through the matcher', async () => {
      expect(all(await d.message('통관번호 까먹었어요'))).toMatch(/조회/);
      expect(all(await d.message('how do I get a PCCC?'))).toMatch(/UNI-PASS|unipass/i);
    });

    it('shows a consent notice before anything is stored, and cancel stores nothing', async () => {
      const consent = await d.command('register');
      expect(all(consent)).toMatch(/목적|Purpose/);
      const cancel = consent.flatMap((s) => s.buttons)[1]!;
      expect(all(await d.press(cancel))).toMatch(/저장하지 않았|Nothing was stored/);
      expect(all(await d.command('status'))).toMatch(/보관 안 함|not stored/);
    });

    it('rejects an invalid code and a trivial PIN inline, storing nothing', async () => {
      const form = withForm(await d.press(firstButton(await d.command('register'))));
      const bad = await d.submit(form, { code: 'P12345', pin: '123456', pin2: '123456' });
      expect(all(bad) + bad.flatMap((s) => s.formErrors ?? []).join('\n')).toMatch(/모자라|짧|short/i);
      expect(all(bad) + bad.flatMap((s) => s.formErrors ?? []).join('\n')).toMatch(/쉬운|too easy/i);
      expect(all(await d.command('status'))).toMatch(/보관 안 함|not stored/);
    });

    it('registers, reveals only after the right PIN by DM, and deletes the DM after the TTL', async () => {
      const saved = all(await register(d));
      expect(saved).toContain('P26*******321');
      const form = withForm(await d.command('show'));
      const wrong = await d.submit(form, { pin: '111333' });
      expect(all(wrong) + wrong.flatMap((s) => s.formErrors ?? []).join('\n')).toMatch(/남은 시도: 4|Attempts left: 4/);
      expect(d.directMessages().some((m) => m.text.includes(CANARY))).toBe(false);
      await d.submit(withForm(await d.command('show')), { pin: PIN });
      const dm = d.directMessages().find((m) => m.text.includes(CANARY));
      expect(dm).toBeDefined();
      expect(dm!.deleted).toBe(false);
      await d.advance(11 * 60 * 1000);
      expect(d.directMessages().find((m) => m.text.includes(CANARY))!.deleted).toBe(true);
    });

    it('locks after repeated wrong PINs, even against the right one', async () => {
      await register(d);
      for (let i = 0; i < 5; i++) await d.submit(withForm(await d.command('show')), { pin: '909182' });
      const locked = await d.submit(withForm(await d.command('show')), { pin: PIN });
      expect(all(locked) + locked.flatMap((s) => s.formErrors ?? []).join('\n')).toMatch(/잠|locked/i);
      expect(d.directMessages().some((m) => m.text.includes(CANARY))).toBe(false);
    });

    it('never echoes a code pasted into a message', async () => {
      const seen = await d.message(`내 통관부호는 ${CANARY} 이에요`);
      expect(all(seen)).not.toContain(CANARY);
      expect(all(seen)).toContain('P26*******321');
    });

    it('changes the PIN and forgets everything on request', async () => {
      await register(d);
      const pinForm = withForm(await d.command('pin'));
      expect(all(await d.submit(pinForm, { pin: PIN, newPin: '582914', newPin2: '582914' }))).toMatch(/PIN/);
      const forget = await d.command('forget');
      expect(all(await d.press(firstButton(forget)))).toMatch(/삭제했|keeps nothing/);
      expect(all(await d.command('status'))).toMatch(/보관 안 함|not stored/);
      expect(await d.dumpAllTables()).not.toContain('P26');
    });

    it('keeps the code out of logs, non-private traffic and every database byte', async () => {
      await register(d);
      await d.submit(withForm(await d.command('show')), { pin: '000111' });
      await d.submit(withForm(await d.command('show')), { pin: PIN });
      await d.message(`is ${CANARY} valid?`);
      const replace = withForm(await d.command('replace'));
      await d.submit(replace, { pin: PIN, code: 'P261234567890' });
      const hex = Buffer.from(CANARY).toString('hex');
      const dump = await d.dumpAllTables();
      expect(dump).not.toContain(CANARY);
      expect(dump).not.toContain(hex);
      expect(d.logs().join('\n')).not.toContain(CANARY);
      expect(d.nonPrivateTraffic().join('\n')).not.toContain(CANARY);
      expect(d.nonPrivateTraffic().join('\n')).not.toContain(PIN);
      expect(d.logs().join('\n')).not.toContain(PIN);
    });
  });
}
