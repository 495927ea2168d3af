// A tasking as a stop of a shift (decision 037): its title names the area, officers go to the
// centre of its cells (where its label sits on the map), with its time bands and planned dosage.
// Shared by the server's plans and the planner's page, which retimes a hand-made order at once.
import type { PlannedDosage } from '../taskings/koper';
import { labelPointOfCells } from '../taskings/tasking-area';
import type { TimeBand } from '../taskings/time-bands';
import type { PatrolStop } from './patrol-input';

export interface TaskingForStop {
  id: number;
  title: string;
  cells: readonly string[];
  timeBands: readonly TimeBand[];
  plannedDosage: PlannedDosage | null;
}

export function stopOfTasking(tasking: TaskingForStop): PatrolStop {
  return {
    taskingId: tasking.id,
    area: tasking.title,
    point: labelPointOfCells(tasking.cells),
    timeBands: tasking.timeBands,
    plannedDosage: tasking.plannedDosage,
  };
}
