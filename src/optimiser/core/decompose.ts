import { solveMipModel } from '../../shared/solver/highs.js';
import { edgeCost, eligibleLeaders, type CompiledModel } from './compiled-model.js';
import { groupBy, intervalCliques, rowsAsCsr, type TimedVar } from './exact-mip.js';
import { type SolutionState } from './solution-state.js';
import { type PolishSummary } from './types.js';

/**
 * Decomposed HiGHS polish for runs of any size. The items are split into parts by region (the
 * offices members can reach, bisected on the map until a part is small enough for HiGHS), whole
 * members at a time. Each part is solved exactly with everything outside it held fixed: sessions
 * outside keep their rooms, leaders and members, so the part's sessions may only use the room and
 * leader time they leave free, and a session shared with members outside the part stays open for
 * them. HiGHS starts from the current solution, so the part's answer is never worse; it is kept
 * only when it is better (more placed, then fewer sessions, then less travel). Branch-and-bound
 * nodes are the budget; the wall clock is only a safety net, so a run repeats exactly.
 */

export interface DecomposeOptions {
  /** Items per part (whole members); default 500. */
  maxPartItems?: number;
  /** Branch-and-bound nodes per part: the deterministic budget. Default 1,000. */
  maxNodesPerPart?: number;
  /**
   * Sweeps over the run: regions cut north–south first, then east–west first (so the first sweep's
   * borders lie inside parts), then parts grown around the items still unplaced; and again. A sweep
   * that finds no part to solve ends the polish. Default 3.
   */
  sweeps?: number;
  /** Items in all parts solved together, over all sweeps: the run's deterministic budget. Default 40,000. */
  maxSolvedItems?: number;
  /** Only parts holding an item that is unplaced but not ruled out by `alive` are solved. Default true. */
  onlyPartsWithUnplaced?: boolean;
  /** Items the bound leaves alive (1) — unplaced items outside it cannot be placed by any proposal. */
  alive?: Uint8Array;
  /** Wall-clock safety net for the whole polish (ms). */
  timeLimitMs?: number;
  shouldStop?: () => boolean;
}

/** What the polish did; stored in the proposal's summary as `polish`. */
export type DecomposeReport = PolishSummary;

export interface Part {
  items: number[];
}

/** Where a member is on the map: its nearest reachable office. */
function memberPoint(model: CompiledModel, m: number): { lat: number; lon: number } | undefined {
  if (model.reachStart[m] === model.reachStart[m + 1]) return undefined;
  const office = model.offices[model.reachOffice[model.reachStart[m]]];
  return { lat: office.lat, lon: office.lon };
}

interface MemberUnit {
  member: number;
  items: number[];
  lat: number;
  lon: number;
}

/** Recursive bisection of members on the map (wider side first, or `lonFirst`), whole members, until a part holds at most `maxItems` items. */
function bisect(units: MemberUnit[], maxItems: number, axisFirst: 'lat' | 'lon', depth: number, out: Part[]): void {
  const total = units.reduce((sum, u) => sum + u.items.length, 0);
  if (total === 0) return;
  if (total <= maxItems || units.length <= 1) {
    out.push({ items: units.flatMap((u) => u.items) });
    return;
  }
  const axis = depth === 0 ? axisFirst : widerAxis(units);
  const sorted = [...units].sort((a, b) => a[axis] - b[axis] || a.member - b.member);
  let acc = 0;
  let cut = 0;
  while (cut < sorted.length - 1 && acc + sorted[cut].items.length <= total / 2) acc += sorted[cut++].items.length;
  if (cut === 0) cut = 1;
  bisect(sorted.slice(0, cut), maxItems, axisFirst, depth + 1, out);
  bisect(sorted.slice(cut), maxItems, axisFirst, depth + 1, out);
}

function widerAxis(units: MemberUnit[]): 'lat' | 'lon' {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const u of units) {
    minLat = Math.min(minLat, u.lat);
    maxLat = Math.max(maxLat, u.lat);
    minLon = Math.min(minLon, u.lon);
    maxLon = Math.max(maxLon, u.lon);
  }
  // A degree of longitude is about 0.56 of a degree of latitude in Denmark.
  return maxLat - minLat >= 0.56 * (maxLon - minLon) ? 'lat' : 'lon';
}

/** Splits the run's items (those with at least one session to attend) into regional parts. */
export function regionParts(model: CompiledModel, maxItems: number, axisFirst: 'lat' | 'lon' = 'lat'): Part[] {
  const units: MemberUnit[] = [];
  model.memberItems.forEach((items, m) => {
    const withEdges = items.filter((i) => model.itemEdgeStart[i] < model.itemEdgeStart[i + 1]);
    const point = memberPoint(model, m);
    if (withEdges.length > 0 && point !== undefined) units.push({ member: m, items: withEdges, ...point });
  });
  const parts: Part[] = [];
  bisect(units, maxItems, axisFirst, 0, parts);
  return parts;
}

