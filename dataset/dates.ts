import { z } from 'zod';

/** A calendar date as the dataset writes it and the API accepts it: YYYY-MM-DD, a day that exists. */
export const isoDate = z.iso.date({ error: 'expected an RFC 3339 full date (YYYY-MM-DD) that exists' });
