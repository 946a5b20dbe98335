/** The columns of a movement row that decide how it changed the stock on hand where it is listed. */
export interface StockMovement {
  type: string;
  quantity: number | null;
  replaced_by: number | null;
  adjustment: number | null;
}

/**
 * What a movement did to the stock on hand of the depot or province it is listed under
 * (transfers in flight are off it; a count changes nothing).
 */
export function stockChangeOf(e: StockMovement): number {
  switch (e.type) {
    case 'lot.intake':
    case 'stock.transfer-in':
      return e.quantity ?? 0;
    case 'stock.transfer-out':
    case 'stock.issued':
    case 'stock.disposed':
      return -(e.quantity ?? 0);
    case 'stock.rotated':
      return (e.replaced_by ?? 0) - (e.quantity ?? 0);
    case 'event.corrected':
      return e.adjustment ?? 0;
    default:
      return 0;
  }
}
