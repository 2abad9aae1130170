import { edgeCost, eligibleLeaders, type CompiledModel } from './compiled-model.js';

const enum Op {
  Seat,
  Unseat,
  Open,
  Close,
  SetRoom,
  SetLeaders,
}

interface JournalEntry {
  op: Op;
  /** Item for seat/unseat, candidate for open/close. */
  target: number;
  /** Edge for seat/unseat, room for close. */
  detail: number;
  leaders?: number[];
}

export interface StateSnapshot {
  itemEdge: Int32Array;
  open: number[];
  rooms: number[];
  leaders: number[][];
  placed: number;
  opened: number;
  cost: number;
}

/** Busy leaders asked to hand a session over before giving up; keeps dense instances fast. */
const MAX_HANDOVER_ATTEMPTS = 12;

/** Open sessions per (resource, day) key; an array, because every key is small and dense. */
class UseTable {
  private readonly lists: (number[] | undefined)[];

  constructor(size: number) {
    this.lists = new Array<number[] | undefined>(size).fill(undefined);
  }

  get(key: number): number[] | undefined {
    return this.lists[key];
  }

  set(key: number, list: number[]): void {
    this.lists[key] = list;
  }
}

/**
 * The leaders of one eligible-leader list (one per leader list and session time, shared by every
 * candidate at that time) with, per leader, how many open sessions overlap that time: asking whether
 * a candidate has free leaders then reads a count instead of every leader's sessions, which matters
 * when a list holds every job consultant of the country.
 */
interface LeaderWatch {
  readonly leaders: readonly number[];
  readonly start: number;
  readonly end: number;
  /** Per position in `leaders`: open sessions of that leader overlapping [start, end). */
  readonly overlaps: Int32Array;
  /** Leaders with at least one. */
  busy: number;
}

/** A watch holding a leader, at the leader's position in it. */
interface WatchSeat {
  watch: LeaderWatch;
  pos: number;
}

/**
 * A feasible (partial) proposal over a compiled model, with cheap feasibility checks and an undo
 * journal so that local-search moves can be tried and rolled back.
 */
export class SolutionState {
  readonly itemEdge: Int32Array;
  readonly itemCand: Int32Array;
  readonly candSize: Int32Array;
  readonly candOpen: Uint8Array;
  readonly candRoom: Int32Array;
  readonly candLeaders: (number[] | undefined)[];
  readonly candMembers: (number[] | undefined)[];
  readonly leaderLoad: Int32Array;
  private readonly roomUse: UseTable;
  private readonly leaderUse: UseTable;
  /** Watches by eligible-leader list, per candidate, and per (leader, day) the watches holding that leader. */
  private readonly watches = new Map<readonly number[], LeaderWatch>();
  private readonly candWatch: (LeaderWatch | undefined)[];
  private readonly leaderWatches: (WatchSeat[] | undefined)[];
  private readonly days: number;
  private journal: JournalEntry[] | undefined;
  private depth = 0;
  /** Per candidate, unplaced items of `freeAlive` with an edge to it (kept once `freeCounts` was asked). */
  private candFree: Int32Array | undefined;
  private freeAlive: Uint8Array | undefined;
  placed = 0;
  opened = 0;
  cost = 0;

  constructor(readonly model: CompiledModel) {
    const n = model.items.length;
    const c = model.candCount;
    this.days = model.calendar.days.length;
    this.itemEdge = new Int32Array(n).fill(-1);
    this.itemCand = new Int32Array(n).fill(-1);
    this.candSize = new Int32Array(c);
    this.candOpen = new Uint8Array(c);
    this.candRoom = new Int32Array(c).fill(-1);
    this.candLeaders = new Array<number[] | undefined>(c);
    this.candMembers = new Array<number[] | undefined>(c);
    this.leaderLoad = new Int32Array(model.leaders.length);
    this.roomUse = new UseTable(model.rooms.length * this.days);
    this.leaderUse = new UseTable(model.leaders.length * this.days);
    this.candWatch = new Array<LeaderWatch | undefined>(c);
    this.leaderWatches = new Array<WatchSeat[] | undefined>(model.leaders.length * this.days);
    for (let k = 0; k < c; k++) {
      if (model.candExisting[k] >= 0) {
        this.candOpen[k] = 1;
        this.candRoom[k] = model.candRooms[k][0];
      }
    }
  }

