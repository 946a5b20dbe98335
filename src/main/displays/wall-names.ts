/**
 * The walls of the renderer's catalogue, in its order, for the host to give new displays a
 * wall before any page is loaded. The renderer checks `?wall=` against its own catalogue; a
 * unit test keeps this list equal to it.
 */
export const HOST_WALLS = ['national-overview', 'region-focus', 'category-reserves', 'alerts-tasks', 'traceability', 'emergency-operations', 'optimisation', 'scenario', 'registry'] as const;
