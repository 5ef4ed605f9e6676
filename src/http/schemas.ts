// Request-schema pieces shared by the routes.
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/date.ts';

/** A real calendar date written YYYY-MM-DD: the shape first (it shows in the OpenAPI document), then the calendar's check. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD').refine(isIsoDate, '不是真实的日期');
