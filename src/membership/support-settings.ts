import { z } from 'zod';
import { translationsSchema } from '../i18n/outlet-text.js';

/** The texts the newsroom writes, with their limits: the same in every language. */
const words = {
  pitch: z.string().trim().max(2000, 'must be at most 2,000 characters'),
  otherWays: z.string().trim().max(5000, 'must be at most 5,000 characters'),
  payByHand: z.string().trim().max(3000, 'must be at most 3,000 characters'),
  appealHeading: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  appealText: z.string().trim().min(1, 'must not be empty').max(600, 'must be at most 600 characters'),
  appealButton: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
};
export type SupportText = keyof typeof words;
export const SUPPORT_TEXTS = Object.keys(words) as SupportText[];

/** What the newsroom writes for /support and the appeal at the end of stories, and how often it shows. */
export const supportSettingsSchema = z.object({
  pitch: words.pitch,
  otherWays: words.otherWays,
  /** How to become a patron without card payments (bank transfer details, whom to write to). Shown on every tier when Stripe is not set up. */
  payByHand: words.payByHand,
  appealEnabled: z.boolean(),
  appealHeading: words.appealHeading,
  appealText: words.appealText,
  appealButton: words.appealButton,
  /** Days a dismissed appeal stays away. */
  dismissDays: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365'),
  /** Stories a reader reads before the appeal first shows. */
  skipFirstArticles: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').max(50, 'must be at most 50'),
  /** The texts above in the outlet's other languages; an empty one shows the default language's. */
  translations: translationsSchema(words),
});
export type SupportSettings = z.infer<typeof supportSettingsSchema>;

export const DEFAULT_SUPPORT_SETTINGS: SupportSettings = {
  pitch:
    'We have no owner to answer to and no billionaire to bail us out. Our reporting is paid for by the people who read it. ' +
    'Patrons give about what a coffee costs each month, and in return they help decide what we cover next.',
  otherWays: 'Tips, documents and corrections are support too. So is sharing a story you found useful with someone who should read it.',
  payByHand:
    'Write to us with the tier you would like and whether you prefer to pay monthly or yearly. We will reply with our bank details and set up your patronage by hand.',
  appealEnabled: true,
  appealHeading: 'This story was paid for by readers',
  appealText:
    'No paywall, no tracking ads. If this reporting was worth something to you, become a patron for about the price of a coffee a month, and vote on what we investigate next.',
  appealButton: 'Become a patron',
  dismissDays: 30,
  skipFirstArticles: 2,
  translations: {},
};
