export { notificationsBackground } from './delivery.ts';
export { notify } from './notify.ts';
