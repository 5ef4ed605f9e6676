// Reads and writes the organisation tables (src/store/migrations/0200_org.sql). Loading returns the pure
// model the domain decides on; writes only ever add rows or date an end.
import type { FirstRead, Queryable } from '../../store/db.ts';
import type { Absence, Entrustment, Org } from '../../domain/org/types.ts';

type Row = Record<string, any>;
const opt = <K extends string, V>(key: K, v: V | null | undefined): { [P in K]?: V } =>
  (v == null ? {} : { [key]: v }) as { [P in K]?: V };
const period = (r: Row, from = 'valid_from', to = 'valid_to') => ({ from: r[from] as string, ...opt('to', r[to] as string | null) });

// Loaded organisations by revision (0210_org_revision.sql): every write to an organisation table renews
// the tenant's revision, so an unchanged revision means an unchanged organisation. The model is read-only.
const cache = new Map<string, Org>();
const CACHE_SIZE = 16;

const REVISION_SQL = 'SELECT rev FROM org_revisions WHERE tenant_id = $1';

/**
 * The read of the tenant's organisation revision, as a use case's transaction may send it together with
 * its BEGIN (TransactionOptions.first): loading the organisation first thing then costs no round trip.
 */
export const orgRevisionRead = (tenantId: string): FirstRead => ({ sql: REVISION_SQL, params: [tenantId] });

/** The whole organisation of a tenant; undefined when the tenant has none. */
export async function loadOrg(tx: Queryable, tenantId: string): Promise<Org | undefined> {
  const rev = (await tx.query<{ rev: string }>(REVISION_SQL, [tenantId])).rows[0]?.rev;
  const key = rev ? `${tenantId}\u0000${rev}` : null;
  const hit = key ? cache.get(key) : undefined;
  if (hit) return hit;
  const org = await loadOrgFromTables(tx, tenantId);
  if (org && key) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, org);
  }
  return org;
}

async function loadOrgFromTables(tx: Queryable, tenantId: string): Promise<Org | undefined> {
  const q = (sql: string) => tx.query<Row>(sql, [tenantId]).then((r) => r.rows);
  const [tenant] = await q('SELECT id, name FROM tenants WHERE id = $1');
  if (!tenant) return undefined;
  // one after the other: a transaction is one connection, which answers one statement at a time anyway
  const units = await q('SELECT * FROM org_units WHERE tenant_id = $1 ORDER BY sort_order, id');
  const people = await q('SELECT * FROM org_people WHERE tenant_id = $1 ORDER BY id');
  const positions = await q('SELECT * FROM org_positions WHERE tenant_id = $1 ORDER BY sort_order, id');
  const assignments = await q('SELECT * FROM org_assignments WHERE tenant_id = $1 ORDER BY valid_from, id');
  const portfolios = await q('SELECT * FROM org_portfolios WHERE tenant_id = $1 ORDER BY valid_from, id');
  const assistance = await q('SELECT * FROM org_assistance WHERE tenant_id = $1 ORDER BY valid_from, id');
  const pairs = await q('SELECT * FROM org_backup_pairs WHERE tenant_id = $1 ORDER BY valid_from, id');
  const absences = await q('SELECT * FROM org_absences WHERE tenant_id = $1 ORDER BY recorded_at, id');
  const entrustments = await q('SELECT * FROM org_entrustments WHERE tenant_id = $1 ORDER BY recorded_at, id');
  const revocations = await q('SELECT * FROM org_entrustment_revocations WHERE tenant_id = $1');
  const revokedOn = new Map(revocations.map((r) => [r.entrustment_id as string, r.revoked_on as string]));
  const gov = units.find((u) => u.kind === 'municipal_government');
  return {
    tenant: { id: tenant.id, name: tenant.name, shortName: gov?.short_name ?? tenant.name },
    units: units.map((u) => ({
      id: u.id,
      kind: u.kind,
      name: u.name,
      shortName: u.short_name,
      ...opt('parentId', u.parent_id),
      ...opt('affiliation', u.affiliation),
      ...opt('tier', u.tier),
      ...opt('body', u.body),
      ...(Array.isArray(u.issuer_codes) && u.issuer_codes.length ? { issuerCodes: u.issuer_codes } : {}),
      order: u.sort_order,
      ...(u.valid_from ? { period: period(u) } : {}),
    })),
    people: people.map((p) => ({ id: p.id, name: p.name, ...opt('gender', p.gender) })),
    positions: positions.map((p) => ({ id: p.id, kind: p.kind, unitId: p.unit_id, title: p.title, order: p.sort_order })),
    assignments: assignments.map((a) => ({
      id: a.id,
      positionId: a.position_id,
      personId: a.person_id,
      period: period(a),
      ...(a.concurrent ? { concurrent: true } : {}),
    })),
    portfolios: portfolios.map((p) => ({ id: p.id, positionId: p.position_id, unitIds: p.unit_ids, areas: p.areas, period: period(p) })),
    assistance: assistance.map((a) => ({
      id: a.id,
      assistantPositionId: a.assistant_position_id,
      assistedPositionId: a.assisted_position_id,
      period: period(a),
    })),
    backupPairs: pairs.map((b) => ({ id: b.id, positionIds: [b.position_a, b.position_b] as [string, string], period: period(b) })),
    absences: absences.map(absenceFromRow),
    entrustments: entrustments.map((e) => ({ ...entrustmentFromRow(e), ...opt('revokedOn', revokedOn.get(e.id)) })),
  };
}

