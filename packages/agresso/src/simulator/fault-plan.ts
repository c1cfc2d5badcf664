import type { SimulatorFault, SimulatorService } from './types';

const SERVICES: readonly SimulatorFault['service'][] = ['ImportService', 'CustomerService', 'QueryEngineService', 'any'];
const KINDS: readonly SimulatorFault['kind'][] = ['soap-fault', 'http-500', 'slow', 'timeout-after-queue', 'reset'];

/** Injected faults, consumed in the order they were added by the requests they match. */
export interface FaultPlan {
  add(fault: SimulatorFault): void;
  clear(): void;
  /** The fault this request meets, if any (one use of it is spent). A request to no known service only meets 'any'. */
  take(service: SimulatorService | null): SimulatorFault | null;
  list(): (SimulatorFault & { remaining: number })[];
}

export function createFaultPlan(): FaultPlan {
  let active: { fault: SimulatorFault; remaining: number }[] = [];
  return {
    add(fault) {
      const checked = checkFault(fault);
      active.push({ fault: checked, remaining: checked.times ?? 1 });
    },
    clear() {
      active = [];
    },
    take(service) {
      const entry = active.find((e) => e.fault.service === 'any' || e.fault.service === service);
      if (!entry) return null;
      entry.remaining--;
      if (entry.remaining <= 0) active = active.filter((e) => e !== entry);
      return entry.fault;
    },
    list() {
      return active.map((e) => ({ ...e.fault, remaining: e.remaining }));
    },
  };
}

/** Faults also arrive as JSON over the control API, so they are checked rather than trusted. */
export function checkFault(input: unknown): SimulatorFault {
  if (typeof input !== 'object' || input === null) throw new Error('A fault must be an object');
  const f = input as Record<string, unknown>;
  if (!SERVICES.includes(f.service as SimulatorFault['service'])) throw new Error(`fault.service must be one of ${SERVICES.join(', ')}`);
  if (!KINDS.includes(f.kind as SimulatorFault['kind'])) throw new Error(`fault.kind must be one of ${KINDS.join(', ')}`);
  const positive = (name: string, allowZero: boolean): number | undefined => {
    const v = f[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !(Number.isInteger(v) || v === Infinity) || v < (allowZero ? 0 : 1)) {
      throw new Error(`fault.${name} must be a whole number ${allowZero ? '>= 0' : '>= 1'}`);
    }
    return v;
  };
  const times = positive('times', false);
  const delayMs = positive('delayMs', true);
  if (f.faultString !== undefined && typeof f.faultString !== 'string') throw new Error('fault.faultString must be text');
  return {
    service: f.service as SimulatorFault['service'],
    kind: f.kind as SimulatorFault['kind'],
    ...(times !== undefined && { times }),
    ...(delayMs !== undefined && { delayMs }),
    ...(f.faultString !== undefined && { faultString: f.faultString as string }),
  };
}
