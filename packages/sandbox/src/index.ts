export { DEFAULT_SECRET_KEY, startSandbox } from './server';
export { TEST_CARDS } from './test-cards';
export { THREE_DS_CODE } from './routes/three-ds';

export type { Sandbox, SandboxOptions } from './server';
export type { TestCard } from './test-cards';
