import { StrictMode } from 'react';

performance.mark('outpost:app-start');
import { createRoot } from 'react-dom/client';
import './theme.css';
import './stores/theme-store';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