/**
 * Parts grown around items that are unplaced although the bound lets them live: breadth-first over
 * "shares a candidate session with", whole members at a time, nearest neighbours first, until a part
 * holds `maxItems` items. Seeds already taken by an earlier part start no part of their own.
 */
export function neighbourhoodParts(
  model: CompiledModel,
  state: SolutionState,
  maxItems: number,
  alive: Uint8Array | undefined,
): Part[] {
  const taken = new Uint8Array(model.items.length);
  const parts: Part[] = [];
  const seenCand = new Uint8Array(model.candCount);
  for (let seed = 0; seed < model.items.length; seed++) {
    if (taken[seed] === 1 || state.itemCand[seed] >= 0 || (alive !== undefined && alive[seed] === 0)) continue;
    if (model.itemEdgeStart[seed] === model.itemEdgeStart[seed + 1]) continue;
    const items: number[] = [];
    const inPart = new Set<number>();
    const touched: number[] = [];
    const addMember = (m: number): boolean => {
      const add = model.memberItems[m].filter((i) => !inPart.has(i) && taken[i] === 0);
      if (items.length + add.length > maxItems) return false;
      for (const i of add) {
        inPart.add(i);
        items.push(i);
      }
      return true;
    };
    addMember(model.itemMember[seed]);
    for (let head = 0; head < items.length && items.length < maxItems; head++) {
      const i = items[head];
      for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
        const c = model.edgeCand[e];
        if (seenCand[c] === 1) continue;
        seenCand[c] = 1;
        touched.push(c);
        for (let k = model.candEdgeStart[c]; k < model.candEdgeStart[c + 1]; k++) {
          const j = model.edgeItem[model.candEdges[k]];
          if (!inPart.has(j) && taken[j] === 0) addMember(model.itemMember[j]);
        }
      }
    }
    for (const c of touched) seenCand[c] = 0;
    for (const i of items) taken[i] = 1;
    parts.push({ items });
  }
  return parts;
}

/** Open new sessions by (room | leader) × day, kept in step with the state as parts are replaced. */
class ResourceUse {
  readonly room = new Map<number, Set<number>>();
  readonly leader = new Map<number, Set<number>>();
  constructor(
    private readonly model: CompiledModel,
    state: SolutionState,
  ) {
    for (let c = 0; c < model.candCount; c++)
      if (state.candOpen[c] === 1 && model.candExisting[c] < 0)
        this.add(c, state.candRoom[c], state.candLeaders[c] ?? []);
  }
  private key(resource: number, c: number): number {
    return resource * this.model.calendar.days.length + this.model.candDay[c];
  }
  private static put(map: Map<number, Set<number>>, key: number, c: number): void {
    const set = map.get(key);
    if (set === undefined) map.set(key, new Set([c]));
    else set.add(c);
  }
  add(c: number, room: number, leaders: readonly number[]): void {
    ResourceUse.put(this.room, this.key(room, c), c);
    for (const l of leaders) ResourceUse.put(this.leader, this.key(l, c), c);
  }
  remove(c: number, room: number, leaders: readonly number[]): void {
    this.room.get(this.key(room, c))?.delete(c);
    for (const l of leaders) this.leader.get(this.key(l, c))?.delete(c);
  }
  /** Whether a session outside `inside` uses the room / leader at a time overlapping candidate `c`. */
  busy(kind: 'room' | 'leader', resource: number, c: number, inside: Uint8Array): boolean {
    const set = (kind === 'room' ? this.room : this.leader).get(this.key(resource, c));
    if (set === undefined) return false;
    const start = this.model.candStart[c];
    const end = this.model.candEnd[c];
    for (const other of set) {
      if (inside[other] === 1) continue;
      if (this.model.candStart[other] < end && start < this.model.candEnd[other]) return true;
    }
    return false;
  }
}

interface PartColumns {
  y: number;
  /** Forced open: members outside the part sit in it. */
  fixed: number;
  rooms: { room: number; col: number }[];
  singleRoom: number;
  leaders: { leader: number; col: number }[];
  fixedLeaders: number[];
}

interface PartFormulation {
  numCols: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  rows: { cols: number[]; coefs: number[]; lower: number; upper: number }[];
  /** Column k is edge `edges[k]`. */
  edges: number[];
  cands: number[];
  candidate: Map<number, PartColumns>;
}