  isExisting(c: number): boolean {
    return this.model.candExisting[c] >= 0;
  }

  /** Seats a session can hold now: seats left (existing), room-limited size (open), or best possible (closed). */
  capacity(c: number): number {
    const model = this.model;
    if (model.candExisting[c] >= 0 || this.candRoom[c] < 0) return model.candCapacity[c];
    return Math.min(model.activities[model.candActivity[c]].maxSize, model.roomSeats[this.candRoom[c]]);
  }

  minSize(c: number): number {
    return this.model.candMin[c];
  }

  /** Whether the member of item `i` already sits in another session overlapping candidate `c`. */
  memberClash(i: number, c: number): boolean {
    const model = this.model;
    const start = model.candStart[c];
    const end = model.candEnd[c];
    for (const j of model.memberItems[model.itemMember[i]]) {
      if (j === i) continue;
      const other = this.itemCand[j];
      if (other >= 0 && model.candStart[other] < end && start < model.candEnd[other]) return true;
    }
    return false;
  }

  /** Whether unplaced item `i` could take a seat via edge `e` right now. */
  canSeat(i: number, e: number): boolean {
    const c = this.model.edgeCand[e];
    return this.candOpen[c] === 1 && this.candSize[c] < this.capacity(c) && !this.memberClash(i, c);
  }

  /**
   * Per candidate, how many unplaced items alive in `alive` have an edge to it: lets scans for
   * unplaced neighbours skip candidates with none. Counted on first use, then kept by seat/unseat.
   */
  freeCounts(alive: Uint8Array): Int32Array {
    if (this.candFree !== undefined && this.freeAlive === alive) return this.candFree;
    const model = this.model;
    const n = model.items.length;
    const counts = new Int32Array(model.candCount);
    this.candFree = counts;
    this.freeAlive = alive;
    for (let i = 0; i < n; i++) {
      if (alive[i] === 0 || this.itemCand[i] >= 0) continue;
      this.countFree(i, 1);
    }
    return counts;
  }

  /** The counts of `freeCounts(alive)` if they are being kept for this `alive`, without starting them. */
  keptFreeCounts(alive: Uint8Array): Int32Array | undefined {
    return this.freeAlive === alive ? this.candFree : undefined;
  }

  private countFree(i: number, delta: number): void {
    const counts = this.candFree as Int32Array;
    if ((this.freeAlive as Uint8Array)[i] === 0) return;
    const { itemEdgeStart, edgeCand } = this.model;
    for (let e = itemEdgeStart[i]; e < itemEdgeStart[i + 1]; e++) counts[edgeCand[e]] += delta;
  }

  seat(i: number, e: number): void {
    if (this.candFree !== undefined) this.countFree(i, -1);
    const c = this.model.edgeCand[e];
    this.itemEdge[i] = e;
    this.itemCand[i] = c;
    this.candSize[c]++;
    const members = this.candMembers[c];
    if (members === undefined) this.candMembers[c] = [i];
    else members.push(i);
    this.placed++;
    this.cost += edgeCost(this.model, e);
    this.journal?.push({ op: Op.Seat, target: i, detail: e });
  }

  unseat(i: number): void {
    if (this.candFree !== undefined) this.countFree(i, 1);
    const e = this.itemEdge[i];
    const c = this.itemCand[i];
    this.itemEdge[i] = -1;
    this.itemCand[i] = -1;
    this.candSize[c]--;
    const members = this.candMembers[c] as number[];
    members.splice(members.indexOf(i), 1);
    this.placed--;
    this.cost -= edgeCost(this.model, e);
    this.journal?.push({ op: Op.Unseat, target: i, detail: e });
  }

