// A small dense two-phase simplex, enough to find the least and greatest value of each variable
// of a published table over the real numbers, given every additive relation (Ax = b) and each
// variable's published interval (l ≤ x ≤ u). Tables here have tens to a few hundred variables.
// The feasible basis of phase 1 is found once and reused for every objective.

export interface BoundedSystem {
  /** Lower bound of each variable (finite). */
  lower: readonly number[];
  /** Upper bound of each variable (Infinity when unbounded above). */
  upper: readonly number[];
  /** Equality rows: coefficients by variable index, and the right-hand side. */
  rows: readonly { terms: readonly [variable: number, coefficient: number][]; rhs: number }[];
}

const EPS = 1e-9;

interface Tableau {
  rows: Float64Array[];
  basis: number[];
  /** Columns allowed to enter (artificials are barred after phase 1). */
  columns: number;
}

function pivot(t: Tableau, objective: Float64Array, row: number, col: number): void {
  const pivotRow = t.rows[row]!;
  const scale = pivotRow[col]!;
  for (let j = 0; j < pivotRow.length; j += 1) pivotRow[j]! /= scale;
  for (let i = 0; i < t.rows.length; i += 1) {
    if (i === row) continue;
    const r = t.rows[i]!;
    const factor = r[col]!;
    if (Math.abs(factor) < EPS) continue;
    for (let j = 0; j < r.length; j += 1) r[j]! -= factor * pivotRow[j]!;
  }
  const factor = objective[col]!;
  if (Math.abs(factor) >= EPS) for (let j = 0; j < objective.length; j += 1) objective[j]! -= factor * pivotRow[j]!;
  t.basis[row] = col;
}

/** Minimises; `objective` holds reduced costs and, last, minus the objective value. Returns false when unbounded. */
function runSimplex(t: Tableau, objective: Float64Array, allowed: number): boolean {
  const rhs = objective.length - 1;
  let degenerateRun = 0;
  for (let iteration = 0; iteration < 50_000; iteration += 1) {
    // Dantzig's rule (most negative reduced cost), switching to Bland's rule after a run of
    // degenerate pivots so that the method cannot cycle.
    let col = -1;
    if (degenerateRun < 50) {
      let best = -EPS;
      for (let j = 0; j < allowed; j += 1) {
        if (objective[j]! < best) {
          best = objective[j]!;
          col = j;
        }
      }
    } else {
      for (let j = 0; j < allowed && col < 0; j += 1) if (objective[j]! < -EPS) col = j;
    }
    if (col < 0) return true;
    let row = -1;
    let bestRatio = Infinity;
    for (let i = 0; i < t.rows.length; i += 1) {
      const a = t.rows[i]![col]!;
      if (a <= EPS) continue;
      const ratio = t.rows[i]![rhs]! / a;
      if (ratio < bestRatio - EPS || (Math.abs(ratio - bestRatio) <= EPS && t.basis[i]! < t.basis[row]!)) {
        bestRatio = ratio;
        row = i;
      }
    }
    if (row < 0) return false;
    degenerateRun = bestRatio <= EPS ? degenerateRun + 1 : 0;
    pivot(t, objective, row, col);
  }
  throw new Error('The simplex did not converge.');
}

/** Reduced costs of cost vector `costs` (length = columns) for the tableau's basis. */
function reducedCosts(t: Tableau, costs: Float64Array): Float64Array {
  const objective = Float64Array.from(costs);
  t.rows.forEach((r, i) => {
    const cb = costs[t.basis[i]!]!;
    if (cb !== 0) for (let j = 0; j < r.length; j += 1) objective[j]! -= cb * r[j]!;
  });
  return objective;
}

/**
 * The least and greatest real value of each target variable over the system, or null when the
 * system has no solution at all.
 */
export function variableRanges(system: BoundedSystem, targets: readonly number[]): { min: number; max: number }[] | null {
  const n = system.lower.length;
  const bounded = system.upper.map((u, j) => (Number.isFinite(u) ? j : -1)).filter((j) => j >= 0);
  const m = system.rows.length;
  const rowCount = m + bounded.length;
  // Columns: n shifted variables y = x − l, one slack per finite upper bound, one artificial per relation row.
  const slackStart = n;
  const artificialStart = n + bounded.length;
  const width = artificialStart + m + 1;
  const rhs = width - 1;
  const rows: Float64Array[] = [];
  const basis: number[] = [];
  system.rows.forEach((relation, i) => {
    const r = new Float64Array(width);
    let b = relation.rhs;
    for (const [v, c] of relation.terms) {
      r[v]! += c;
      b -= c * system.lower[v]!;
    }
    r[rhs] = b;
    if (b < 0) for (let j = 0; j < width; j += 1) r[j] = -r[j]!;
    r[artificialStart + i] = 1;
    rows.push(r);
    basis.push(artificialStart + i);
  });
  bounded.forEach((v, k) => {
    const r = new Float64Array(width);
    r[v] = 1;
    r[slackStart + k] = 1;
    r[rhs] = system.upper[v]! - system.lower[v]!;
    if (r[rhs]! < -EPS) return;
    rows.push(r);
    basis.push(slackStart + k);
  });
  if (rows.length < rowCount) return null;
  const t: Tableau = { rows, basis, columns: width - 1 };
  const phaseOne = new Float64Array(width);
  for (let i = 0; i < m; i += 1) phaseOne[artificialStart + i] = 1;
  const objective = reducedCosts(t, phaseOne);
  runSimplex(t, objective, width - 1);
  if (-objective[rhs]! > 1e-7) return null;
  // Drive artificials out of the basis; a row that cannot lose its artificial is redundant.
  for (let i = t.rows.length - 1; i >= 0; i -= 1) {
    if (t.basis[i]! < artificialStart) continue;
    const r = t.rows[i]!;
    let col = -1;
    for (let j = 0; j < artificialStart && col < 0; j += 1) if (Math.abs(r[j]!) > EPS) col = j;
    if (col >= 0) pivot(t, objective, i, col);
    else {
      t.rows.splice(i, 1);
      t.basis.splice(i, 1);
    }
  }
  return targets.map((v) => {
    const range = { min: 0, max: 0 };
    for (const sign of [1, -1]) {
      const copy: Tableau = { rows: t.rows.map((r) => Float64Array.from(r)), basis: [...t.basis], columns: t.columns };
      const costs = new Float64Array(width);
      costs[v] = sign;
      const reduced = reducedCosts(copy, costs);
      const bounded = runSimplex(copy, reduced, artificialStart);
      if (sign === 1) range.min = system.lower[v]! + -reduced[rhs]!;
      else range.max = bounded ? system.lower[v]! + reduced[rhs]! : Infinity;
    }
    return range;
  });
}
