import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/domain/events';
import { ACTIONS, authorize, type Action, type ActionTarget, type ActorScope } from '../../src/shared/domain/roles';

/**
 * Every role × action × scope, against a table written out by hand (docs/architecture.md §1, §8).
 * Columns are the region scopes below; Y = allowed, . = refused. The target depot only matters
 * for record-movement and a depot operator's acknowledge-instruction, which a depot operator may
 * do at its own depot only: its Y holds for the operator's own depot and turns into a refusal for
 * another depot or none.
 */
const SCOPES = [
  { name: 'national → national', actor: '000000', target: '000000' },
  { name: 'national → province', actor: '000000', target: '430000' },
  { name: 'province → own', actor: '430000', target: '430000' },
  { name: 'province → other', actor: '430000', target: '510000' },
  { name: 'province → national', actor: '430000', target: '000000' },
] as const;

const TABLE = `
role                action                   N>N N>P own oth P>N
national-commander  read-state               Y   Y   .   .   .
national-commander  record-movement          .   .   .   .   .
national-commander  issue-instruction        Y   Y   .   .   .
national-commander  acknowledge-instruction  .   .   .   .   .
national-commander  propose-emergency-level  Y   Y   .   .   .
national-commander  cosign-emergency-level   Y   Y   .   .   .
national-commander  break-glass-level-I      Y   Y   .   .   .
national-commander  run-scenario             Y   Y   .   .   .
national-commander  verify-audit             Y   Y   .   .   .
national-commander  register-civilian-asset  .   .   .   .   .
national-commander  publish-alert-rules      .   .   .   .   .
national-commander  acknowledge-alert        Y   Y   .   .   .
national-commander  read-own-registry        .   .   .   .   .
national-commander  verify-civilian-asset    .   .   .   .   .
national-commander  publish-registry-rules   Y   Y   .   .   .
ministry-analyst    read-state               Y   Y   .   .   .
ministry-analyst    record-movement          .   .   .   .   .
ministry-analyst    issue-instruction        .   .   .   .   .
ministry-analyst    acknowledge-instruction  .   .   .   .   .
ministry-analyst    propose-emergency-level  .   .   .   .   .
ministry-analyst    cosign-emergency-level   .   .   .   .   .
ministry-analyst    break-glass-level-I      .   .   .   .   .
ministry-analyst    run-scenario             Y   Y   .   .   .
ministry-analyst    verify-audit             .   .   .   .   .
ministry-analyst    register-civilian-asset  .   .   .   .   .
ministry-analyst    publish-alert-rules      Y   Y   .   .   .
ministry-analyst    acknowledge-alert        Y   Y   .   .   .
ministry-analyst    read-own-registry        .   .   .   .   .
ministry-analyst    verify-civilian-asset    .   .   .   .   .
ministry-analyst    publish-registry-rules   .   .   .   .   .
duty-officer        read-state               Y   Y   Y   .   .
duty-officer        record-movement          .   .   .   .   .
duty-officer        issue-instruction        Y   Y   Y   .   .
duty-officer        acknowledge-instruction  Y   Y   Y   .   .
duty-officer        propose-emergency-level  Y   Y   Y   .   .
duty-officer        cosign-emergency-level   Y   Y   Y   .   .
duty-officer        break-glass-level-I      .   .   .   .   .
duty-officer        run-scenario             .   .   .   .   .
duty-officer        verify-audit             .   .   .   .   .
duty-officer        register-civilian-asset  .   .   .   .   .
duty-officer        publish-alert-rules      .   .   .   .   .
duty-officer        acknowledge-alert        Y   Y   Y   .   .
duty-officer        read-own-registry        .   .   .   .   .
duty-officer        verify-civilian-asset    .   .   .   .   .
duty-officer        publish-registry-rules   .   .   .   .   .
depot-operator      read-state               Y   Y   Y   .   .
depot-operator      record-movement          Y   Y   Y   .   .
depot-operator      issue-instruction        .   .   .   .   .
depot-operator      acknowledge-instruction  Y   Y   Y   .   .
depot-operator      propose-emergency-level  .   .   .   .   .
depot-operator      cosign-emergency-level   .   .   .   .   .
depot-operator      break-glass-level-I      .   .   .   .   .
depot-operator      run-scenario             .   .   .   .   .
depot-operator      verify-audit             .   .   .   .   .
depot-operator      register-civilian-asset  .   .   .   .   .
depot-operator      publish-alert-rules      .   .   .   .   .
depot-operator      acknowledge-alert        .   .   .   .   .
depot-operator      read-own-registry        .   .   .   .   .
depot-operator      verify-civilian-asset    .   .   .   .   .
depot-operator      publish-registry-rules   .   .   .   .   .
auditor             read-state               Y   Y   Y   .   .
auditor             record-movement          .   .   .   .   .
auditor             issue-instruction        .   .   .   .   .
auditor             acknowledge-instruction  .   .   .   .   .
auditor             propose-emergency-level  .   .   .   .   .
auditor             cosign-emergency-level   .   .   .   .   .
auditor             break-glass-level-I      .   .   .   .   .
auditor             run-scenario             .   .   .   .   .
auditor             verify-audit             Y   Y   Y   .   .
auditor             register-civilian-asset  .   .   .   .   .
auditor             publish-alert-rules      .   .   .   .   .
auditor             acknowledge-alert        .   .   .   .   .
auditor             read-own-registry        .   .   .   .   .
auditor             verify-civilian-asset    .   .   .   .   .
auditor             publish-registry-rules   .   .   .   .   .
wall                read-state               Y   Y   Y   .   .
wall                record-movement          .   .   .   .   .
wall                issue-instruction        .   .   .   .   .
wall                acknowledge-instruction  .   .   .   .   .
wall                propose-emergency-level  .   .   .   .   .
wall                cosign-emergency-level   .   .   .   .   .
wall                break-glass-level-I      .   .   .   .   .
wall                run-scenario             .   .   .   .   .
wall                verify-audit             .   .   .   .   .
wall                register-civilian-asset  .   .   .   .   .
wall                publish-alert-rules      .   .   .   .   .
wall                acknowledge-alert        .   .   .   .   .
wall                read-own-registry        .   .   .   .   .
wall                verify-civilian-asset    .   .   .   .   .
wall                publish-registry-rules   .   .   .   .   .
contributor         read-state               .   .   .   .   .
contributor         record-movement          .   .   .   .   .
contributor         issue-instruction        .   .   .   .   .
contributor         acknowledge-instruction  .   .   .   .   .
contributor         propose-emergency-level  .   .   .   .   .
contributor         cosign-emergency-level   .   .   .   .   .
contributor         break-glass-level-I      .   .   .   .   .
contributor         run-scenario             .   .   .   .   .
contributor         verify-audit             .   .   .   .   .
contributor         register-civilian-asset  Y   Y   Y   .   .
contributor         publish-alert-rules      .   .   .   .   .
contributor         acknowledge-alert        .   .   .   .   .
contributor         read-own-registry        Y   Y   Y   .   .
contributor         verify-civilian-asset    .   .   .   .   .
contributor         publish-registry-rules   .   .   .   .   .
registry-verifier   read-state               .   .   .   .   .
registry-verifier   record-movement          .   .   .   .   .
registry-verifier   issue-instruction        .   .   .   .   .
registry-verifier   acknowledge-instruction  .   .   .   .   .
registry-verifier   propose-emergency-level  .   .   .   .   .
registry-verifier   cosign-emergency-level   .   .   .   .   .
registry-verifier   break-glass-level-I      .   .   .   .   .
registry-verifier   run-scenario             .   .   .   .   .
registry-verifier   verify-audit             .   .   .   .   .
registry-verifier   register-civilian-asset  .   .   .   .   .
registry-verifier   publish-alert-rules      .   .   .   .   .
registry-verifier   acknowledge-alert        .   .   .   .   .
registry-verifier   read-own-registry        .   .   .   .   .
registry-verifier   verify-civilian-asset    .   .   Y   .   .
registry-verifier   publish-registry-rules   .   .   .   .   .
regional-server     read-state               .   .   .   .   .
regional-server     record-movement          .   .   .   .   .
regional-server     issue-instruction        .   .   .   .   .
regional-server     acknowledge-instruction  .   .   .   .   .
regional-server     propose-emergency-level  .   .   .   .   .
regional-server     cosign-emergency-level   .   .   .   .   .
regional-server     break-glass-level-I      .   .   .   .   .
regional-server     run-scenario             .   .   .   .   .
regional-server     verify-audit             .   .   .   .   .
regional-server     register-civilian-asset  .   .   .   .   .
regional-server     publish-alert-rules      .   .   .   .   .
regional-server     acknowledge-alert        .   .   .   .   .
regional-server     read-own-registry        .   .   .   .   .
regional-server     verify-civilian-asset    .   .   .   .   .
regional-server     publish-registry-rules   .   .   .   .   .
`;

