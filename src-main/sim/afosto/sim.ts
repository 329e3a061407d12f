/** The context every Afosto route module registers against: state, task queue, views and the router. */
import { Router } from '../http';
import type { SimState } from '../state';
import { createAfostoStore } from './store';
import { createTaskQueue } from './tasks';
import { createViews } from './views';

export function createAfostoSim(state: SimState) {
  const store = createAfostoStore(state);
  return { ...store, ...createTaskQueue(state), ...createViews(store), r: new Router() };
}

export type AfostoSim = ReturnType<typeof createAfostoSim>;