/** The part's exact model with the rest of the run held fixed (see the file comment). */
function buildPartFormulation(
  model: CompiledModel,
  state: SolutionState,
  items: readonly number[],
  use: ResourceUse,
  inside: Uint8Array,
): PartFormulation {
  const inPart = new Set(items);
  const edges: number[] = [];
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const candEdgeCols = new Map<number, number[]>();
  const cands: number[] = [];
  let costSum = 0;
  for (const i of items) {
    let worst = 0;
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++)
      worst = Math.max(worst, edgeCost(model, e));
    costSum += worst;
  }
  const placeWeight = items.length + 1;
  const costScale = 0.25 / (costSum + 1);
  for (const i of items) {
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++) {
      const c = model.edgeCand[e];
      let list = candEdgeCols.get(c);
      if (list === undefined) {
        list = [];
        candEdgeCols.set(c, list);
        cands.push(c);
      }
      list.push(edges.length);
      edges.push(e);
      colCost.push(-placeWeight + costScale * edgeCost(model, e));
      colLower.push(0);
      colUpper.push(1);
    }
  }
  cands.sort((a, b) => a - b);
  for (const c of cands) inside[c] = 1;
  const addCol = (cost: number, lower = 0, upper = 1): number => {
    colCost.push(cost);
    colLower.push(lower);
    colUpper.push(upper);
    return colCost.length - 1;
  };
  const rows: PartFormulation['rows'] = [];
  const candidate = new Map<number, PartColumns>();
  const roomVars: TimedVar[] = [];
  const leaderVars: TimedVar[] = [];
  const days = model.calendar.days.length;
  for (const c of cands) {
    const cols = candEdgeCols.get(c) as number[];
    let fixed = 0;
    for (const i of state.candMembers[c] ?? []) if (!inPart.has(i)) fixed++;
    if (model.candExisting[c] >= 0) {
      rows.push({ cols, coefs: cols.map(() => 1), lower: 0, upper: model.candCapacity[c] - fixed });
      continue;
    }
    const activity = model.activities[model.candActivity[c]];
    const rooms = model.candRooms[c].filter((r) => !use.busy('room', r, c, inside));
    const leaders = eligibleLeaders(model, c).filter((l) => !use.busy('leader', l, c, inside));
    const openable = rooms.length > 0 && leaders.length >= activity.leadersPerSession;
    const y = addCol(1, fixed > 0 && openable ? 1 : 0, openable ? 1 : 0);
    const entry: PartColumns = { y, fixed, rooms: [], singleRoom: -1, leaders: [], fixedLeaders: [] };
    candidate.set(c, entry);
    for (const e of cols) rows.push({ cols: [e, y], coefs: [1, -1], lower: -Infinity, upper: 0 });
    if (!openable) continue;
    rows.push({ cols: [...cols, y], coefs: [...cols.map(() => 1), -activity.minSize], lower: -fixed, upper: Infinity });
    const seatsOf = (r: number): number => Math.min(activity.maxSize, model.roomSeats[r]);
    if (rooms.length === 1) {
      entry.singleRoom = rooms[0];
      rows.push({
        cols: [...cols, y],
        coefs: [...cols.map(() => 1), -seatsOf(rooms[0])],
        lower: -Infinity,
        upper: -fixed,
      });
      roomVars.push({
        start: model.candStart[c],
        end: model.candEnd[c],
        col: y,
        group: rooms[0] * days + model.candDay[c],
      });
    } else {
      for (const r of rooms) {
        const col = addCol(0);
        entry.rooms.push({ room: r, col });
        roomVars.push({ start: model.candStart[c], end: model.candEnd[c], col, group: r * days + model.candDay[c] });
      }
      rows.push({
        cols: [...cols, ...entry.rooms.map((w) => w.col)],
        coefs: [...cols.map(() => 1), ...rooms.map((r) => -seatsOf(r))],
        lower: -Infinity,
        upper: -fixed,
      });
      rows.push({
        cols: [...entry.rooms.map((w) => w.col), y],
        coefs: [...entry.rooms.map(() => 1), -1],
        lower: 0,
        upper: 0,
      });
    }
    if (leaders.length === activity.leadersPerSession) {
      entry.fixedLeaders = [...leaders];
      for (const l of leaders)
        leaderVars.push({
          start: model.candStart[c],
          end: model.candEnd[c],
          col: y,
          group: l * days + model.candDay[c],
        });
    } else {
      for (const l of leaders) {
        const col = addCol(0);
        entry.leaders.push({ leader: l, col });
        leaderVars.push({ start: model.candStart[c], end: model.candEnd[c], col, group: l * days + model.candDay[c] });
      }
      rows.push({
        cols: [...entry.leaders.map((z) => z.col), y],
        coefs: [...entry.leaders.map(() => 1), -activity.leadersPerSession],
        lower: 0,
        upper: 0,
      });
    }
  }
  let k = 0;
  const memberVars = new Map<number, TimedVar[]>();
  for (const i of items) {
    const from = k;
    for (let e = model.itemEdgeStart[i]; e < model.itemEdgeStart[i + 1]; e++, k++) {
      const c = model.edgeCand[e];
      const m = model.itemMember[i];
      if (model.memberItems[m].length > 1) {
        const list = memberVars.get(m) ?? [];
        list.push({ start: model.candStart[c], end: model.candEnd[c], col: k, group: i });
        memberVars.set(m, list);
      }
    }
    if (k - from > 1) {
      const cols: number[] = [];
      for (let col = from; col < k; col++) cols.push(col);
      rows.push({ cols, coefs: cols.map(() => 1), lower: -Infinity, upper: 1 });
    }
  }
  for (const vars of [roomVars, leaderVars]) {
    for (const group of groupBy(vars, (v) => v.group).values()) {
      for (const clique of intervalCliques(group, false))
        rows.push({ cols: clique, coefs: clique.map(() => 1), lower: -Infinity, upper: 1 });
    }
  }
  for (const vars of memberVars.values()) {
    for (const clique of intervalCliques(vars, true))
      rows.push({ cols: clique, coefs: clique.map(() => 1), lower: -Infinity, upper: 1 });
  }
  return { numCols: colCost.length, colCost, colLower, colUpper, rows, edges, cands, candidate };
}