const OWN_DEPOT = 'HN-001';
const DEPOT_TARGETS = [
  { name: 'own depot', depot: OWN_DEPOT },
  { name: 'other depot', depot: 'HN-002' },
  { name: 'no depot', depot: undefined },
] as const;

function parseTable(): Map<string, boolean[]> {
  const rows = new Map<string, boolean[]>();
  for (const line of TABLE.trim().split('\n').slice(1)) {
    const [role, action, ...cells] = line.trim().split(/\s+/);
    expect(cells, line).toHaveLength(SCOPES.length);
    rows.set(`${role} ${action}`, cells.map((c) => c === 'Y'));
  }
  return rows;
}

const actorOf = (role: Role, region: string): ActorScope => ({ role, region, depot: role === 'depot-operator' ? OWN_DEPOT : null });

interface Case {
  role: Role;
  action: Action;
  scope: string;
  depot: string;
  actor: ActorScope;
  target: ActionTarget;
  allowed: boolean;
}

function cases(): Case[] {
  const table = parseTable();
  const out: Case[] = [];
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const row = table.get(`${role} ${action}`);
      if (!row) throw new Error(`the table has no row for ${role} ${action}`);
      SCOPES.forEach((scope, i) => {
        for (const d of DEPOT_TARGETS) {
          const byRegion = row[i] === true;
          // A depot operator's rights are bound to its own depot.
          const depotBound = action === 'record-movement' || (action === 'acknowledge-instruction' && role === 'depot-operator');
          const allowed = depotBound ? byRegion && d.depot === OWN_DEPOT : byRegion;
          const target: ActionTarget = d.depot === undefined ? { region: scope.target } : { region: scope.target, depot: d.depot };
          out.push({ role, action, scope: scope.name, depot: d.name, actor: actorOf(role, scope.actor), target, allowed });
        }
      });
    }
  }
  return out;
}

