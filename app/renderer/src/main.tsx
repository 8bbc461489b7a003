import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './theme.css';
import './stores/theme-store';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