function toModelData(f: PartFormulation): Parameters<typeof solveMipModel>[0] {
  return {
    numCols: f.numCols,
    colCost: Float64Array.from(f.colCost),
    colLower: Float64Array.from(f.colLower),
    colUpper: Float64Array.from(f.colUpper),
    ...rowsAsCsr(f.rows, f.numCols),
    integrality: new Int32Array(f.numCols).fill(1),
  } as Parameters<typeof solveMipModel>[0];
}

function startValues(model: CompiledModel, f: PartFormulation, state: SolutionState): Float64Array {
  const values = new Float64Array(f.numCols);
  f.edges.forEach((e, k) => {
    if (state.itemEdge[model.edgeItem[e]] === e) values[k] = 1;
  });
  for (const [c, cols] of f.candidate) {
    if (state.candOpen[c] === 0) continue;
    values[cols.y] = 1;
    for (const w of cols.rooms) if (w.room === state.candRoom[c]) values[w.col] = 1;
    for (const z of cols.leaders) if ((state.candLeaders[c] ?? []).includes(z.leader)) values[z.col] = 1;
  }
  return values;
}

interface PartScore {
  placed: number;
  opened: number;
  cost: number;
}

function score(model: CompiledModel, f: PartFormulation, values: Float64Array): PartScore {
  let placed = 0;
  let cost = 0;
  f.edges.forEach((e, k) => {
    if (values[k] > 0.5) {
      placed++;
      cost += edgeCost(model, e);
    }
  });
  let opened = 0;
  for (const cols of f.candidate.values()) if (values[cols.y] > 0.5) opened++;
  return { placed, opened, cost };
}

function better(a: PartScore, b: PartScore): boolean {
  if (a.placed !== b.placed) return a.placed > b.placed;
  if (a.opened !== b.opened) return a.opened < b.opened;
  return a.cost < b.cost - 1e-6;
}

/** Replaces the part's sessions and seats in `state` by the solution `values`. */
function applyPart(
  model: CompiledModel,
  state: SolutionState,
  f: PartFormulation,
  values: Float64Array,
  items: readonly number[],
  use: ResourceUse,
): void {
  const inPart = new Set(items);
  for (const i of items) if (state.itemCand[i] >= 0) state.unseat(i);
  const outsideSeats: { i: number; e: number }[] = [];
  for (const c of f.cands) {
    if (model.candExisting[c] >= 0 || state.candOpen[c] === 0) continue;
    for (const i of [...(state.candMembers[c] ?? [])]) {
      if (inPart.has(i)) continue;
      outsideSeats.push({ i, e: state.itemEdge[i] });
      state.unseat(i);
    }
    use.remove(c, state.candRoom[c], state.candLeaders[c] ?? []);
    state.close(c);
  }
  for (const [c, cols] of f.candidate) {
    if (values[cols.y] < 0.5) continue;
    const room = cols.rooms.length === 0 ? cols.singleRoom : (cols.rooms.find((w) => values[w.col] > 0.5)?.room ?? -1);
    const leaders =
      cols.leaders.length === 0
        ? cols.fixedLeaders
        : cols.leaders.filter((z) => values[z.col] > 0.5).map((z) => z.leader);
    state.openWith(c, room, leaders);
    use.add(c, room, leaders);
  }
  for (const { i, e } of outsideSeats) state.seat(i, e);
  f.edges.forEach((e, k) => {
    if (values[k] > 0.5) state.seat(model.edgeItem[e], e);
  });
}