  private useKey(resource: number, c: number): number {
    return resource * this.days + this.model.candDay[c];
  }

  private addUse(use: UseTable, key: number, c: number): void {
    const list = use.get(key);
    if (list === undefined) use.set(key, [c]);
    else list.push(c);
  }

  private removeUse(use: UseTable, key: number, c: number): void {
    const list = use.get(key) as number[];
    list.splice(list.indexOf(c), 1);
  }

  /** Open sessions other than `c` that use `resource` at a time overlapping `c`. */
  private blockers(use: UseTable, key: number, c: number): number[] {
    const list = use.get(key);
    if (list === undefined) return [];
    const start = this.model.candStart[c];
    const end = this.model.candEnd[c];
    return list.filter(
      (other) => other !== c && this.model.candStart[other] < end && start < this.model.candEnd[other],
    );
  }

  private usedAtSameTime(use: UseTable, key: number, c: number): boolean {
    const list = use.get(key);
    if (list === undefined) return false;
    const start = this.model.candStart[c];
    const end = this.model.candEnd[c];
    for (const other of list) {
      if (other !== c && this.model.candStart[other] < end && start < this.model.candEnd[other]) return true;
    }
    return false;
  }

  private roomFreeFor(r: number, c: number): boolean {
    return !this.usedAtSameTime(this.roomUse, this.useKey(r, c), c);
  }

  /** The watch of `c`'s eligible leaders at `c`'s time, counted from the open sessions when first asked. */
  private watchOf(c: number): LeaderWatch {
    const cached = this.candWatch[c];
    if (cached !== undefined) return cached;
    const leaders = eligibleLeaders(this.model, c);
    let watch = this.watches.get(leaders);
    if (watch === undefined) {
      const start = this.model.candStart[c];
      const end = this.model.candEnd[c];
      watch = { leaders, start, end, overlaps: new Int32Array(leaders.length), busy: 0 };
      for (let pos = 0; pos < leaders.length; pos++) {
        const key = this.useKey(leaders[pos], c);
        let count = 0;
        for (const other of this.leaderUse.get(key) ?? [])
          if (this.model.candStart[other] < end && start < this.model.candEnd[other]) count++;
        watch.overlaps[pos] = count;
        if (count > 0) watch.busy++;
        const seats = this.leaderWatches[key];
        if (seats === undefined) this.leaderWatches[key] = [{ watch, pos }];
        else seats.push({ watch, pos });
      }
      this.watches.set(leaders, watch);
    }
    this.candWatch[c] = watch;
    return watch;
  }

  private addLeaderUse(l: number, c: number): void {
    const key = this.useKey(l, c);
    this.addUse(this.leaderUse, key, c);
    this.countWatched(key, c, 1);
  }

  private removeLeaderUse(l: number, c: number): void {
    const key = this.useKey(l, c);
    this.removeUse(this.leaderUse, key, c);
    this.countWatched(key, c, -1);
  }

  private countWatched(key: number, c: number, delta: number): void {
    const seats = this.leaderWatches[key];
    if (seats === undefined) return;
    const start = this.model.candStart[c];
    const end = this.model.candEnd[c];
    for (const { watch, pos } of seats) {
      if (!(start < watch.end && watch.start < end)) continue;
      const before = watch.overlaps[pos];
      watch.overlaps[pos] = before + delta;
      if (before === 0) watch.busy++;
      else if (before + delta === 0) watch.busy--;
    }
  }

  /** Preferred room among `rooms`: the smallest holding `wanted` seats, else the largest. */
  private preferredRoom(rooms: readonly number[], wanted: number): number {
    let best = -1;
    for (const r of rooms) if (this.betterRoom(r, best, wanted)) best = r;
    return best;
  }

