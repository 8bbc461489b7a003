import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './stores/theme-store';
import './components/data-table.css';
import { App } from './App';

performance.mark('outpost:app-start');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
