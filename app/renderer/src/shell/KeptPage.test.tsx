// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { PageProps } from '../features/feature-manifest';
import { KeptPage } from './KeptPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let renders = 0;

/** A page with state of its own (a count) and a button that can hold focus. */
function CountingPage(_: PageProps) {
  renders += 1;
  const [count, setCount] = useState(0);
  return (
    <div className="page">
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        Count {count}
      </button>
    </div>
  );
}

let container: HTMLDivElement;
let root: Root;
let location: { hook: ReturnType<typeof memoryLocation>['hook']; navigate: ReturnType<typeof memoryLocation>['navigate'] };

beforeEach(async () => {
  renders = 0;
  location = memoryLocation({ path: '/other' });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root.render(
      <Router hook={location.hook}>
        <KeptPage path="/kept" page={CountingPage} />
      </Router>,
    );
  });
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

const go = (path: string) => act(async () => location.navigate(path));
const button = () => container.querySelector('button');
const box = () => container.querySelector<HTMLElement>('.kept-page');

describe('KeptPage', () => {
  it('mounts nothing until its route is visited', async () => {
    expect(container.innerHTML).toBe('');
    await go('/kept');
    expect(button()?.textContent).toBe('Count 0');
  });

  it('keeps the page, hidden, while another route shows, and shows it again as it was, focus included', async () => {
    await go('/kept');
    await act(async () => button()!.click());
    await act(async () => button()!.click());
    button()!.focus();
    expect(button()!.textContent).toBe('Count 2');

    await go('/other');
    expect(box()!.style.display).toBe('none');
    expect(button()?.textContent).toBe('Count 2'); // still in the DOM, not shown
    button()!.blur(); // where focus goes when the shown page changes (the body)

    const rendersWhileAway = renders;
    await go('/elsewhere');
    expect(renders).toBe(rendersWhileAway); // navigating among other routes does not render the hidden page

    await go('/kept');
    expect(box()!.style.display).not.toBe('none');
    expect(button()!.textContent).toBe('Count 2');
    expect(document.activeElement).toBe(button());
  });
});
