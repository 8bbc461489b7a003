import { useState } from 'react';
import { Link } from 'wouter';

const SEEN_KEY = 'outpost.tour.seen';

interface TourStep {
  title: string;
  text: string;
  link?: { href: string; label: string };
}

const STEPS: readonly TourStep[] = [
  {
    title: 'Your book, on this laptop',
    text: 'Outpost keeps every account you own on this device: it works offline, and edits sync when a team server is set up (Settings → Team sync). The first start fills a demo book so there is something to try.',
  },
  {
    title: 'Accounts: name and scores side by side',
    text: 'The grid shows each account with its Health, Risk and Expansion scores, computed on this device. Sort by a header, filter under it, and save the result as a view; your column choices are kept per view.',
    link: { href: '/accounts', label: 'Open Accounts' },
  },
  {
    title: 'An account on one page',
    text: 'Open an account for its scores and the reasons behind them, usage, contacts, revenue and timeline. Click a value to edit it; every change can be undone from the notice at the bottom or with Ctrl+Z.',
  },
  {
    title: 'Alerts and help',
    text: 'Alerts lists accounts that crossed a rule (sort, filter, acknowledge several at once, undo). Press ? at any time for the keyboard shortcuts.',
    link: { href: '/alerts', label: 'Open Alerts' },
  },
];

function alreadySeen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === 'yes';
  } catch {
    return false;
  }
}

/**
 * A short first-run tour in the page (not over it, so nothing is hidden behind it): four steps, skippable at any
 * point, shown once per device (localStorage, like the theme).
 */
export function FirstRunTour() {
  const [step, setStep] = useState<number | null>(() => (alreadySeen() ? null : 0));
  if (step === null) return null;
  const finish = () => {
    try {
      localStorage.setItem(SEEN_KEY, 'yes');
    } catch {
      // Storage refused (private mode): the tour simply shows again next time.
    }
    setStep(null);
  };
  const current = STEPS[step]!;
  const last = step === STEPS.length - 1;
  return (
    <section className="first-run-tour" aria-labelledby="tour-title" data-testid="first-run-tour">
      <div className="tour-text">
        <p className="muted tour-count">
          Getting started · {step + 1} of {STEPS.length}
        </p>
        <h2 id="tour-title">{current.title}</h2>
        <p>
          {current.text}
          {current.link && (
            <>
              {' '}
              <Link href={current.link.href}>{current.link.label}</Link>
            </>
          )}
        </p>
      </div>
      <div className="tour-actions">
        {step > 0 && (
          <button type="button" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        <button type="button" className="primary" onClick={() => (last ? finish() : setStep(step + 1))}>
          {last ? 'Done' : 'Next'}
        </button>
        {!last && (
          <button type="button" onClick={finish}>
            Skip tour
          </button>
        )}
      </div>
    </section>
  );
}
