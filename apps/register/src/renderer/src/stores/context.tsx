import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { RegisterStores } from './register-stores';

const StoresContext = createContext<RegisterStores | null>(null);

export function StoresProvider({ stores, children }: { stores: RegisterStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): RegisterStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() outside <StoresProvider>');
  return stores;
}

type StateOf<S> = S extends StoreApi<infer T> ? T : never;
type StoreName = Exclude<keyof RegisterStores, 'transport'>;

/** Subscribes a component to one slice of one store; it re-renders only when that slice changes. */
export function useRegister<N extends StoreName, U>(name: N, selector: (state: StateOf<RegisterStores[N]>) => U): U {
  const store = useStores()[name] as unknown as StoreApi<unknown>;
  return useStore(store, selector as (state: unknown) => U);
}