describe('role matrix', () => {
  it('has a row for every role and action and nothing else', () => {
    expect(parseTable().size).toBe(ROLES.length * ACTIONS.length);
  });

  const all = cases();
  it(`covers every role × action × scope × depot (${all.length} cases)`, () => {
    expect(all).toHaveLength(ROLES.length * ACTIONS.length * SCOPES.length * DEPOT_TARGETS.length);
  });

  it.each(all.map((c) => [`${c.role} ${c.action} ${c.scope}, ${c.depot}: ${c.allowed ? 'allowed' : 'refused'}`, c] as const))('%s', (_name, c) => {
    const result = authorize(c.actor, c.action, c.target);
    expect(result.allowed).toBe(c.allowed);
    if (!result.allowed) expect(result.reason.length).toBeGreaterThan(10);
  });
});

describe('role matrix: reasons and malformed identities', () => {
  it('tells a contributor it holds no command right and no read of state', () => {
    const contributor: ActorScope = { role: 'contributor', region: '430000', depot: null };
    for (const action of ACTIONS.filter((a) => a !== 'register-civilian-asset' && a !== 'read-own-registry' && a !== 'read-state')) {
      expect(authorize(contributor, action, { region: '430000' })).toEqual({ allowed: false, reason: expect.stringContaining('no command right') });
    }
    expect(authorize(contributor, 'read-state', { region: '430000' })).toEqual({ allowed: false, reason: expect.stringContaining('never read') });
  });

  it('refuses a national role whose certificate carries a province', () => {
    const r = authorize({ role: 'national-commander', region: '430000', depot: null }, 'read-state', { region: '430000' });
    expect(r).toEqual({ allowed: false, reason: expect.stringContaining('must carry region 000000') });
  });

  it('refuses a depot operator whose certificate names no depot', () => {
    const r = authorize({ role: 'depot-operator', region: '430000', depot: null }, 'record-movement', { region: '430000', depot: OWN_DEPOT });
    expect(r).toEqual({ allowed: false, reason: expect.stringContaining('names no depot') });
  });

  it('names the depot and the region in scope refusals', () => {
    const op: ActorScope = { role: 'depot-operator', region: '430000', depot: OWN_DEPOT };
    expect(authorize(op, 'record-movement', { region: '430000', depot: 'HN-009' })).toEqual({ allowed: false, reason: expect.stringContaining('HN-009') });
    const officer: ActorScope = { role: 'duty-officer', region: '430000', depot: null };
    expect(authorize(officer, 'issue-instruction', { region: '510000' })).toEqual({ allowed: false, reason: expect.stringContaining('510000') });
    expect(authorize(officer, 'break-glass-level-I', { region: '430000' })).toEqual({ allowed: false, reason: expect.stringContaining('national commander') });
  });

  it('refuses malformed adcodes whatever the role', () => {
    const commander: ActorScope = { role: 'national-commander', region: '000000', depot: null };
    expect(authorize(commander, 'read-state', { region: '43' }).allowed).toBe(false);
    expect(authorize({ ...commander, region: 'nation' }, 'read-state', { region: '430000' }).allowed).toBe(false);
  });
});
