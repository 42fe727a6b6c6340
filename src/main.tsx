import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startupLoad } from './address/startup.ts';
import { startUrlSync } from './address/url-state.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startUrlSync();
void startupLoad(location.search, location.hash);