  /** `preferredRoom` among the rooms of `rooms` free for `c`, without building their list. */
  private preferredFreeRoom(rooms: readonly number[], c: number, wanted: number): number {
    let best = -1;
    for (const r of rooms) if (this.roomFreeFor(r, c) && this.betterRoom(r, best, wanted)) best = r;
    return best;
  }

  /** Is room `r` preferred to `best` (-1: none yet) for `wanted` seats? */
  private betterRoom(r: number, best: number, wanted: number): boolean {
    if (best < 0) return true;
    const seats = this.model.roomSeats;
    const fits = seats[r] >= wanted;
    const bestFits = seats[best] >= wanted;
    return (fits && (!bestFits || seats[r] < seats[best])) || (!fits && !bestFits && seats[r] > seats[best]);
  }

  /** Moves open session `s` to another free room with at least `minSeats` seats. */
  private moveToOtherRoom(s: number, avoid: number, minSeats: number): boolean {
    const rooms = this.model.candRooms[s].filter(
      (r) => r !== avoid && this.model.roomSeats[r] >= minSeats && this.roomFreeFor(r, s),
    );
    if (rooms.length === 0 || this.model.candExisting[s] >= 0) return false;
    this.setRoom(s, this.preferredRoom(rooms, minSeats));
    return true;
  }

  private setRoom(c: number, room: number): void {
    const old = this.candRoom[c];
    this.removeUse(this.roomUse, this.useKey(old, c), c);
    this.addUse(this.roomUse, this.useKey(room, c), c);
    this.candRoom[c] = room;
    this.journal?.push({ op: Op.SetRoom, target: c, detail: old });
  }

  private setLeaders(c: number, leaders: number[]): void {
    const old = this.candLeaders[c] as number[];
    for (const l of old) {
      this.removeLeaderUse(l, c);
      this.leaderLoad[l]--;
    }
    for (const l of leaders) {
      this.addLeaderUse(l, c);
      this.leaderLoad[l]++;
    }
    this.candLeaders[c] = leaders;
    this.journal?.push({ op: Op.SetLeaders, target: c, detail: 0, leaders: old });
  }

  /** Hands leader `l` of open session `s` over to another free eligible leader. */
  private replaceLeader(s: number, l: number): boolean {
    if (this.model.candExisting[s] >= 0) return false;
    const current = this.candLeaders[s] as number[];
    // A leader not leading `s` is free for it exactly when no open session overlaps its time.
    const { leaders, overlaps, busy } = this.watchOf(s);
    if (busy === leaders.length) return false;
    for (let pos = 0; pos < leaders.length; pos++) {
      const k = leaders[pos];
      if (overlaps[pos] !== 0 || current.includes(k)) continue;
      this.setLeaders(
        s,
        current.map((m) => (m === l ? k : m)),
      );
      return true;
    }
    return false;
  }

  /**
   * A room for `c` seating `wanted`: a free one if possible, else one freed by moving the
   * sessions that hold it to other rooms (a one-step augmenting path).
   */
  private acquireRoom(c: number, wanted: number, allowMoves: boolean): number {
    const rooms = this.model.candRooms[c];
    const preferred = this.preferredFreeRoom(rooms, c, wanted);
    if (preferred >= 0 && (this.model.roomSeats[preferred] >= wanted || !allowMoves)) return preferred;
    if (!allowMoves) return -1;
    for (const r of [...rooms].sort((a, b) => this.model.roomSeats[b] - this.model.roomSeats[a] || a - b)) {
      if (this.model.roomSeats[r] < wanted && preferred >= 0) break;
      const blocking = this.blockers(this.roomUse, this.useKey(r, c), c);
      if (blocking.length === 1 && this.moveToOtherRoom(blocking[0], r, this.candSize[blocking[0]])) return r;
    }
    return preferred;
  }

