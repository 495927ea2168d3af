// The patrol routes' inputs (issue 13): checked here, with messages that say what to send.
import { z } from 'zod';
import { isoDateText } from '../taskings/tasking-schemas';

const clockTime = z.string({ error: 'expected a London time, HH:MM' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a London time, HH:MM (00:00 to 23:59)');
const position = z
  .tuple([z.number({ error: 'expected a longitude' }).min(-180).max(180), z.number({ error: 'expected a latitude' }).min(-90).max(90)], {
    error: 'expected [longitude, latitude]',
  })
  .transform((p): [number, number] => [p[0], p[1]]);
const officers = z
  .array(z.string().trim().min(1, 'expected a name').max(80, 'expected at most 80 characters'), { error: 'expected a list of officers, e.g. ["theo.adams"]' })
  .min(1, 'expected at least one officer')
  .max(12, 'expected at most 12 officers');
const breakMinutes = z.number({ error: 'expected whole minutes' }).int('expected whole minutes').min(0, 'expected 0..180').max(180, 'expected 0..180');
const id = z.number({ error: 'expected a tasking id' }).int('expected a tasking id').min(1, 'expected a tasking id');

export const newPlanBody = z
  .object({
    team: z.string({ error: 'expected a team, e.g. theo' }).trim().min(1, 'expected a team, e.g. theo').max(60, 'expected at most 60 characters'),
    date: isoDateText,
    shiftStart: clockTime,
    shiftEnd: clockTime,
    officers,
    start: position.optional(),
    baseId: z.number({ error: 'expected a base id' }).int('expected a base id').min(1, 'expected a base id').optional(),
    taskingIds: z.array(id).max(100, 'expected at most 100 taskings').optional(),
    breakMinutes: breakMinutes.optional(),
  })
  .strict()
  .refine((b) => (b.start === undefined) !== (b.baseId === undefined), {
    message: 'give either start ([longitude, latitude]) or baseId, not both',
    path: ['start'],
  });

export const planPatchBody = z
  .object({
    version: z.number({ error: 'expected the version you last read (a whole number)' }).int('expected a whole number').min(1, 'expected 1 or more'),
    shiftStart: clockTime.optional(),
    shiftEnd: clockTime.optional(),
    officers: officers.optional(),
    breakMinutes: breakMinutes.optional(),
    order: z.array(id).max(300, 'expected at most 300 visits').nullable().optional(),
  })
  .strict();

export const planListQuery = z.object({ date: isoDateText.optional(), team: z.string().trim().min(1).max(60).optional(), from: isoDateText.optional() });

const instant = (example: string) =>
  z
    .string({ error: `expected a date and time with its offset, e.g. ${example}` })
    .min(1)
    .max(40);

/** A visit an officer's phone logs against a plan (decision 038); the officer is whoever is signed in. */
export const planVisitBody = z
  .object({
    taskingId: id,
    startedAt: instant('2026-06-12T16:05:00.000Z'),
    endedAt: instant('2026-06-12T16:20:00.000Z'),
    clientRef: z
      .string({ error: 'expected the reference the phone gave this visit' })
      .trim()
      .min(8, 'expected the reference the phone gave this visit (8 to 100 characters)')
      .max(100, 'expected at most 100 characters'),
    note: z.string().trim().max(1000, 'expected at most 1000 characters').optional(),
  })
  .strict();

export const planIdParam = z.object({ id: z.coerce.number({ error: 'expected a plan id' }).int('expected a plan id').min(1, 'expected a plan id') });

export const newBaseBody = z
  .object({
    name: z
      .string({ error: 'expected a name, e.g. Council depot' })
      .trim()
      .min(1, 'expected a name, e.g. Council depot')
      .max(80, 'expected at most 80 characters'),
    point: position,
  })
  .strict();
