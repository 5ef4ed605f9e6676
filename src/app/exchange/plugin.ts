export { exchangeBackground } from './delivery.ts';