  private acquireLeaders(c: number, allowMoves: boolean): number[] | undefined {
    const needed = this.model.activities[this.model.candActivity[c]].leadersPerSession;
    // `c` is not open, so a leader is free for it when the watch counts no session at its time.
    const { leaders: eligible, overlaps, busy } = this.watchOf(c);
    const free: number[] = [];
    // Starting the scan at a candidate-dependent offset spreads sessions over leaders without sorting by load.
    // It can stop once it has found every free leader.
    const offset = eligible.length === 0 ? 0 : c % eligible.length;
    const freeCount = eligible.length - busy;
    for (let k = 0; k < eligible.length && free.length < needed && free.length < freeCount; k++) {
      const pos = (offset + k) % eligible.length;
      if (overlaps[pos] === 0) free.push(eligible[pos]);
    }
    if (free.length >= needed) return free;
    if (!allowMoves) return undefined;
    let attempts = 0;
    for (const l of eligible) {
      if (free.length >= needed || ++attempts > MAX_HANDOVER_ATTEMPTS) break;
      if (free.includes(l)) continue;
      const blocking = this.blockers(this.leaderUse, this.useKey(l, c), c);
      if (blocking.length === 1 && this.replaceLeader(blocking[0], l)) free.push(l);
    }
    return free.length >= needed ? free.slice(0, needed) : undefined;
  }

  /** For a candidate that is not open. */
  private hasFreeLeaders(c: number): boolean {
    const watch = this.watchOf(c);
    return watch.leaders.length - watch.busy >= this.model.activities[this.model.candActivity[c]].leadersPerSession;
  }

  /** Open new sessions that hold a leader or room candidate `c` could use at an overlapping time. */
  resourceBlockers(c: number): number[] {
    const found = new Set<number>();
    const { leaders, overlaps } = this.watchOf(c);
    for (let pos = 0; pos < leaders.length; pos++) {
      if (overlaps[pos] > 0)
        for (const s of this.blockers(this.leaderUse, this.useKey(leaders[pos], c), c)) found.add(s);
    }
    for (const r of this.model.candRooms[c])
      for (const s of this.blockers(this.roomUse, this.useKey(r, c), c)) found.add(s);
    return [...found].filter((s) => this.model.candExisting[s] < 0).sort((a, b) => a - b);
  }

  /** Whether a room and leaders are free for candidate `c` right now (no reshuffling). */
  canOpen(c: number): boolean {
    if (this.candOpen[c] === 1) return false;
    return this.hasFreeLeaders(c) && this.acquireRoom(c, 0, false) >= 0;
  }

  /**
   * Opens new candidate `c` with a room for about `wanted` members and free leaders, moving other
   * sessions to other rooms or leaders when that frees one. False when impossible.
   */
  open(c: number, wanted = this.model.candCapacity[c]): boolean {
    if (this.candOpen[c] === 1) return false;
    const mark = this.beginTransaction();
    const leaders = this.acquireLeaders(c, true);
    const room = leaders === undefined ? -1 : this.acquireRoom(c, Math.min(wanted, this.model.candCapacity[c]), true);
    if (leaders === undefined || room < 0) {
      this.rollback(mark);
      this.commit();
      return false;
    }
    this.openWith(c, room, leaders);
    this.commit();
    return true;
  }

  /** Gives open new session `c` a larger room (possibly swapping with another session) so it can seat one more. */
  enlargeRoom(c: number): boolean {
    const model = this.model;
    if (model.candExisting[c] >= 0) return false;
    const activity = model.activities[model.candActivity[c]];
    const wanted = this.candSize[c] + 1;
    if (wanted > activity.maxSize) return false;
    const current = this.candRoom[c];
    const mark = this.beginTransaction();
    this.removeUse(this.roomUse, this.useKey(current, c), c);
    const room = this.acquireRoom(c, wanted, true);
    this.addUse(this.roomUse, this.useKey(current, c), c);
    if (room < 0 || room === current || model.roomSeats[room] < wanted) {
      this.rollback(mark);
      this.commit();
      return false;
    }
    this.setRoom(c, room);
    this.commit();
    return true;
  }

