export type { FloorMonth, Rotation, RotationDepotClass, RotationInput, RotationLot, RotationPlan } from './input';
export { rotationInputFromReplica, type RotationReplicaOptions } from './from-replica';
export { calendarMonth, monthIndex, monthName, sellByIndex } from './months';
export { planRotations, rotationCost } from './plan';
