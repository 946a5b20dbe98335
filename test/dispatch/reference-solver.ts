/**
 * An independent reference for small dispatch problems: the transportation problem of one
 * category as a minimum-cost flow, solved by successive shortest paths (Bellman–Ford on the
 * residual graph) with integer supplies and demands. It shares no code with src/core/dispatch.
 *
 *   source → depot i        capacity supply[i], cost 0
 *   depot i → point j       capacity ∞,         cost hours[i][j]
 *   source → point j        capacity ∞,         cost penalty      (the shortage)
 *   point j → sink          capacity demand[j], cost 0
 *
 * Every unit of demand reaches the sink (through a depot or as a shortage), and each augmentation
 * along a cheapest path keeps the flow of its value at minimum cost, so the last one is optimal.
 */
interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

export interface ReferenceResult {
  cost: number;
  /** flow[i][j] from depot i to point j */
  flow: number[][];
  shortage: number[];
}

export function referenceTransport(supply: number[], demand: number[], hours: number[][], penalty: number): ReferenceResult {
  const S = supply.length;
  const D = demand.length;
  const source = 0;
  const depot = (i: number) => 1 + i;
  const point = (j: number) => 1 + S + j;
  const sink = 1 + S + D;
  const graph: Edge[][] = Array.from({ length: sink + 1 }, () => []);
  const total = demand.reduce((a, b) => a + b, 0);
  const add = (from: number, to: number, cap: number, cost: number): [number, number] => {
    graph[from]!.push({ to, cap, cost, rev: graph[to]!.length });
    graph[to]!.push({ to: from, cap: 0, cost: -cost, rev: graph[from]!.length - 1 });
    return [from, graph[from]!.length - 1];
  };
  supply.forEach((s, i) => add(source, depot(i), s, 0));
  const arcs: [number, number][][] = supply.map((_, i) => demand.map((_, j) => add(depot(i), point(j), total, hours[i]![j]!)));
  const shortArcs = demand.map((_, j) => add(source, point(j), total, penalty));
  demand.forEach((d, j) => add(point(j), sink, d, 0));

  let cost = 0;
  for (;;) {
    const dist = new Array<number>(sink + 1).fill(Infinity);
    const prev = new Array<[number, number] | null>(sink + 1).fill(null);
    dist[source] = 0;
    for (let round = 0; round <= sink; round++) {
      let changed = false;
      for (let u = 0; u <= sink; u++) {
        if (dist[u] === Infinity) continue;
        graph[u]!.forEach((e, k) => {
          if (e.cap > 0 && dist[u]! + e.cost < dist[e.to]! - 1e-12) {
            dist[e.to] = dist[u]! + e.cost;
            prev[e.to] = [u, k];
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[sink] === Infinity) break;
    let push = Infinity;
    for (let v = sink; v !== source; ) {
      const [u, k] = prev[v]!;
      push = Math.min(push, graph[u]![k]!.cap);
      v = u;
    }
    for (let v = sink; v !== source; ) {
      const [u, k] = prev[v]!;
      const e = graph[u]![k]!;
      e.cap -= push;
      graph[e.to]![e.rev]!.cap += push;
      v = u;
    }
    cost += push * dist[sink]!;
  }
  const used = ([u, k]: [number, number]) => total - graph[u]![k]!.cap;
  return { cost, flow: arcs.map((row) => row.map(used)), shortage: shortArcs.map(used) };
}
