export * from './kinds.ts';
export * from './recipients.ts';
export * from './preferences.ts';
export * from './schedule.ts';
export * from './message.ts';