  /** Opens `c` with a given room and leaders (used to replay an exact solution or to undo a close). */
  openWith(c: number, room: number, leaders: number[]): void {
    this.candOpen[c] = 1;
    this.candRoom[c] = room;
    this.candLeaders[c] = leaders;
    this.addUse(this.roomUse, this.useKey(room, c), c);
    for (const l of leaders) {
      this.addLeaderUse(l, c);
      this.leaderLoad[l]++;
    }
    this.opened++;
    this.journal?.push({ op: Op.Open, target: c, detail: room });
  }

  /** Closes an empty new session. */
  close(c: number): void {
    const room = this.candRoom[c];
    const leaders = this.candLeaders[c] as number[];
    this.candOpen[c] = 0;
    this.candRoom[c] = -1;
    this.candLeaders[c] = undefined;
    this.removeUse(this.roomUse, this.useKey(room, c), c);
    for (const l of leaders) {
      this.removeLeaderUse(l, c);
      this.leaderLoad[l]--;
    }
    this.opened--;
    this.journal?.push({ op: Op.Close, target: c, detail: room, leaders });
  }

  /** The placements and new sessions (room, leaders) of this state, to go back to with `restore`. */
  snapshot(): StateSnapshot {
    const open: number[] = [];
    const rooms: number[] = [];
    const leaders: number[][] = [];
    for (let c = 0; c < this.model.candCount; c++) {
      if (this.candOpen[c] === 1 && this.model.candExisting[c] < 0) {
        open.push(c);
        rooms.push(this.candRoom[c]);
        leaders.push([...(this.candLeaders[c] as number[])]);
      }
    }
    return {
      itemEdge: this.itemEdge.slice(),
      open,
      rooms,
      leaders,
      placed: this.placed,
      opened: this.opened,
      cost: this.cost,
    };
  }

  /** Goes back to a snapshot of this state (outside a transaction). */
  restore(snapshot: StateSnapshot): void {
    for (let i = 0; i < this.itemEdge.length; i++) if (this.itemEdge[i] >= 0) this.unseat(i);
    for (let c = 0; c < this.model.candCount; c++)
      if (this.candOpen[c] === 1 && this.model.candExisting[c] < 0) this.close(c);
    for (let k = 0; k < snapshot.open.length; k++)
      this.openWith(snapshot.open[k], snapshot.rooms[k], [...snapshot.leaders[k]]);
    for (let i = 0; i < snapshot.itemEdge.length; i++)
      if (snapshot.itemEdge[i] >= 0) this.seat(i, snapshot.itemEdge[i]);
  }

  /** Starts recording changes; returns a mark to pass to `rollback`. */
  beginTransaction(): number {
    this.journal ??= [];
    this.depth++;
    return this.journal.length;
  }

  rollback(mark: number): void {
    const journal = this.journal as JournalEntry[];
    const entries = journal.splice(mark);
    const saved = this.journal;
    this.journal = undefined;
    for (let k = entries.length - 1; k >= 0; k--) {
      const entry = entries[k];
      if (entry.op === Op.Seat) this.unseat(entry.target);
      else if (entry.op === Op.Unseat) this.seat(entry.target, entry.detail);
      else if (entry.op === Op.Open) this.close(entry.target);
      else if (entry.op === Op.Close) this.openWith(entry.target, entry.detail, entry.leaders as number[]);
      else if (entry.op === Op.SetRoom) this.setRoom(entry.target, entry.detail);
      else this.setLeaders(entry.target, entry.leaders as number[]);
    }
    this.journal = saved;
  }

  /** Ends a transaction (after an optional rollback); recording stops when no outer one is open. */
  commit(): void {
    if (--this.depth === 0) this.journal = undefined;
  }
}