function absenceFromRow(a: Row): Absence {
  return {
    id: a.id,
    personId: a.person_id,
    kind: a.kind,
    period: { from: a.date_from, to: a.date_to },
    ...opt('destination', a.destination),
    ...opt('note', a.note),
    ...opt('supersedes', a.supersedes),
    ...(a.cancelled ? { cancelled: true } : {}),
  };
}

function entrustmentFromRow(e: Row): Entrustment {
  return {
    id: e.id,
    kind: e.kind,
    grantorPositionId: e.grantor_position_id,
    granteePositionId: e.grantee_position_id,
    period: { from: e.date_from, to: e.date_to },
    ...opt('task', e.task),
  };
}

export const hasOrg = async (tx: Queryable, tenantId: string): Promise<boolean> =>
  (await tx.query('SELECT 1 FROM org_units WHERE tenant_id = $1 LIMIT 1', [tenantId])).rows.length > 0;

/** Inserts a whole organisation (the demo, or an import into an empty tenant). */
export async function insertOrg(tx: Queryable, tenantId: string, org: Org, at: Date, by: string | null): Promise<void> {
  // parents first: a unit may only point at a unit already inserted
  const done = new Set<string>();
  const pending = [...org.units];
  while (pending.length) {
    const i = pending.findIndex((u) => u.parentId == null || done.has(u.parentId));
    const u = pending.splice(i === -1 ? 0 : i, 1)[0];
    await tx.query(
      `INSERT INTO org_units (tenant_id, id, kind, name, short_name, parent_id, affiliation, tier, body, issuer_codes,
         sort_order, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [tenantId, u.id, u.kind, u.name, u.shortName, u.parentId ?? null, u.affiliation ?? null, u.tier ?? null, u.body ?? null,
        JSON.stringify(u.issuerCodes ?? []), u.order ?? 0, u.period?.from ?? null, u.period?.to ?? null],
    );
    done.add(u.id);
  }
  for (const p of org.people) {
    await tx.query('INSERT INTO org_people (tenant_id, id, name, gender) VALUES ($1,$2,$3,$4)', [tenantId, p.id, p.name, p.gender ?? null]);
  }
  for (const p of org.positions) {
    await tx.query('INSERT INTO org_positions (tenant_id, id, kind, unit_id, title, sort_order) VALUES ($1,$2,$3,$4,$5,$6)',
      [tenantId, p.id, p.kind, p.unitId, p.title, p.order ?? 0]);
  }
  for (const a of org.assignments) {
    await tx.query(
      'INSERT INTO org_assignments (tenant_id, id, position_id, person_id, valid_from, valid_to, concurrent) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [tenantId, a.id, a.positionId, a.personId, a.period.from, a.period.to ?? null, a.concurrent ?? false],
    );
  }
  for (const p of org.portfolios) {
    await tx.query(
      'INSERT INTO org_portfolios (tenant_id, id, position_id, unit_ids, areas, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [tenantId, p.id, p.positionId, p.unitIds, p.areas, p.period.from, p.period.to ?? null],
    );
  }
  for (const a of org.assistance) {
    await tx.query(
      `INSERT INTO org_assistance (tenant_id, id, assistant_position_id, assisted_position_id, valid_from, valid_to)
       VALUES ($1,$2,$3,$4,$5,$6)`,
      [tenantId, a.id, a.assistantPositionId, a.assistedPositionId, a.period.from, a.period.to ?? null],
    );
  }
  for (const b of org.backupPairs) {
    await tx.query(
      'INSERT INTO org_backup_pairs (tenant_id, id, position_a, position_b, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6)',
      [tenantId, b.id, b.positionIds[0], b.positionIds[1], b.period.from, b.period.to ?? null],
    );
  }
  for (const a of org.absences) await insertAbsence(tx, tenantId, a, at, by);
  for (const e of org.entrustments) {
    await insertEntrustment(tx, tenantId, e, at, by);
    if (e.revokedOn) await insertRevocation(tx, tenantId, e.id, e.revokedOn, null, at, by);
  }
}

export async function insertAbsence(tx: Queryable, tenantId: string, a: Absence, at: Date, by: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO org_absences (tenant_id, id, person_id, kind, date_from, date_to, destination, note, supersedes, cancelled,
       recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [tenantId, a.id, a.personId, a.kind, a.period.from, a.period.to, a.destination ?? null, a.note ?? null, a.supersedes ?? null,
      a.cancelled ?? false, by, at],
  );
}

export async function insertEntrustment(tx: Queryable, tenantId: string, e: Entrustment, at: Date, by: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO org_entrustments (tenant_id, id, kind, grantor_position_id, grantee_position_id, date_from, date_to, task,
       recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
    [tenantId, e.id, e.kind, e.grantorPositionId, e.granteePositionId, e.period.from, e.period.to, e.task ?? null, by, at],
  );
}

export async function insertRevocation(
  tx: Queryable, tenantId: string, entrustmentId: string, revokedOn: string, reason: string | null, at: Date, by: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO org_entrustment_revocations (tenant_id, entrustment_id, revoked_on, reason, recorded_by, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6)`,
    [tenantId, entrustmentId, revokedOn, reason, by, at],
  );
}
