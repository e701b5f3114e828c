/**
 * "Check a situation": the ILO's 11 forced-labour indicators and four child-specific signs, asked
 * about oneself or someone else, graded into no / some / serious warning signs, with next steps
 * and help. Nothing beyond coarse counts and flags stays in the session, and never free text.
 */
import { flow, LANGS, text, User } from './driver';

/** The ILO's 11 indicators of forced labour (ILO 2012), as the check names them. */
const ILO = ['vulnerability', 'deception', 'movement', 'isolation', 'violence', 'threats', 'documents', 'wages', 'debt', 'conditions', 'overtime'];
const CHILD = ['child_school', 'child_secret', 'child_crime', 'child_sexual'];
const SERIOUS = ['movement', 'violence', 'threats', 'documents', 'debt', 'child_crime', 'child_sexual'];

/** Everything the session may hold once a check is done (onboarding's answers, and the check's). */
const ALLOWED = new Set(['audience', 'track', 'check_for', 'check_signs', 'check_serious', 'check_result', ...[...ILO, ...CHILD].map((s) => `sign_${s}`)]);

/** Answer the check: `yes` lists the signs to say yes to; everything else is "no". */
function runCheck(u: User, about: 'me' | 'other', yes: string[], under18?: 'yes' | 'no' | 'dont_know'): string[] {
  u.choose('check');
  expect(u.at()).toBe('check/who');
  u.choose(about);
  const asked: string[] = [];
  for (let i = 0; i < 40 && u.at().startsWith('check/') && !u.at().startsWith('check/options'); i++) {
    const node = u.question()!.node;
    if (node.endsWith('_under_18')) {
      expect(u.question()!.text).toBe(text(u.lang, `check:${about === 'me' ? 'ask_age_me' : 'ask_age_them'}`));
      u.choose(under18 ?? 'no');
      continue;
    }
    const sign = node.slice(`${about}_`.length);
    expect(u.question()!.text).toBe(text(u.lang, `check:${about}.${sign}`));
    expect(u.question()!.choices!.map((c) => c.id)).toEqual(['yes', 'no', 'dont_know']);
    asked.push(sign);
    u.choose(yes.includes(sign) ? 'yes' : 'no');
  }
  return asked;
}

test('the check asks every ILO indicator and every child-specific sign, in both chains', () => {
  const nodes = Object.keys(flow('check').nodes);
  for (const who of ['me', 'other']) for (const s of [...ILO, ...CHILD]) expect(nodes).toContain(`${who}_${s}`);
});

describe.each(LANGS)('in %s', (lang) => {
  test('no sign: "no warning signs noted", next steps, help options', () => {
    const u = User.onboarded(lang, 'adult');
    const asked = runCheck(u, 'me', []);
    expect(asked.sort()).toEqual([...ILO].sort()); // an adult asking about themselves: no child signs
    const end = u.last;
    expect(end.map((o) => o.node)).toEqual(['result_none', 'result_none_next', 'options_none']);
    expect(end[0]!.text).toBe(text(lang, 'check:result_none'));
    expect(end[2]!.choices!.map((c) => c.id)).toEqual(['person', 'find_help', 'rights', 'menu']);
    expect(u.vars['check_result']).toBe('none');
  });

  test('one sign: "some warning signs"', () => {
    const u = User.onboarded(lang, 'adult');
    runCheck(u, 'me', ['wages']);
    expect(u.last.map((o) => o.node)).toEqual(['result_some', 'result_some_next', 'options_some']);
    expect(u.vars['check_result']).toBe('some');
    expect(u.vars['sign_wages']).toBe(true);
  });

  test('three ordinary signs, or any one serious sign: "serious warning signs", and the emergency offered first', () => {
    const u = User.onboarded(lang, 'adult');
    runCheck(u, 'me', ['wages', 'overtime', 'conditions']);
    expect(u.last.map((o) => o.node)).toEqual(['result_serious', 'result_serious_next', 'options_serious']);
    expect(u.last[2]!.choices!.map((c) => c.id)).toEqual(['danger', 'person', 'find_help', 'rights', 'menu']);
    for (const serious of SERIOUS.filter((s) => ILO.includes(s))) {
      const v = User.onboarded(lang, 'adult');
      runCheck(v, 'me', [serious]);
      expect({ serious, result: v.vars['check_result'] }).toEqual({ serious, result: 'serious' });
    }
    u.choose('danger');
    expect(u.all.some((o) => o.flow === 'emergency' && o.node === 'call_now')).toBe(true);
  });

  test('about someone else: "they" questions, the age asked, child signs when under 18 or not known', () => {
    for (const [under18, child] of [['yes', true], ['dont_know', true], ['no', false]] as const) {
      const u = User.onboarded(lang, 'someone_else');
      const asked = runCheck(u, 'other', ['child_crime'], under18);
      expect({ under18, child: CHILD.every((s) => asked.includes(s)) }).toEqual({ under18, child });
      expect(u.vars['check_result']).toBe(child ? 'serious' : 'none');
    }
  });

  test('a child asking about themselves gets the child signs without being asked their age, and a trusted adult first', () => {
    const u = User.onboarded(lang, 'under_13');
    const asked = runCheck(u, 'me', ['child_secret']);
    expect(asked).toEqual(expect.arrayContaining(CHILD));
    expect(u.all.some((o) => o.node === 'me_under_18')).toBe(false);
    expect(u.last.map((o) => o.node)).toEqual(['result_some', 'result_some_next', 'next_child_some', 'options_some']);
    expect(u.last[2]!.text).toBe(text(lang, 'check:next_child'));
  });

  test('only coarse counts and flags stay, in the session only; a new check starts from zero', () => {
    const u = User.onboarded(lang, 'parent');
    runCheck(u, 'me', ['documents', 'wages'], 'no');
    expect(Object.keys(u.vars).filter((k) => !ALLOWED.has(k))).toEqual([]);
    expect(Object.values(u.vars).every((v) => typeof v !== 'string' || /^[a-z_0-9]+$/.test(v))).toBe(true);
    u.choose('menu');
    runCheck(u, 'me', [], 'no');
    expect(u.vars).toMatchObject({ check_signs: 0, check_serious: 0, check_result: 'none' });
    expect(Object.keys(u.vars).filter((k) => k.startsWith('sign_'))).toEqual([]);
  });
});
