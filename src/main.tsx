import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startupLoad } from './sources/startup.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startupLoad(location.search, import.meta.env.BASE_URL);
