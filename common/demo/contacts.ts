import type { Contact, ContactRole } from '../model';
import { slugify } from './account-profile';
import type { AccountSimulation } from './account-simulation';
import type { BookWindow } from './book-window';
import { FIRST_NAMES, LAST_NAMES, TIER_PROFILES, TITLES_BY_ROLE } from './catalogue';
import { dayToIsoDate } from './demo-dates';
import type { Random } from '../random/seeded-random';
import { withSyncFields } from './sync-stamp';

/** Chance that a contact who is not a churn driver (a user, admin...) left anyway: noise a model must see through. */
const INCIDENTAL_DEPARTURE = 0.06;

/**
 * The account's people. Each champion departure among the drivers retires the champion of the day (status
 * 'departed', departedOn) and usually brings in a successor; other roles occasionally leave as background noise.
 */
export function buildContacts(sim: AccountSimulation, window: BookWindow, rng: Random): Contact[] {
  const { profile } = sim;
  const owner = { ownerId: profile.ownerId, teamId: window.teamId };
  const contacts: Contact[] = [];
  const usedNames = new Set<string>();
  const add = (role: ContactRole, departedOn?: number): void => {
    let name = '';
    for (let attempt = 0; attempt < 5 && (name === '' || usedNames.has(name)); attempt += 1) {
      name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    }
    usedNames.add(name);
    const n = contacts.length + 1;
    contacts.push(
      withSyncFields(
        {
          id: `${profile.id}:contact-${n}`,
          externalId: `${profile.externalId}-C${n}`,
          accountId: profile.id,
          name,
          email: `${slugify(name, '.')}@${profile.domain}`,
          title: rng.pick(TITLES_BY_ROLE[role]),
          role,
          status: departedOn === undefined ? 'active' : 'departed',
          ...(departedOn === undefined ? {} : { departedOn: dayToIsoDate(departedOn) }),
        },
        owner,
        window.stamp,
      ),
    );
  };

  const departures = sim.epochs
    .map((epoch) => epoch.drivers.championDepartedOn)
    .filter((day): day is number => day !== undefined);
  for (const day of departures) add('champion', day);
  const lastDeparture = departures[departures.length - 1];
  const replaced = lastDeparture === undefined || (window.asOfDay - lastDeparture > 21 && rng.chance(0.55));
  if (replaced) add('champion');

  const incidental = (): number | undefined =>
    rng.chance(INCIDENTAL_DEPARTURE) ? rng.int(Math.max(window.windowStartDay, sim.customerSinceDay), window.asOfDay) : undefined;
  add('executive_sponsor', incidental());
  add('admin', incidental());
  add('billing', incidental());
  const [minContacts, maxContacts] = TIER_PROFILES[profile.tier].contacts;
  const users = Math.max(0, rng.int(minContacts, maxContacts) - 4);
  for (let u = 0; u < users; u += 1) add('user', incidental());
  return contacts;
}
