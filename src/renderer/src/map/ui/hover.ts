/** What the pointer is over, in container pixels. */
export type Hover =
  | { kind: 'province'; x: number; y: number; adcode: string; name: string }
  | { kind: 'depot'; x: number; y: number; index: number }
  | { kind: 'aggregate'; x: number; y: number; adcode: string; depots: number; planCompletion: number | null };