/**
 * Polishes `state` in place part by part and reports what it did. Deterministic for the same
 * input and options unless the wall-clock safety net or `shouldStop` cuts it short (`cut`).
 */
export async function polishByParts(
  model: CompiledModel,
  state: SolutionState,
  options: DecomposeOptions = {},
): Promise<DecomposeReport> {
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? 120_000);
  const maxPartItems = options.maxPartItems ?? 500;
  const maxNodes = options.maxNodesPerPart ?? 1_000;
  const sweeps = options.sweeps ?? 3;
  const onlyUnplaced = options.onlyPartsWithUnplaced ?? true;
  let itemBudget = options.maxSolvedItems ?? 40_000;
  const placedBefore = state.placed;
  const openedBefore = state.opened;
  const use = new ResourceUse(model, state);
  const inside = new Uint8Array(model.candCount);
  const report: DecomposeReport = {
    parts: 0,
    partsSolved: 0,
    partsSolvedOptimal: 0,
    partsProvenOptimal: 0,
    partsImproved: 0,
    placedGain: 0,
    sessionsSaved: 0,
    wholeRunProven: false,
    cut: false,
    ms: 0,
  };
  const hasUnplaced = (items: readonly number[]): boolean =>
    items.some((i) => state.itemCand[i] < 0 && (options.alive === undefined || options.alive[i] === 1));
  const stop = (): boolean => Date.now() > deadline || options.shouldStop?.() === true;
  const firstParts = regionParts(model, maxPartItems, 'lat');
  report.parts = firstParts.length;
  /** Per item: whether the last solve of a part holding it proved that part optimal. */
  const provenItem = new Uint8Array(model.items.length);
  for (let sweep = 0; sweep < sweeps && !report.cut; sweep++) {
    const parts =
      sweep === 0
        ? firstParts
        : sweep % 3 === 2
          ? neighbourhoodParts(model, state, maxPartItems, options.alive)
          : regionParts(model, maxPartItems, sweep % 3 === 1 ? 'lon' : 'lat');
    let solvedThisSweep = 0;
    for (const part of parts) {
      if (onlyUnplaced && !hasUnplaced(part.items)) continue;
      if (itemBudget < part.items.length) continue;
      if (stop()) {
        report.cut = true;
        break;
      }
      itemBudget -= part.items.length;
      const f = buildPartFormulation(model, state, part.items, use, inside);
      const start = startValues(model, f, state);
      const result = await solveMipModel(toModelData(f), {
        mipRelGap: 0,
        mipAbsGap: 0.5,
        timeLimitSeconds: Math.max(0.001, (deadline - Date.now()) / 1000),
        start: { indices: Int32Array.from(start.keys()), values: start },
        highsOptions: { mip_max_nodes: maxNodes },
        ...(options.shouldStop !== undefined ? { shouldStop: options.shouldStop } : {}),
      });
      for (const c of f.cands) inside[c] = 0;
      report.partsSolved++;
      solvedThisSweep++;
      if (result.status === 'time-limit' || result.status === 'interrupted') report.cut = stop();
      const optimal = result.status === 'optimal';
      if (optimal) report.partsSolvedOptimal++;
      for (const i of part.items) provenItem[i] = optimal ? 1 : 0;
      if (!result.hasSolution) continue;
      if (better(score(model, f, result.colValue), score(model, f, start))) {
        applyPart(model, state, f, result.colValue, part.items, use);
        report.partsImproved++;
      }
    }
    if (solvedThisSweep === 0) break;
    // One part is the whole run: another sweep would solve the same model again.
    if (firstParts.length === 1 && (sweep > 0 || firstParts[0].items.every((i) => provenItem[i] === 1))) break;
  }
  for (const part of firstParts) {
    if (!hasUnplaced(part.items) || part.items.every((i) => provenItem[i] === 1)) report.partsProvenOptimal++;
  }
  report.wholeRunProven = firstParts.length === 1 && firstParts[0].items.every((i) => provenItem[i] === 1);
  report.placedGain = state.placed - placedBefore;
  report.sessionsSaved = openedBefore - state.opened;
  report.ms = Date.now() - started;
  return report;
}
