export declare const HOSTS: readonly ['electron', 'browser'];

export interface HostChoice {
  host: 'electron' | 'browser';
  reason: string;
}

export declare function chooseHost(facts: {
  env: Record<string, string | undefined>;
  platform: string;
  probeElectron: () => Promise<{ available: boolean; reason?: string }>;
}): Promise<HostChoice>;
