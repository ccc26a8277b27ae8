import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allowedTransitions, checkTransition, type Principal } from '../../access/index';
import type { Role } from '../../sync/auth-api';
import { setProposalStatus } from '../proposal';
import { LIFECYCLE_MAP, legacyStatusOf, readLifecycle } from './document';
import { LifecycleStatus, TRANSITIONS, findTransition, isDecided, needsReason } from './status';

const G = 'wohnen';
const as = (role: Role, lead?: boolean): Principal => ({ role, groups: lead === undefined ? [] : [{ id: G, lead }] });
const member = as('member', false);
const lead = as('member', true);
const outsider: Principal = { role: 'member', groups: [{ id: 'armut', lead: true }] };
const steuerung = as('steuerung');
const stab = as('stabsstelle');
const admin = as('admin');
const moderation = as('moderation');

describe('status machine', () => {
  it('walks the regular path from Entwurf to umgesetzt, each step by its role', () => {
    const path: [LifecycleStatus, LifecycleStatus, Principal][] = [
      ['entwurf', 'in-abstimmung', member],
      ['in-abstimmung', 'ag-beschlossen', lead],
      ['ag-beschlossen', 'steuerungsgruppe', steuerung],
      ['steuerungsgruppe', 'im-bericht', stab],
      ['im-bericht', 'kreistag-beschlossen', stab],
      ['kreistag-beschlossen', 'in-umsetzung', lead],
      ['in-umsetzung', 'umgesetzt', stab],
    ];
    for (const [from, to, who] of path) {
      expect(checkTransition(who, G, from, to, null), `${from} → ${to}`).toMatchObject({ ok: true });
    }
  });

  it('refuses every transition to a principal who plays none of its roles, and lets admin make each', () => {
    for (const transition of TRANSITIONS) {
      const reason = 'weil';
      for (const who of [outsider, moderation]) {
        expect(checkTransition(who, G, transition.from, transition.to, reason)).toEqual({ ok: false, refusal: 'forbidden' });
      }
      expect(checkTransition(admin, G, transition.from, transition.to, reason).ok).toBe(true);
      if (!transition.by.includes('member') && !transition.by.includes('lead')) {
        expect(checkTransition(lead, G, transition.from, transition.to, reason).ok).toBe(false);
      }
      if (!transition.by.includes('member')) {
        expect(checkTransition(member, G, transition.from, transition.to, reason).ok).toBe(false);
      }
      if (!transition.by.includes('steuerung')) {
        expect(checkTransition(steuerung, G, transition.from, transition.to, reason).ok).toBe(false);
      }
    }
  });

  it('refuses changes the machine does not have, even for admin (no skipping the Kreistag)', () => {
    expect(checkTransition(admin, G, 'entwurf', 'umgesetzt', 'x')).toEqual({ ok: false, refusal: 'no-such-transition' });
    expect(checkTransition(admin, G, 'ag-beschlossen', 'kreistag-beschlossen', 'x')).toEqual({ ok: false, refusal: 'no-such-transition' });
    expect(checkTransition(admin, G, 'entwurf', 'entwurf', 'x')).toEqual({ ok: false, refusal: 'no-such-transition' });
  });

  it('requires a reason for going back, rejection, withdrawal and deferral, and not for going forward', () => {
    expect(checkTransition(member, G, 'in-abstimmung', 'entwurf', null)).toEqual({ ok: false, refusal: 'reason-required' });
    expect(checkTransition(member, G, 'in-abstimmung', 'entwurf', '   ')).toEqual({ ok: false, refusal: 'reason-required' });
    expect(checkTransition(stab, G, 'im-bericht', 'kreistag-abgelehnt', null)).toEqual({ ok: false, refusal: 'reason-required' });
    expect(checkTransition(lead, G, 'entwurf', 'zurueckgezogen', '')).toEqual({ ok: false, refusal: 'reason-required' });
    expect(checkTransition(lead, G, 'in-abstimmung', 'zurueckgestellt', null)).toEqual({ ok: false, refusal: 'reason-required' });
    expect(checkTransition(lead, G, 'entwurf', 'zurueckgezogen', 'doppelt')).toMatchObject({ ok: true });
    for (const transition of TRANSITIONS) {
      const earlier = LifecycleStatus.options.indexOf(transition.to) < LifecycleStatus.options.indexOf(transition.from);
      if (earlier && transition.from !== 'zurueckgestellt' && transition.from !== 'zurueckgezogen') {
        expect(needsReason(transition.kind), `${transition.from} → ${transition.to}`).toBe(true);
      }
    }
  });

  it('offers a member only the transitions the member may make', () => {
    expect(allowedTransitions(member, G, 'entwurf').map((t) => t.to)).toEqual(['in-abstimmung']);
    expect(allowedTransitions(lead, G, 'entwurf').map((t) => t.to)).toEqual(['in-abstimmung', 'zurueckgezogen', 'zurueckgestellt']);
    expect(allowedTransitions(outsider, G, 'entwurf')).toEqual([]);
    expect(findTransition('umgesetzt', 'entwurf')).toBeNull();
  });
});

describe('lifecycle in the document', () => {
  it('reads old documents: final as von der AG beschlossen, draft or nothing as Entwurf', () => {
    const doc = new Y.Doc();
    expect(readLifecycle(doc)).toMatchObject({ status: 'entwurf', migrated: true, history: [] });
    setProposalStatus(doc, 'final', 'Anke', '2026-01-01');
    expect(readLifecycle(doc)).toMatchObject({ status: 'ag-beschlossen', migrated: true });
    doc.getMap(LIFECYCLE_MAP).set('status', 'im-bericht');
    setProposalStatus(doc, 'draft', 'Anke', '2026-01-02');
    expect(readLifecycle(doc)).toMatchObject({ status: 'im-bericht', migrated: false });
  });

  it('shows decided statuses as the old final, the others as draft', () => {
    expect(legacyStatusOf('entwurf')).toBe('draft');
    expect(legacyStatusOf('in-abstimmung')).toBe('draft');
    expect(legacyStatusOf('zurueckgezogen')).toBe('draft');
    expect(legacyStatusOf('ag-beschlossen')).toBe('final');
    expect(legacyStatusOf('umgesetzt')).toBe('final');
    expect(isDecided('zurueckgestellt')).toBe(false);
  });
});
