export type * from './graph-types.ts';
export type * from './scenario.ts';
export * from './domain.ts';
export type * from './assessment.ts';
export type * from './incident.ts';
