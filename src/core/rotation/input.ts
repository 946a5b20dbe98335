import type { CostModel } from '../costs/cost-model';
import type { UnplannedCode } from '../../shared/domain/unplanned-reason';

/**
 * What the rotation planner plans over (README, "Rotation model"): per depot and class the
 * quantity held at the start, its safety floor and its monthly handling capacity, and the
 * holdings of lots that expire within the horizon.
 */
export interface RotationDepotClass {
  depot: string;
  class: string;
  held: number;
  floor: number;
  /** Units the depot can move out plus in per month for this class. */
  handling: number;
}

export interface RotationLot {
  lot: string;
  depot: string;
  category: string;
  class: string;
  quantity: number;
  /** 'YYYY-MM-DD' */
  expiry: string;
}

export interface RotationInput {
  /** 'YYYY-MM': the first month a rotation can be planned in. */
  firstMonth: string;
  months: number;
  depotClasses: RotationDepotClass[];
  lots: RotationLot[];
  costs: CostModel;
}

export interface Rotation {
  lot: string;
  depot: string;
  category: string;
  quantity: number;
  month: string;
  sellBy: string;
  /** Month the replacement arrives (after the category's lead time). */
  arrives: string;
  cost: number;
}

export interface FloorMonth {
  depot: string;
  class: string;
  month: string;
  held: number;
  floor: number;
  /** The class was under its floor before any rotation: nothing is rotated out of it. */
  belowFloorAtStart?: true;
}

export interface RotationPlan {
  rotations: Rotation[];
  floorByMonth: FloorMonth[];
  cost: number;
  unplanned: { lot: string; depot: string; code: UnplannedCode; reason: string }[];
  /** Sizes summed over the per-depot-class models. */
  model: { columns: number; rows: number; binaries: number; solverMs: number; models: number };
}
